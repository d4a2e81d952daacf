/**
 * Open-data stage: writes the tables of the store as open datasets into a folder (the site's
 * `/data/`): a snapshot as of the latest published issue and one delta per published issue, each
 * table as gzipped CSV and zstd Parquet written by DuckDB (a delta also lists, in its deletions
 * table, the rows its issue removes), patent legal status as ST.96 XML, and the metadata that
 * describes them (`release.json` for the data page, `datapackage.json`, the DCAT-AP-NO catalog).
 * The folder is built beside the target and swapped in whole, so a failed export never leaves a
 * mix of two releases.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataFile, DataFormat, DataRelease, DataTable } from '../../src/lib/datasets/data-release.ts';
import { type WrittenFile, writeDataPackage } from '../../src/lib/datasets/datapackage.ts';
import { DATA_TABLES, ROW_TABLES, type TableDefinition } from '../../src/lib/datasets/dataset-tables.ts';
import { writeCatalog } from '../../src/lib/datasets/dcat-catalog.ts';
import { NIPO_PUBLISHER, NLOD_LICENSE } from '../../src/lib/datasets/publisher.ts';
import { dataTableOf } from '../../src/lib/datasets/table-schema.ts';
import { issueDueAt, issuePublicationInstant, osloDate } from '../../src/lib/gazette/issue-week.ts';
import { quoteIdentifier, sqlString } from '../../src/lib/store/duckdb-types.ts';
import type { EventStore } from '../../src/lib/store/event-store.ts';
import { tableQuery } from './dataset-queries.ts';
import {
  exportOptionsKey,
  linkReused,
  lockedIssue,
  reusableDeltas,
  writeExportState,
} from './dataset-reuse.ts';
import { exportSt96 } from './st96-export.ts';

/** The file the data page and later stages read the release from, inside the data folder. */
export const RELEASE_FILE = 'release.json';

export interface ExportDatasetsOptions {
  /** The data folder to write (replaced whole). */
  dir: string;
  asOf: Date;
  /** Absolute URL of the site, for document links and the catalog. */
  siteUrl: string;
  /** Largest size of one ST.96 XML file. */
  st96MaxBytes?: number;
  /** The formats to write; default all. */
  formats?: readonly DataFormat[];
  /** Filled in with what the export did. */
  report?: { reusedFiles: number };
}

export const DATA_FORMATS: readonly DataFormat[] = ['csv', 'parquet', 'st96'];

const ST96_MAX_BYTES = 50 * 1024 * 1024;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The latest issue out at `asOf`: the latest week due by then that has gazette entries (a week
 * without any has no issue, as on the site), or null before the first.
 */
async function dueIssue(store: EventStore, asOf: Date): Promise<string | null> {
  const rows = (
    await store.connection.runAndReadAll(
      `SELECT max(issue) AS issue FROM gazette_entries WHERE issue <= ${sqlString(issueDueAt(asOf))}`,
    )
  ).getRowObjectsJS();
  const issue = rows[0]?.issue;
  return issue === null || issue === undefined ? null : String(issue);
}

/**
 * Stages the public events with the issue that first carried each (its gazette issue, or for an
 * event not for the gazette the issue after its date), their mapped standard events, and the
 * pairs each table is written for.
 */
async function stage(store: EventStore, due: string): Promise<void> {
  // Each event is in the data from its release (the event_release view, which the site follows
  // too); a suppressed event is not in the data at all, and the delta of the issue with its notice
  // of withdrawal deletes it from copies that had it (see setPairs).
  await store.connection.run(`
    CREATE OR REPLACE TEMP TABLE data_events AS
    SELECT s.event_id, s.office, s.right_type, s.application_number, s.registration_number, s.register,
      s.documents, s.national_code, s.event_date, s.effective_date, s.publication_date, s.supersedes,
      s.section, s.issue AS gazette_issue, s.office || ':' || s.right_type || ':' || s.application_number AS right_id,
      s.release_issue AS data_issue
    FROM event_status s
    WHERE s.release_issue <= ${sqlString(due)} AND NOT s.suppressed;

    CREATE OR REPLACE TEMP TABLE data_standard_events AS
    SELECT l.event_id, e.right_id, e.data_issue, l.event_date, l.mapping_order, l.legal_status, l.state,
      l.current_stage, l.key_event, l.status_event_code, c.superseded_in
    FROM legal_status_events l JOIN data_events e ON e.event_id = l.event_id
    LEFT JOIN (
      SELECT supersedes AS event_id, min(data_issue) AS superseded_in FROM data_events
      WHERE supersedes IS NOT NULL GROUP BY supersedes
    ) c ON c.event_id = l.event_id
    WHERE l.mapped;
  `);
}

/**
 * Sets the pairs: every right and event as of the due issue, or each as of the issues that touched
 * it, after `after` (the deltas up to it are carried over from the previous export). For the
 * deltas, also the withdrawals: each event suppressed after it was public, as of the issue that
 * carries its notice of withdrawal (due by then), whose delta deletes it. The snapshot has none:
 * a suppressed event is not in it at all.
 */
async function setPairs(
  store: EventStore,
  part: 'snapshot' | 'deltas',
  due: string,
  after: string | null = null,
): Promise<void> {
  const issue = part === 'snapshot' ? sqlString(due) : 'data_issue';
  const newer = after === null ? '' : `WHERE as_issue > ${sqlString(after)}`;
  const withdrawn =
    part === 'snapshot' ? 'false' : `x.notice_issue IS NOT NULL AND x.notice_issue <= ${sqlString(due)}`;
  await store.connection.run(`
    CREATE OR REPLACE TEMP TABLE withdrawal_pairs AS
    SELECT * FROM (
      SELECT x.event_id, e.office || ':' || e.right_type || ':' || e.application_number AS right_id,
        e.supersedes, x.notice_issue AS as_issue
      FROM suppressions x JOIN events e ON e.event_id = x.event_id
      WHERE ${withdrawn}
    ) ${newer};
    CREATE OR REPLACE TEMP TABLE right_pairs AS
    SELECT * FROM (
      SELECT DISTINCT right_id, ${issue} AS as_issue FROM (
        SELECT right_id, data_issue FROM data_events
        UNION ALL
        -- A withdrawal re-emits the right it leaves and that of the event it had corrected, as they
        -- now stand, where any public event of them is out (a right with none is deleted instead).
        SELECT right_id, as_issue FROM withdrawal_pairs
        UNION ALL
        SELECT x.right_id, w.as_issue FROM withdrawal_pairs w JOIN data_events x ON x.event_id = w.supersedes
      )
    ) ${newer};
    CREATE OR REPLACE TEMP TABLE event_pairs AS
    SELECT * FROM (
      SELECT DISTINCT event_id, ${issue} AS as_issue FROM (
        SELECT event_id, data_issue FROM data_events
        UNION ALL
        -- A correction re-emits the event it supersedes (its superseded_by changes), once that event is out.
        SELECT c.supersedes, c.data_issue FROM data_events c
        JOIN data_events x ON x.event_id = c.supersedes AND x.data_issue <= c.data_issue
        UNION ALL
        -- So does the withdrawal of a correction.
        SELECT supersedes, as_issue FROM withdrawal_pairs WHERE supersedes IS NOT NULL
      )
    ) ${newer};
  `);
}

const TABLE_FORMATS = [
  {
    format: 'csv',
    extension: 'csv.gz',
    options:
      "FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n', COMPRESSION gzip",
  },
  { format: 'parquet', extension: 'parquet', options: 'FORMAT parquet, COMPRESSION zstd' },
] as const;
type TableFormat = (typeof TABLE_FORMATS)[number];

/**
 * A DuckDB table expression reading the CSV files at `glob` as the export writes them, every
 * column as text. The dialect is given, not sniffed: the sniffer reads a sample of rows, and a
 * table whose first quoted field comes later than the sample is split wrongly.
 */
export function readCsvSql(glob: string, { filename = false } = {}): string {
  return `read_csv(${sqlString(glob)}, header = true, delim = ',', quote = '"', escape = '"', new_line = '\\r\\n', compression = 'gzip', all_varchar = true${filename ? ', filename = true' : ''})`;
}

/** Writes the snapshot of one table in both formats. */
async function writeSnapshot(
  store: EventStore,
  dir: string,
  table: TableDefinition,
  siteUrl: string,
  formats: readonly TableFormat[],
) {
  await mkdir(join(dir, 'snapshot'), { recursive: true });
  for (const { extension, options } of formats) {
    const path = join(dir, 'snapshot', `${table.name}.${extension}`);
    await store.connection.run(
      `COPY (SELECT * EXCLUDE (as_issue) FROM (${tableQuery(table, siteUrl)})) TO ${sqlString(path)} (${options})`,
    );
  }
}

/**
 * Writes the deltas of one table: its rows for every issue are computed once into a scratch Parquet
 * file sorted by issue, then each issue is written by its own COPY with ORDER BY. DuckDB's
 * PARTITION_BY write keeps no row order inside a file, and starts `<name>1.<ext>` files once more
 * partitions are open than `partitioned_write_max_open_files`.
 */
async function writeDeltas(
  store: EventStore,
  dir: string,
  table: TableDefinition,
  siteUrl: string,
  formats: readonly TableFormat[],
) {
  if (formats.length === 0) return;
  const scratch = join(dir, '.scratch', `${table.name}.parquet`);
  await mkdir(dirname(scratch), { recursive: true });
  // Sorted by issue, so each issue's rows sit in few row groups, which the filter below prunes to.
  await store.connection.run(
    `COPY (${tableQuery(table, siteUrl)}) TO ${sqlString(scratch)} (FORMAT parquet, ROW_GROUP_SIZE 20000)`,
  );
  const issues = (
    await store.connection.runAndReadAll(
      `SELECT DISTINCT as_issue FROM read_parquet(${sqlString(scratch)}) ORDER BY as_issue`,
    )
  )
    .getRowsJson()
    .map((r) => String(r[0]));
  const order = table.primaryKey.map(quoteIdentifier).join(', ');
  for (const issue of issues) {
    await mkdir(join(dir, 'deltas', issue), { recursive: true });
    for (const { extension, options } of formats) {
      await store.connection.run(
        `COPY (SELECT * EXCLUDE (as_issue) FROM read_parquet(${sqlString(scratch)})
               WHERE as_issue = ${sqlString(issue)} ORDER BY ${order})
         TO ${sqlString(join(dir, 'deltas', issue, `${table.name}.${extension}`))} (${options})`,
      );
    }
  }
  await rm(join(dir, '.scratch'), { recursive: true, force: true });
}

/**
 * Row counts of every table file written, by path relative to the data folder: from the Parquet
 * footers, or when no Parquet was written by reading the CSV.
 */
export async function rowCounts(
  connection: DuckDBConnection,
  dir: string,
  format: Pick<TableFormat, 'format' | 'extension'>,
): Promise<Map<string, number>> {
  const glob = join(dir, '**', `*.${format.extension}`);
  const reader = await connection.runAndReadAll(
    format.format === 'parquet'
      ? `SELECT file_name AS file, sum(num_rows)::BIGINT AS rows FROM parquet_file_metadata(${sqlString(glob)}) GROUP BY ALL`
      : `SELECT filename AS file, count(*)::BIGINT AS rows FROM ${readCsvSql(glob, { filename: true })} GROUP BY ALL`,
  );
  return new Map(
    reader
      .getRowObjectsJson()
      .map((r) => [relative(dir, String(r.file)).split(sep).join('/'), Number(r.rows)]),
  );
}

/** Describes every table file written (a table's CSV has the rows of its Parquet twin). */
async function describeTableFiles(
  store: EventStore,
  dir: string,
  formats: readonly TableFormat[],
): Promise<DataFile[]> {
  const counted = formats.find((f) => f.format === 'parquet') ?? formats[0];
  if (!counted) return [];
  const rows = await rowCounts(store.connection, dir, counted);
  const files: DataFile[] = [];
  for (const [path, count] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    const stem = path.slice(0, -counted.extension.length - 1);
    const match = /^(snapshot|deltas\/(\d{4}-\d{2}))\/([a-z_]+)$/.exec(stem);
    if (!match) continue;
    const part = match[2] ?? 'snapshot';
    const table = match[3] as string;
    for (const { format, extension } of formats) {
      const filePath = `${stem}.${extension}`;
      const full = join(dir, filePath);
      files.push({
        path: filePath,
        format,
        ...(format === 'csv' ? { compression: 'gzip' as const } : {}),
        table,
        part,
        rows: count,
        bytes: (await stat(full)).size,
        sha256: await sha256Of(full),
      });
    }
  }
  return files;
}

/** The earliest and latest event date in the release. */
async function temporalCoverage(store: EventStore): Promise<DataRelease['temporal']> {
  const [row] = (
    await store.connection.runAndReadAll(
      'SELECT min(event_date)::VARCHAR AS start, max(event_date)::VARCHAR AS end FROM data_events',
    )
  ).getRowObjectsJson();
  return row?.start ? { start: String(row.start), end: String(row.end) } : null;
}

/** Writes the data package (with its table schemas) and the catalog; describes what it wrote. */
async function writeMetadata(
  dir: string,
  release: DataRelease,
): Promise<NonNullable<DataRelease['metadata']>> {
  const dataPackage = await writeDataPackage(dir, release);
  const catalog = await writeCatalog(dir, release);
  const described = (file: WrittenFile, format: string) => ({
    path: relative(dir, file.path).split(sep).join('/'),
    format,
    bytes: file.bytes,
    sha256: file.sha256,
  });
  return [
    described(dataPackage, 'Frictionless Data Package (JSON)'),
    described(catalog.turtle, 'DCAT-AP-NO (Turtle)'),
    described(catalog.jsonld, 'DCAT-AP-NO (JSON-LD)'),
    ...dataPackage.schemas.map((schema) => described(schema, 'Table Schema (JSON)')),
  ];
}

/** Writes the open datasets as of `asOf` into `options.dir`; returns the release. */
export async function exportDatasets(
  store: EventStore,
  options: ExportDatasetsOptions,
): Promise<DataRelease> {
  const staging = `${options.dir}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const due = await dueIssue(store, options.asOf);
  const siteUrl = options.siteUrl.replace(/\/+$/, '');
  const formats = options.formats ?? DATA_FORMATS;
  const tableFormats = TABLE_FORMATS.filter((f) => formats.includes(f.format));
  const xml = formats.includes('st96');
  const st96MaxBytes = options.st96MaxBytes ?? ST96_MAX_BYTES;
  const files: DataFile[] = [];
  const releaseInstant = due === null ? options.asOf : issuePublicationInstant(due);
  const creationDate = (part: string) =>
    osloDate(part === 'snapshot' ? releaseInstant : issuePublicationInstant(part));
  let temporal: DataRelease['temporal'] = null;
  // Before the first issue nothing is public yet: the release holds no files, only its metadata.
  if (due !== null) await stage(store, due);
  try {
    if (due !== null) {
      await setPairs(store, 'snapshot', due);
      for (const table of ROW_TABLES) await writeSnapshot(store, staging, table, siteUrl, tableFormats);
      const snapshotXml = !xml
        ? []
        : await exportSt96(store, {
            dir: join(staging, 'snapshot'),
            part: 'snapshot',
            maxBytes: st96MaxBytes,
            creationDate,
          });
      const exportOptions = { siteUrl, formats, st96MaxBytes };
      const optionsKey = exportOptionsKey(exportOptions);
      const reused = await reusableDeltas(options.dir, RELEASE_FILE, optionsKey, due);
      await setPairs(store, 'deltas', due, reused?.upTo);
      for (const table of DATA_TABLES) await writeDeltas(store, staging, table, siteUrl, tableFormats);
      const deltaXml = !xml
        ? []
        : await exportSt96(store, {
            dir: join(staging, 'deltas'),
            part: 'deltas',
            maxBytes: st96MaxBytes,
            creationDate,
          });
      files.push(...(await describeTableFiles(store, staging, tableFormats)));
      for (const xml of [...snapshotXml, ...deltaXml]) {
        files.push({ ...xml, path: relative(staging, xml.path).split(sep).join('/') });
      }
      if (reused) {
        await linkReused(options.dir, staging, reused.files);
        files.push(...reused.files);
      }
      if (options.report) options.report.reusedFiles = reused?.files.length ?? 0;
      await writeExportState(staging, {
        options: optionsKey,
        finalIssue: await lockedIssue(store, due),
      });
      temporal = await temporalCoverage(store);
    }
  } finally {
    await store.connection.run(
      'DROP TABLE IF EXISTS data_events; DROP TABLE IF EXISTS data_standard_events; ' +
        'DROP TABLE IF EXISTS right_pairs; DROP TABLE IF EXISTS event_pairs; DROP TABLE IF EXISTS withdrawal_pairs;',
    );
  }
  const tables: DataTable[] = DATA_TABLES.map(dataTableOf);
  const release: DataRelease = {
    // The release is as of its issue, not of the moment it was built: rebuilt, it is the same.
    asOf: releaseInstant.toISOString(),
    issue: due,
    baseUrl: `${siteUrl}/data/`,
    temporal,
    tables,
    files: files.sort((a, b) => a.path.localeCompare(b.path)),
    publisher: NIPO_PUBLISHER,
    license: NLOD_LICENSE,
  };
  release.metadata = await writeMetadata(staging, release);
  await writeFile(join(staging, RELEASE_FILE), `${JSON.stringify(release, null, 2)}\n`);
  await rm(options.dir, { recursive: true, force: true });
  await rename(staging, options.dir);
  return release;
}
