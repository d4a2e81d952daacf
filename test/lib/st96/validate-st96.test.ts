import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import { parseCsv } from '../../../src/lib/csv/parse-csv.ts';
import {
  planRuns,
  ST96_SCHEMA_FILES,
  type St96ValidationResult,
  validateSt96,
} from '../../../src/lib/st96/validate-st96.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const SCHEMA_DIR = 'standards/st96';
const SAMPLES = 'test/fixtures/st96-samples';
const MINIMAL = join(SAMPLES, 'minimal_PatentLegalStatusData_V6_0.xml');
const EXAMPLE = join(SAMPLES, 'example_PatentLegalStatusData_V6_0.xml');
const tempDir = useTempDirs();

/** The 1-based line of the first occurrence of `text`. */
function lineOf(xml: string, text: string): number {
  const at = xml.indexOf(text);
  if (at < 0) throw new Error(`${text} not found`);
  return xml.slice(0, at).split('\n').length;
}

describe('validateSt96(xmlFiles, schemaDir)', () => {
  const files: Record<string, string> = {};
  let example = '';
  let results: St96ValidationResult[];

  beforeAll(async () => {
    const dir = await tempDir();
    example = await readFile(EXAMPLE, 'utf8');
    // Same file name in two folders: results must still be told apart.
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    files.broken = join(dir, 'a', 'doc.xml');
    files.malformed = join(dir, 'b', 'doc.xml');
    await writeFile(
      files.broken,
      example.replace('com:st96Version="V6_0"', 'com:st96Version="V7_0"').replace('>F10<', '>ZZZ<'),
    );
    // Cut off in the middle: not well-formed.
    await writeFile(files.malformed, example.slice(0, example.indexOf('<pat:StatusEventData>', 1500)));
    results = await validateSt96([MINIMAL, files.broken, EXAMPLE, files.malformed], SCHEMA_DIR);
  }, 120_000);

  it('passes both samples', () => {
    expect(results[0]).toEqual({ file: MINIMAL, valid: true, errors: [] });
    expect(results[2]).toEqual({ file: EXAMPLE, valid: true, errors: [] });
  });

  it('fails a wrong st96Version and an unknown KeyEventCode, with their lines', () => {
    const broken = results[1] as St96ValidationResult;
    expect(broken.file).toBe(files.broken);
    expect(broken.valid).toBe(false);
    expect(broken.errors).toHaveLength(2);
    const [version, key] = broken.errors;
    // libxml2 gives an element's line as the line its start tag ends on.
    const rootStart = example.indexOf('<pat:PatentLegalStatusData');
    expect(version?.line).toBe(example.slice(0, example.indexOf('>', rootStart)).split('\n').length);
    expect(version?.message).toContain("The value 'V7_0' does not match the fixed value constraint 'V6_0'");
    expect(key?.line).toBe(lineOf(example, '>F10<'));
    expect(key?.message).toContain("KeyEventCode': [facet 'enumeration'] The value 'ZZZ'");
  });

  it('fails a document that is not well-formed, with the line of the parser error', () => {
    const malformed = results[3] as St96ValidationResult;
    expect(malformed.file).toBe(files.malformed);
    expect(malformed.valid).toBe(false);
    expect(malformed.errors[0]?.message).toMatch(/parser error/);
    expect(malformed.errors[0]?.line).toBeGreaterThan(lineOf(example, '<pat:StatusEventData>'));
  });

  it('returns nothing for no files, without running xmllint', async () => {
    expect(await validateSt96([], '/nonexistent')).toEqual([]);
  });

  it('says which schema file is missing', async () => {
    const error = await validateSt96([MINIMAL], await tempDir()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain(`Cannot read the ST.96 schema file`);
    expect((error as Error).message).toContain(ST96_SCHEMA_FILES[0]);
  });

  it('says which XML file is missing', async () => {
    const missing = join(await tempDir(), 'none.xml');
    const error = await validateSt96([MINIMAL, missing], SCHEMA_DIR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain(`Cannot read the XML file ${missing}`);
  });
});

describe('planRuns(sizes, limit)', () => {
  it('groups files in order up to the limit, a larger file alone', () => {
    expect(planRuns([], 10)).toEqual([]);
    expect(planRuns([4, 4, 2, 1], 10)).toEqual([[0, 1, 2], [3]]);
    expect(planRuns([3, 25, 3, 3], 10)).toEqual([[0], [1], [2, 3]]);
    expect(planRuns([10, 10], 10)).toEqual([[0], [1]]);
  });
});

describe('the ST.27 codes of the project in the ST.96 V6_0 enumerations', () => {
  let enumerations: Record<string, Set<string>>;

  beforeAll(async () => {
    const patent = await readFile(join(SCHEMA_DIR, 'PatentLegalStatusData_V6_0.xsd'), 'utf8');
    const common = await readFile(join(SCHEMA_DIR, 'PatentLegalStatusData_V6_0_Common.xsd'), 'utf8');
    const values = (xsd: string, type: string) => {
      const body = new RegExp(`<xsd:simpleType name="${type}">([\\s\\S]*?)</xsd:simpleType>`).exec(xsd)?.[1];
      if (!body) throw new Error(`${type} not found`);
      return new Set([...body.matchAll(/<xsd:enumeration value="([^"]*)"/g)].map((m) => m[1] as string));
    };
    enumerations = {
      keyEvent: values(patent, 'KeyEventCodeType'),
      detailedEvent: values(patent, 'DetailedEventCodeType'),
      state: values(common, 'StateCodeType'),
      previousStage: values(common, 'StageCodeType'),
      currentStage: values(common, 'StageCodeType'),
    };
  });

  it('has every code of the ST.27 list (src/lib/standards/st27.json)', async () => {
    const st27 = JSON.parse(await readFile('src/lib/standards/st27.json', 'utf8')) as {
      states: { code: string }[];
      stages: { code: string }[];
      events: { code: string; type: string }[];
    };
    expect(enumerations.keyEvent?.size).toBe(42);
    expect(enumerations.detailedEvent?.size).toBe(179);
    const missing = [
      ...st27.events
        .filter((e) => e.type !== 'detailed' && !enumerations.keyEvent?.has(e.code))
        .map((e) => `key ${e.code}`),
      ...st27.events
        .filter((e) => e.type !== 'key' && !enumerations.detailedEvent?.has(e.code))
        .map((e) => `detailed ${e.code}`),
      ...st27.states.filter((s) => !enumerations.state?.has(s.code)).map((s) => `state ${s.code}`),
      ...st27.stages.filter((s) => !enumerations.previousStage?.has(s.code)).map((s) => `stage ${s.code}`),
    ];
    expect(missing).toEqual([]);
  });

  it('has every code of the patent mapping table (mappings/patent.csv)', async () => {
    const [header, ...rows] = parseCsv(await readFile('mappings/patent.csv', 'utf8'));
    const columns = ['keyEvent', 'detailedEvent', 'state', 'previousStage', 'currentStage'] as const;
    const missing: string[] = [];
    rows.forEach((row, i) => {
      for (const column of columns) {
        const value = row[(header as string[]).indexOf(column)] as string;
        if (!enumerations[column]?.has(value)) missing.push(`line ${i + 2} ${column} ${value}`);
      }
    });
    expect(rows.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });
});
