import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import type { DataRelease } from '../../../src/lib/datasets/data-release.ts';
import {
  buildCatalog,
  catalogQuads,
  toTurtle,
  writeCatalog,
} from '../../../src/lib/datasets/dcat-catalog.ts';
import {
  CATALOG_VOCABULARIES_DIR,
  SHACL_ENGINES,
  validateCatalog,
  vocabularyCodes,
} from '../../../src/lib/datasets/validate-catalog.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import { FIXTURE_BASE_URL, FIXTURE_TABLES, fixtureRelease, measured, partFiles } from './release-fixture.ts';

const tempDir = useTempDirs();
const SHAPES = 'standards/dcat-ap-no';
const VOCABULARIES = 'standards/vocabularies';
const CATALOGS = 'test/fixtures/dcat-catalogs';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const SPDX = 'http://spdx.org/rdf/terms#';
const EU = 'http://publications.europa.eu/resource/authority/';
const LOS = 'https://psi.norge.no/los/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const parseTurtle = (text: string): Quad[] => new Parser({ format: 'text/turtle' }).parse(text);

async function parseJsonLd(document: object): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
  })) as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

/** A quad as a comparable string (the graphs have no blank nodes, so equal sets mean isomorphic). */
const key = ({ subject, predicate, object }: Quad) =>
  [
    subject.termType,
    subject.value,
    predicate.value,
    object.termType,
    object.value,
    object.termType === 'Literal' ? `${object.language}|${object.datatype.value}` : '',
  ].join(' ');
const keys = (quads: Quad[]) => [...new Set(quads.map(key))].sort();

const objects = (quads: Quad[], subject: string, predicate: string) =>
  quads
    .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
    .map((q) => q.object.value);
const subjectsOfType = (quads: Quad[], type: string) =>
  quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);

/**
 * Expects no validation result at all from either engine, printing each one so a failure says
 * what is wrong.
 */
async function expectConforming(turtle: string) {
  const { conforms, violations } = await validateCatalog(turtle, SHAPES, VOCABULARIES);
  expect(violations.map((v) => `${v.engine}: ${v.severity} ${v.focusNode} ${v.path}: ${v.message}`)).toEqual(
    [],
  );
  expect(conforms).toBe(true);
}

/** Expects a violation at `path` from each engine. */
async function expectViolation(turtle: string, path: string, vocabularies = VOCABULARIES) {
  const { conforms, violations } = await validateCatalog(turtle, SHAPES, vocabularies);
  expect(conforms).toBe(false);
  for (const engine of SHACL_ENGINES) {
    expect(
      violations.filter((v) => v.engine === engine && v.severity === 'Violation').map((v) => v.path),
      engine,
    ).toContain(path);
  }
}

const release = fixtureRelease();
/** The tables the catalog has a dataset for: the deletions belong to the other tables' deltas. */
const datasetTables = FIXTURE_TABLES.filter((t) => t.replaceKey !== null);
const sha1 = new Map(
  release.files.map((f) => [f.path, createHash('sha1').update(f.path).digest('hex')] as [string, string]),
);
const catalog = buildCatalog(release, { sha1 });
const quads = parseTurtle(catalog.turtle);
const datasets = subjectsOfType(quads, `${DCAT}Dataset`);
const distributions = subjectsOfType(quads, `${DCAT}Distribution`);

describe('validateCatalog', () => {
  it('passes the valid example catalog of the DCAT-AP-NO validator and fails its invalid one', async () => {
    const valid = await readFile(join(CATALOGS, 'validator-service_valid_catalog.ttl'), 'utf8');
    await expectConforming(valid);
    const invalid = await validateCatalog(
      await readFile(join(CATALOGS, 'validator-service_invalid_catalog.ttl'), 'utf8'),
      SHAPES,
      VOCABULARIES,
    );
    expect(invalid.conforms).toBe(false);
    for (const engine of SHACL_ENGINES) {
      expect(invalid.violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ engine, severity: 'Violation', path: `${DCT}description` }),
          expect.objectContaining({ engine, severity: 'Violation', path: `${DCAT}theme` }),
        ]),
      );
    }
  });

  it('reads the JSON-LD example of the validator as the same graph as its Turtle', async () => {
    const ttl = parseTurtle(await readFile(join(CATALOGS, 'validator-service_valid_catalog.ttl'), 'utf8'));
    const json = JSON.parse(await readFile(join(CATALOGS, 'validator-service_valid_catalog.jsonld'), 'utf8'));
    expect(keys(await parseJsonLd(json))).toEqual(keys(ttl));
  });

  it('says what is wrong with a catalog that is not Turtle, and with missing shapes or vocabularies', async () => {
    await expect(validateCatalog('<a> <b> .', SHAPES)).rejects.toThrow(/^The catalog is not valid Turtle/);
    await expect(validateCatalog('', '/nowhere')).rejects.toThrow(CliError);
    await expect(validateCatalog('', SHAPES, '/nowhere')).rejects.toThrow(
      /^Cannot read the controlled vocabulary \/nowhere\//,
    );
  });

  it('reads the vocabularies from standards/vocabularies by default', () => {
    expect(CATALOG_VOCABULARIES_DIR).toBe(join(process.cwd(), VOCABULARIES));
  });
});

describe('the controlled vocabularies', () => {
  it('are the codes of the files in standards/vocabularies, each with the scheme the shapes look for', async () => {
    const codes = await vocabularyCodes(VOCABULARIES);
    const of = (scheme: string) => [...(codes.get(scheme) ?? [])];
    // Stated with skos:inScheme in the file:
    expect(of(`${EU}licence`).sort()).toEqual(
      ['CC0', 'CC_BY_4_0', 'NLOD_2_0'].map((c) => `${EU}licence/${c}`),
    );
    expect(of(`${EU}language`)).toEqual(expect.arrayContaining([`${EU}language/NOB`, `${EU}language/NNO`]));
    expect(of(`${EU}access-right`)).toContain(`${EU}access-right/PUBLIC`);
    expect(of(`${EU}frequency`)).toContain(`${EU}frequency/WEEKLY`);
    expect(of(`${EU}data-theme`)).toHaveLength(13);
    expect(of(`${LOS}ontologi/ord`)).toContain(`${LOS}ord/patent-design-og-varemerke`);
    // Derived from the class of the codes in a harvest that kept no skos:inScheme:
    expect(of(`${EU}file-type`)).toHaveLength(198);
    expect(of(`${EU}file-type`)).toEqual(
      expect.arrayContaining([`${EU}file-type/CSV`, `${EU}file-type/XML`]),
    );
    expect(of(`${EU}file-type`)).not.toContain(`${EU}file-type/PARQUET`);
    expect(of(`${EU}country`).sort()).toEqual(['DEU', 'FRA', 'NOR'].map((c) => `${EU}country/${c}`));
  });

  it('are carried unchanged: each file has the sha256 standards/README.md gives it', async () => {
    const readme = await readFile('standards/README.md', 'utf8');
    const recorded = [...readme.matchAll(/^\| `vocabularies\/([^`]+)` \| ([0-9a-f]{16}) \|$/gm)];
    const files = (await readdir(VOCABULARIES)).sort();
    expect(recorded.map((m) => m[1])).toEqual(files);
    for (const [, file, prefix] of recorded) {
      const bytes = await readFile(join(VOCABULARIES, file as string));
      expect(createHash('sha256').update(bytes).digest('hex').slice(0, 16), file).toBe(prefix);
    }
  });

  it('hold every EU authority and Los value the catalog uses', async () => {
    const codes = new Set([...(await vocabularyCodes(VOCABULARIES)).values()].flatMap((s) => [...s]));
    const values = [
      ...new Set(
        quads
          .filter((q) => q.object.value.startsWith(EU) || q.object.value.startsWith(LOS))
          .map((q) => q.object.value),
      ),
    ];
    expect(values.length).toBeGreaterThanOrEqual(12);
    expect(values.filter((v) => !codes.has(v))).toEqual([]);
  });

  it('fail a catalog with a code that is not in them, under both engines', async () => {
    const cases: [string, string, string][] = [
      [`<${EU}licence/NLOD_2_0>`, `<${EU}licence/NLOD_9_9>`, `${DCT}license`],
      // NLOD 1.0 is in the EU table but not in data.norge.no's list of licences.
      [`<${EU}licence/NLOD_2_0>`, `<${EU}licence/NLOD_1_0>`, `${DCT}license`],
      ['file-type/CSV>', 'file-type/CSV_TIDENDE>', `${DCT}format`],
      ['file-type/XML>', 'file-type/PARQUET>', `${DCT}format`],
      ['language/NNO>', 'language/NYN>', `${DCT}language`],
      ['frequency/WEEKLY>', 'frequency/FORTNIGHTLY>', `${DCT}accrualPeriodicity`],
      ['access-right/PUBLIC>', 'access-right/OPEN>', `${DCT}accessRights`],
    ];
    for (const [from, to, path] of cases) {
      expect(catalog.turtle).toContain(from);
      await expectViolation(catalog.turtle.replaceAll(from, to), path);
    }
  });

  it('come from the files, not from the code: a licence taken out of its file fails', async () => {
    const dir = await tempDir();
    await cp(VOCABULARIES, dir, { recursive: true });
    const licences = await readFile(join(dir, 'open-licenses.ttl'), 'utf8');
    await writeFile(
      join(dir, 'open-licenses.ttl'),
      licences.replace(/licence\/NLOD_2_0>/, 'licence/NLOD_2_X>'),
    );
    await expectViolation(catalog.turtle, `${DCT}license`, dir);
    const incomplete = await tempDir();
    await cp(VOCABULARIES, incomplete, { recursive: true });
    await rm(join(incomplete, 'filetypes-sparql-result.ttl'));
    await expect(validateCatalog(catalog.turtle, SHAPES, incomplete)).rejects.toThrow(
      /^Cannot read the controlled vocabulary .*filetypes-sparql-result\.ttl/,
    );
  });

  it('cannot be empty: a file that holds no code of its scheme is refused', async () => {
    const dir = await tempDir();
    await cp(VOCABULARIES, dir, { recursive: true });
    await writeFile(join(dir, 'country-sparql-result.ttl'), '');
    await expect(validateCatalog(catalog.turtle, SHAPES, dir)).rejects.toThrow(
      /holds no code of http:\/\/publications\.europa\.eu\/resource\/authority\/country/,
    );
  });
});

describe('buildCatalog', () => {
  it('conforms to the DCAT-AP-NO 2.0 shapes under both engines, without violations or warnings', async () => {
    await expectConforming(catalog.turtle);
  });

  it('gives every dataset its languages, EU and Los themes, and place', () => {
    expect(datasets).toHaveLength(datasetTables.length + 1);
    for (const dataset of datasets) {
      expect(objects(quads, dataset, `${DCT}language`), dataset).toEqual(
        ['NOB', 'NNO', 'ENG'].map((c) => `${EU}language/${c}`),
      );
      expect(objects(quads, dataset, `${DCAT}theme`), dataset).toEqual([
        `${EU}data-theme/ECON`,
        `${EU}data-theme/GOVE`,
        `${LOS}ord/patent-design-og-varemerke`,
      ]);
      expect(objects(quads, dataset, `${DCT}spatial`), dataset).toEqual([`${EU}country/NOR`]);
    }
  });

  it('gives every distribution that is one file the SHA-1 of that file, and refuses to go without it', () => {
    const files = distributions.filter((d) => objects(quads, d, `${DCAT}downloadURL`).length > 0);
    expect(files).toHaveLength(
      release.files.filter((f) => f.part === 'snapshot' && f.table !== 'deletions').length,
    );
    for (const distribution of files) {
      const [url] = objects(quads, distribution, `${DCAT}downloadURL`) as [string];
      const [checksum] = objects(quads, distribution, `${SPDX}checksum`) as [string];
      expect(objects(quads, checksum, `${SPDX}algorithm`)).toEqual([`${SPDX}checksumAlgorithm_sha1`]);
      expect(objects(quads, checksum, `${SPDX}checksumValue`)).toEqual([
        sha1.get(url.slice(FIXTURE_BASE_URL.length)),
      ]);
    }
    const missing = new Map(sha1);
    missing.delete('snapshot/rights.parquet');
    expect(() => buildCatalog(release, { sha1: missing })).toThrow(
      /^The catalog needs the SHA-1 of snapshot\/rights\.parquet/,
    );
    expect(() => buildCatalog(release, { sha1: new Map([...sha1].map(([k]) => [k, 'sha256:00'])) })).toThrow(
      CliError,
    );
  });

  it('states the Parquet files by their media type: the EU file types at hand have no Parquet', () => {
    const parquet = `${FIXTURE_BASE_URL}#distribution-rights-parquet`;
    expect(objects(quads, parquet, `${DCT}format`)).toEqual([]);
    expect(objects(quads, parquet, `${DCAT}mediaType`)).toEqual([
      'https://www.iana.org/assignments/media-types/application/vnd.apache.parquet',
    ]);
  });

  it('writes the same graph as Turtle and as JSON-LD, and the JSON-LD conforms too', async () => {
    const fromJsonLd = await parseJsonLd(catalog.jsonld);
    expect(quads.length).toBeGreaterThan(500);
    expect(keys(fromJsonLd)).toEqual(keys(quads));
    expect(
      quads.filter((q) => q.subject.termType !== 'NamedNode' || q.object.termType === 'BlankNode'),
    ).toEqual([]);
    await expectConforming(toTurtle(fromJsonLd));
  });

  it('has a dataset per table and one for the ST.96 legal status, each in the catalog', () => {
    expect(datasets).toEqual([
      ...datasetTables.map((t) => `${FIXTURE_BASE_URL}#dataset-${t.name}`),
      `${FIXTURE_BASE_URL}#dataset-patent_legal_status`,
    ]);
    expect(objects(quads, `${FIXTURE_BASE_URL}#catalog`, `${DCAT}dataset`)).toEqual(datasets);
    const titles = quads.filter(
      (q) => q.subject.value === `${FIXTURE_BASE_URL}#dataset-rights` && q.predicate.value === `${DCT}title`,
    );
    expect(titles.map((q) => [q.object.value, q.object.termType === 'Literal' && q.object.language])).toEqual(
      [
        ['Rettigheter', 'nb'],
        ['Rettar', 'nn'],
        ['Rights', 'en'],
      ],
    );
  });

  it('offers each snapshot file for download with its size and SHA-1, and the deltas by pattern', () => {
    const dataset = `${FIXTURE_BASE_URL}#dataset-patent_legal_status`;
    const distributions = objects(quads, dataset, `${DCAT}distribution`);
    expect(distributions).toEqual([
      `${FIXTURE_BASE_URL}#distribution-patent_legal_status-0001`,
      `${FIXTURE_BASE_URL}#distribution-patent_legal_status-0002`,
      `${FIXTURE_BASE_URL}#distribution-patent_legal_status-deltas-st96`,
    ]);
    for (const file of release.files.filter((f) => f.part === 'snapshot' && f.table !== 'deletions')) {
      const name = file.format === 'parquet' ? `${file.table}-parquet` : file.table;
      const distribution = `${FIXTURE_BASE_URL}#distribution-${name}${file.sequence ? `-000${file.sequence}` : ''}`;
      expect(objects(quads, distribution, `${DCAT}downloadURL`)).toEqual([FIXTURE_BASE_URL + file.path]);
      expect(objects(quads, distribution, `${DCAT}byteSize`)).toEqual([String(file.bytes)]);
      const [checksum] = objects(quads, distribution, 'http://spdx.org/rdf/terms#checksum') as [string];
      expect(objects(quads, checksum, 'http://spdx.org/rdf/terms#checksumValue')).toEqual([
        sha1.get(file.path),
      ]);
    }
    const deltas = `${FIXTURE_BASE_URL}#distribution-rights-deltas-csv`;
    expect(objects(quads, deltas, `${DCAT}downloadURL`)).toEqual([]);
    expect(objects(quads, deltas, `${DCAT}accessURL`)).toEqual([FIXTURE_BASE_URL]);
    expect(objects(quads, deltas, `${DCT}description`).at(-1)).toContain('deltas/<YYYY-WW>/rights.csv.gz');
    expect(
      objects(
        quads,
        `${FIXTURE_BASE_URL}#distribution-patent_legal_status-deltas-st96`,
        `${DCT}description`,
      ).at(-1),
    ).toContain('deltas/<YYYY-WW>/patent-legal-status-NNNN.xml');
  });

  it('keeps the catalog the same size however many issues have deltas', () => {
    const issues = Array.from(
      { length: 200 },
      (_, i) => `${2000 + Math.floor(i / 50)}-${String((i % 50) + 1).padStart(2, '0')}`,
    );
    const many = fixtureRelease({
      files: [...partFiles('snapshot', FIXTURE_TABLES, 2), ...issues.flatMap((i) => partFiles(i))],
    });
    expect(catalogQuads(many, { sha1 })).toHaveLength(quads.length);
  });

  it('is the same for the same release, whatever the order of its files', () => {
    const shuffled = buildCatalog({ ...release, files: [...release.files].reverse() }, { sha1 });
    expect(shuffled.turtle).toBe(catalog.turtle);
    expect(JSON.stringify(shuffled.jsonld)).toBe(JSON.stringify(catalog.jsonld));
  });

  it('fails validation without a publisher, under both engines', async () => {
    const withoutPublisher = toTurtle(quads.filter((q) => q.predicate.value !== `${DCT}publisher`));
    const { conforms, violations } = await validateCatalog(withoutPublisher, SHAPES, VOCABULARIES);
    expect(conforms).toBe(false);
    for (const engine of SHACL_ENGINES) {
      const focus = violations
        .filter((v) => v.engine === engine && v.path === `${DCT}publisher`)
        .map((v) => v.focusNode);
      expect(focus.sort(), engine).toEqual([`${FIXTURE_BASE_URL}#catalog`, ...datasets].sort());
    }
  });

  it('fails validation with what the shapes forbid: SHA-256 checksums, licences off the EU table, byte sizes as integers', async () => {
    const cases: [string, string, string][] = [
      ['spdx:checksumAlgorithm_sha1', 'spdx:checksumAlgorithm_sha256', `${SPDX}algorithm`],
      [`<${EU}licence/NLOD_2_0>`, '<https://data.norge.no/nlod/no/2.0>', `${DCT}license`],
      ['"94222"^^xsd:decimal', '"94222"^^xsd:nonNegativeInteger', `${DCAT}byteSize`],
    ];
    for (const [from, to, path] of cases) {
      expect(catalog.turtle).toContain(from);
      await expectViolation(catalog.turtle.replaceAll(from, to), path);
    }
  });

  it('refuses a licence it cannot state and a data URL it cannot build on', () => {
    expect(() => buildCatalog({ ...release, license: 'https://example.org/licence' }, { sha1 })).toThrow(
      CliError,
    );
    expect(() => buildCatalog({ ...release, baseUrl: 'https://example.org/data' }, { sha1 })).toThrow(
      /ending in "\/"/,
    );
  });
});

describe('writeCatalog', () => {
  async function smallRelease(dir: string): Promise<DataRelease> {
    const tables = FIXTURE_TABLES.filter((t) => t.name === 'rights');
    await mkdir(join(dir, 'snapshot'), { recursive: true });
    const csv = 'right_id,right_type,application_number\r\nNO:patent:20231234,patent,20231234\r\n';
    await writeFile(join(dir, 'snapshot/rights.csv.gz'), gzipSync(csv));
    await copyFile(
      'test/fixtures/st96-samples/example_PatentLegalStatusData_V6_0.xml',
      join(dir, 'snapshot/patent-legal-status-0001.xml'),
    );
    const files = partFiles('snapshot', tables).filter((f) => f.format !== 'parquet');
    return fixtureRelease({ tables, files: await measured(dir, files) });
  }

  it('writes Turtle and JSON-LD with the SHA-1 of the files, the same bytes each time', async () => {
    const dir = await tempDir();
    const small = await smallRelease(dir);
    const written = await writeCatalog(dir, small);
    const turtle = await readFile(join(dir, 'catalog.ttl'));
    const json = await readFile(join(dir, 'catalog.jsonld'));
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(written).toEqual({
      turtle: { path: join(dir, 'catalog.ttl'), bytes: turtle.length, sha256: sha256(turtle) },
      jsonld: { path: join(dir, 'catalog.jsonld'), bytes: json.length, sha256: sha256(json) },
    });
    const written2 = await writeCatalog(dir, small);
    expect(written2).toEqual(written);

    const graph = parseTurtle(turtle.toString('utf8'));
    expect(keys(await parseJsonLd(JSON.parse(json.toString('utf8'))))).toEqual(keys(graph));
    for (const file of small.files) {
      const content = await readFile(join(dir, file.path));
      const distribution = `${FIXTURE_BASE_URL}#distribution-${file.table}${file.sequence ? '-0001' : ''}`;
      expect(objects(graph, distribution, `${DCAT}byteSize`)).toEqual([String(content.length)]);
      expect(objects(graph, `${distribution}-checksum`, 'http://spdx.org/rdf/terms#checksumValue')).toEqual([
        createHash('sha1').update(content).digest('hex'),
      ]);
    }
    await expectConforming(turtle.toString('utf8'));
  });

  it('names a snapshot file that is missing', async () => {
    const dir = await tempDir();
    const small = await smallRelease(dir);
    await rm(join(dir, 'snapshot/rights.csv.gz'));
    await expect(writeCatalog(dir, small)).rejects.toThrow(
      new RegExp(
        `^Cannot read the data file ${join(dir, 'snapshot/rights.csv.gz')} to checksum it for the catalog`,
      ),
    );
  });
});
