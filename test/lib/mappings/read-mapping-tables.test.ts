import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/lib/csv/parse-csv.ts';
import { formatMappingProblem, MAPPING_COLUMNS } from '../../../src/lib/mappings/mapping-row.ts';
import { readMappingTables } from '../../../src/lib/mappings/read-mapping-tables.ts';
import type { Standard } from '../../../src/lib/standards/code-list-schema.ts';
import { type CodeListIndex, loadCodeLists } from '../../../src/lib/standards/code-lists.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let codeLists: Record<Standard, CodeListIndex>;

beforeAll(async () => {
  codeLists = await loadCodeLists();
});

/** Copies the project's tables to a temp folder and edits one cell of patent.csv (line is 1-based). */
async function tablesWith(edit: (rows: string[][]) => void) {
  const dir = await tempDir();
  await cp('mappings', dir, { recursive: true });
  const path = join(dir, 'patent.csv');
  const rows = parseCsv(await readFile(path, 'utf8'));
  edit(rows);
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  await writeFile(path, `${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`);
  const tables = await readMappingTables(dir, codeLists);
  return { path, problems: tables.problems };
}

const column = (name: string) => MAPPING_COLUMNS.indexOf(name as never);
const lineOf = (rows: string[][], code: string) => rows.findIndex((row) => row[0] === code) + 1;

describe('readMappingTables(dir, codeLists)', () => {
  it('finds no problem in the project’s tables, and reads every row', async () => {
    const tables = await readMappingTables('mappings', codeLists);
    expect(tables.problems).toEqual([]);
    expect(tables.counts.patent).toBeGreaterThanOrEqual(61);
    expect(tables.counts.trademark).toBeGreaterThan(0);
    expect(tables.counts.design).toBeGreaterThan(0);
  });

  it('maps every one of NIPO’s 61 real patent event codes', async () => {
    const real = parseCsv(
      await readFile('standards/epo-legal-codes/legal_code_descriptions_202417_NO.csv', 'utf8'),
    )
      .slice(1)
      .map((row) => (row[1] as string).trim());
    const tables = await readMappingTables('mappings', codeLists);
    const mapped = new Set(tables.rows.filter((r) => r.right === 'patent').map((r) => r.nationalCode));
    expect(real).toHaveLength(61);
    expect(real.filter((code) => !mapped.has(code))).toEqual([]);
  });

  it('reports a code that is not in the code list at its file, line and column', async () => {
    let line = 0;
    const { path, problems } = await tablesWith((rows) => {
      line = lineOf(rows, 'MM1K');
      (rows[line - 1] as string[])[column('keyEvent')] = 'H99';
    });
    expect(problems.map(formatMappingProblem)).toEqual([
      `${path}:${line}:3 (keyEvent): expected a key event of ST.27, found "H99" (not in the list)`,
    ]);
  });

  it('reports a detailed event outside its key event’s category', async () => {
    let line = 0;
    const { problems } = await tablesWith((rows) => {
      line = lineOf(rows, 'MM1K');
      (rows[line - 1] as string[])[column('detailedEvent')] = 'A12';
    });
    expect(problems).toMatchObject([
      {
        line,
        column: 4,
        field: 'detailedEvent',
        message: "expected a detailed event of category H (the key event H10's), found A12 of category A",
      },
    ]);
  });

  it('reports key and detailed events given in each other’s place', async () => {
    const { problems } = await tablesWith((rows) => {
      const row = rows[lineOf(rows, 'MM1K') - 1] as string[];
      row[column('keyEvent')] = 'H13';
      row[column('detailedEvent')] = 'H10';
    });
    expect(problems.map((p) => p.field)).toEqual(['keyEvent', 'detailedEvent']);
  });

  it('reports states and stages that do not exist', async () => {
    const { problems } = await tablesWith((rows) => {
      const row = rows[lineOf(rows, 'MM1K') - 1] as string[];
      row[column('state')] = 'X';
      row[column('currentStage')] = '9';
    });
    expect(problems.map((p) => [p.column, p.message])).toEqual([
      [5, 'expected one of the ST.27 states A, N, T, U, found "X"'],
      [7, 'expected one of the ST.27 stages 0, 1, 2, 3, 4, 5, 6, found "9"'],
    ]);
  });

  it('reports a bad section, a bad legal-status flag, an empty label and the wrong standard', async () => {
    const { problems } = await tablesWith((rows) => {
      const row = rows[lineOf(rows, 'MM1K') - 1] as string[];
      row[column('section')] = 'news';
      row[column('legalStatus')] = 'yes';
      row[column('labelNn')] = '';
      (rows[lineOf(rows, 'MK1K') - 1] as string[])[column('standard')] = 'ST.61';
    });
    expect(problems.map((p) => p.field).sort()).toEqual(['labelNn', 'legalStatus', 'section', 'standard']);
    expect(problems.find((p) => p.field === 'standard')?.message).toBe(
      'expected ST.27 for patent events, found ST.61',
    );
  });

  it('reports a duplicate row and contradictory rows of one national code', async () => {
    let first = 0;
    const { problems } = await tablesWith((rows) => {
      first = lineOf(rows, 'MM1K');
      const copy = [...(rows[first - 1] as string[])];
      const contradicting = [...copy];
      contradicting[column('detailedEvent')] = 'H00';
      contradicting[column('section')] = 'other';
      rows.push(copy, contradicting);
    });
    expect(problems.map((p) => p.message)).toEqual([
      `duplicate of line ${first}: MM1K is mapped to H10/H13 twice`,
      `contradicts line ${first} for MM1K: "terminations" there, "other" here`,
    ]);
  });

  it('reports a wrong header and a short row', async () => {
    const header = await tablesWith((rows) => {
      (rows[0] as string[])[0] = 'code';
    });
    expect(header.problems).toMatchObject([{ line: 1, column: 0 }]);
    expect(header.problems[0]?.message).toMatch(/^expected the header nationalCode,standard,/);
    const short = await tablesWith((rows) => {
      rows.push(['XX', 'ST.27']);
    });
    expect(short.problems.map((p) => p.message)).toEqual(['expected 13 columns like the header, found 2']);
  });
});
