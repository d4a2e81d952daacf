/**
 * A realistic data release for the catalog metadata tests: the tables with their real schemas, a
 * snapshot (CSV, Parquet, two ST.96 files) and the deltas of three issues, one of which deletes
 * rows. Sizes and hashes are made up but well formed; `releaseFromFiles` builds a release from
 * real files.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFile, DataRelease, DataTable } from '../../../src/lib/datasets/data-release.ts';
import { DATA_TABLES } from '../../../src/lib/datasets/dataset-tables.ts';
import { NIPO_PUBLISHER, NLOD_LICENSE } from '../../../src/lib/datasets/publisher.ts';
import { dataTableOf } from '../../../src/lib/datasets/table-schema.ts';

/** The real tables, as the export describes them: the metadata must fit what is published. */
export const FIXTURE_TABLES: DataTable[] = DATA_TABLES.map(dataTableOf);
/** The tables with rows, in the snapshot and every delta (the deletions table is only in some deltas). */
export const FIXTURE_ROW_TABLES: DataTable[] = FIXTURE_TABLES.filter((t) => t.replaceKey !== null);
/** The issue whose delta deletes rows (an event withdrawn), so has a deletions file. */
export const FIXTURE_DELETIONS_ISSUE = '2024-22';

export const FIXTURE_ISSUES = ['2024-21', '2024-22', '2024-23'];
export const FIXTURE_BASE_URL = 'https://tidende.patentstyret.example/data/';

const fakeSha = (path: string) => createHash('sha256').update(`fixture:${path}`).digest('hex');

function file(
  path: string,
  format: DataFile['format'],
  table: string,
  part: string,
  rows: number,
  extra: Partial<DataFile> = {},
): DataFile {
  const bytes = 200 + ((rows * 97) % 100_000) + path.length;
  return {
    path,
    format,
    ...(format === 'csv' ? { compression: 'gzip' as const } : {}),
    table,
    part,
    rows,
    bytes,
    sha256: fakeSha(path),
    ...extra,
  };
}

/**
 * The files of a part (`snapshot` or an issue): CSV and Parquet per table (the snapshot's without
 * the deletions table), and ST.96 XML.
 */
export function partFiles(part: string, tables: DataTable[] = FIXTURE_ROW_TABLES, st96Files = 1): DataFile[] {
  const dir = part === 'snapshot' ? 'snapshot' : `deltas/${part}`;
  const rows = part === 'snapshot' ? 2_000 : 40;
  const files: DataFile[] = [];
  // A snapshot has no deletions: those are only in the deltas.
  const own = part === 'snapshot' ? tables.filter((t) => t.replaceKey !== null) : tables;
  for (const [i, table] of own.entries()) {
    files.push(file(`${dir}/${table.name}.csv.gz`, 'csv', table.name, part, rows * (i + 1)));
    files.push(file(`${dir}/${table.name}.parquet`, 'parquet', table.name, part, rows * (i + 1)));
  }
  for (let n = 1; n <= st96Files; n++) {
    const name = `patent-legal-status-${String(n).padStart(4, '0')}.xml`;
    files.push(file(`${dir}/${name}`, 'st96', 'patent_legal_status', part, rows, { sequence: n }));
  }
  return files;
}

/** The release: snapshot with two ST.96 files, and three issues' deltas, one with deletions. */
export function fixtureRelease(overrides: Partial<DataRelease> = {}): DataRelease {
  return {
    asOf: '2024-06-03T00:01+02:00',
    issue: '2024-23',
    baseUrl: FIXTURE_BASE_URL,
    temporal: { start: '1994-03-02', end: '2024-06-01' },
    tables: FIXTURE_TABLES,
    files: [
      ...partFiles('snapshot', FIXTURE_ROW_TABLES, 2),
      ...FIXTURE_ISSUES.flatMap((issue) => partFiles(issue)),
      ...partFiles(
        FIXTURE_DELETIONS_ISSUE,
        FIXTURE_TABLES.filter((t) => t.replaceKey === null),
        0,
      ),
    ],
    publisher: NIPO_PUBLISHER,
    license: NLOD_LICENSE,
    ...overrides,
  };
}

/** Sizes and SHA-256 of real files in `dir`, as the release records them. */
export async function measured(dir: string, files: DataFile[]): Promise<DataFile[]> {
  return Promise.all(
    files.map(async (f) => {
      const content = await readFile(join(dir, f.path));
      return { ...f, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    }),
  );
}
