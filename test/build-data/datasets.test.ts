import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDatasets, RELEASE_FILE, readCsvSql, rowCounts } from '../../scripts/build-data/datasets.ts';
import { ingestFile } from '../../scripts/build-data/ingest.ts';
import { exportSiteData } from '../../scripts/build-data/site-data.ts';
import type { DataRelease } from '../../src/lib/datasets/data-release.ts';
import { DATA_TABLES } from '../../src/lib/datasets/dataset-tables.ts';
import { validateCatalog } from '../../src/lib/datasets/validate-catalog.ts';
import { lockPublishedIssues } from '../../src/lib/gazette/issue-lock.ts';
import { issueDueAt } from '../../src/lib/gazette/issue-week.ts';
import { loadMappingRows } from '../../src/lib/mappings/load-mapping-rows.ts';
import { readMappingTables } from '../../src/lib/mappings/read-mapping-tables.ts';
import { rightFile } from '../../src/lib/site/right-path.ts';
import { validateSt96 } from '../../src/lib/st96/validate-st96.ts';
import { loadCodeLists } from '../../src/lib/standards/code-lists.ts';
import { type EventStore, openEventStore } from '../../src/lib/store/event-store.ts';
import { line, patentRecord, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const SAMPLE = 'test/fixtures/sample-small/events.ndjson';
const ST96_SCHEMA = 'standards/st96';
const DCAT_SHAPES = 'standards/dcat-ap-no';
const AS_OF = new Date('2026-11-16T12:00:00Z');
const SITE = 'https://gazette.example.org';

const tempDir = useTempDirs();

/** Ingests the sample, plus the given extra records, into a new store with the mapping tables. */
async function sampleStore(extra: string[] = [], dir?: string): Promise<{ store: EventStore; dir: string }> {
  dir ??= await tempDir();
  const store = await openEventStore(join(dir, 'store.duckdb'), { memoryLimit: '1GB' });
  await ingestFile(store, SAMPLE, { quarantinePath: join(dir, 'q.ndjson'), workers: 0 });
  if (extra.length > 0) {
    await writeExtract(join(dir, 'extra.ndjson'), extra.join('\n'));
    await ingestFile(store, join(dir, 'extra.ndjson'), { quarantinePath: join(dir, 'q.ndjson'), workers: 0 });
  }
  const tables = await readMappingTables('mappings', await loadCodeLists());
  await loadMappingRows(store, tables.rows);
  return { store, dir };
}

async function scalar(store: EventStore, sql: string): Promise<number> {
  const rows = (await store.connection.runAndReadAll(sql)).getRowsJson();
  return Number(rows[0]?.[0]);
}

describe('open datasets of the sample', () => {
  let store: EventStore;
  let dataDir: string;
  let release: DataRelease;
  let work: string;

  beforeAll(async () => {
    // One export for the whole suite, in a folder that outlives each test.
    work = await mkdtemp(join(tmpdir(), 'tidende-datasets-'));
    ({ store } = await sampleStore(
      [
        // A title a CSV writer must quote: comma, double quote, non-ASCII.
        line(
          trademarkRecord({
            eventId: 'QUOTE-1',
            applicationNumber: '202400001',
            nationalCode: 'TMFIL',
            eventDate: '2024-03-04',
            publicationDate: '2024-03-11',
            register: { title: 'Smør, "brød" & <salt>', markFeature: 'word' },
          }),
        ),
      ],
      work,
    ));
    dataDir = join(work, 'data');
    release = await exportDatasets(store, { dir: dataDir, asOf: AS_OF, siteUrl: SITE });
    return async () => {
      store.closeSync();
      await rm(work, { recursive: true, force: true });
    };
  });

  it('writes every table as gzipped CSV and Parquet, for the snapshot and each issue', async () => {
    expect(release.issue).toBe('2026-47');
    for (const table of DATA_TABLES) {
      const files = release.files.filter((f) => f.table === table.name && f.part === 'snapshot');
      expect(files.map((f) => f.path).sort()).toEqual([
        `snapshot/${table.name}.csv.gz`,
        `snapshot/${table.name}.parquet`,
      ]);
    }
    const issues = new Set(release.files.filter((f) => f.part !== 'snapshot').map((f) => f.part));
    const published = await scalar(
      store,
      `SELECT count(DISTINCT issue) FROM gazette_entries WHERE issue <= '2026-47'`,
    );
    expect(issues.size).toBe(published);
    const written = JSON.parse(await readFile(join(dataDir, RELEASE_FILE), 'utf8')) as DataRelease;
    expect(written.files).toEqual(release.files);
  });

  it('holds as many rights and standard events as the store', async () => {
    const rights = release.files.find((f) => f.path === 'snapshot/rights.parquet');
    expect(rights?.rows).toBe(
      await scalar(store, 'SELECT count(DISTINCT (right_type, application_number)) FROM events'),
    );
    const events = release.files.find((f) => f.path === 'snapshot/legal_status_events.parquet');
    expect(events?.rows).toBe(await scalar(store, 'SELECT count(*) FROM legal_status_events'));
  });

  it('writes CSV and Parquet with the same rows, and CSV as RFC 4180 with CRLF', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    for (const table of DATA_TABLES) {
      const csv = readCsvSql(join(dataDir, 'snapshot', `${table.name}.csv.gz`));
      const parquet = `(SELECT COLUMNS(*)::VARCHAR FROM '${join(dataDir, 'snapshot', `${table.name}.parquet`)}')`;
      const differ = await db.runAndReadAll(
        `SELECT count(*) FROM ((FROM ${csv} EXCEPT ALL FROM ${parquet}) UNION ALL (FROM ${parquet} EXCEPT ALL FROM ${csv}))`,
      );
      expect(Number(differ.getRowsJson()[0]?.[0]), table.name).toBe(0);
    }
    const { gunzipSync } = await import('node:zlib');
    const text = gunzipSync(await readFile(join(dataDir, 'snapshot', 'rights.csv.gz'))).toString('utf8');
    expect(text.startsWith('right_id,office,right_type,application_number,')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(10);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text).toContain('"Smør, ""brød"" & <salt>"');
  });

  it('writes Parquet an independent reader reads, with typed columns', async () => {
    const file = await asyncBufferFromFile(join(dataDir, 'snapshot', 'rights.parquet'));
    const rows = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
    const expected = release.files.find((f) => f.path === 'snapshot/rights.parquet')?.rows;
    expect(rows).toHaveLength(expected ?? -1);
    const quoted = rows.find((r) => r.application_number === '202400001');
    expect(quoted?.title).toBe('Smør, "brød" & <salt>');
    const filed = rows.find((r) => r.filing_date !== null);
    expect(filed?.filing_date).toBeInstanceOf(Date);
    const events = await asyncBufferFromFile(join(dataDir, 'snapshot', 'legal_status_events.parquet'));
    const [first] = (await parquetReadObjects({ file: events, compressors, rowEnd: 1 })) as Record<
      string,
      unknown
    >[];
    expect(typeof first?.mapped).toBe('boolean');
    expect(typeof first?.standard_event_seq).toBe('number');
  });

  it('gives the snapshot when the deltas are applied in order to nothing', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const issues = [...new Set(release.files.filter((f) => f.part !== 'snapshot').map((f) => f.part))].sort();
    for (const table of DATA_TABLES) {
      await db.run(
        `CREATE TABLE ${table.name} AS FROM '${join(dataDir, 'snapshot', `${table.name}.parquet`)}' LIMIT 0`,
      );
    }
    for (const issue of issues) {
      const delta = (name: string) => join(dataDir, 'deltas', issue, `${name}.parquet`);
      const present = new Set(await readdir(join(dataDir, 'deltas', issue)));
      for (const table of DATA_TABLES) {
        if (present.has(`${table.replaceKeyTable}.parquet`)) {
          await db.run(
            `DELETE FROM ${table.name} WHERE ${table.replaceKey} IN (SELECT ${table.replaceKey} FROM '${delta(table.replaceKeyTable)}')`,
          );
        }
        if (present.has(`${table.name}.parquet`))
          await db.run(`INSERT INTO ${table.name} FROM '${delta(table.name)}'`);
      }
    }
    for (const table of DATA_TABLES) {
      const snapshot = `'${join(dataDir, 'snapshot', `${table.name}.parquet`)}'`;
      const differ = await db.runAndReadAll(
        `SELECT count(*) FROM ((FROM ${table.name} EXCEPT ALL FROM ${snapshot}) UNION ALL (FROM ${snapshot} EXCEPT ALL FROM ${table.name}))`,
      );
      expect(Number(differ.getRowsJson()[0]?.[0]), table.name).toBe(0);
    }
  });

  it('links corrections both ways and shows the status they leave', async () => {
    const corrected = await scalar(
      store,
      'SELECT count(*) FROM events WHERE supersedes IS NOT NULL AND publication_date IS NOT NULL',
    );
    expect(corrected).toBeGreaterThan(0);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const events = `'${join(dataDir, 'snapshot', 'legal_status_events.parquet')}'`;
    const linked = await db.runAndReadAll(
      `SELECT count(*) FROM ${events} a JOIN ${events} b ON b.event_id = a.supersedes AND b.superseded_by = a.event_id`,
    );
    expect(Number(linked.getRowsJson()[0]?.[0])).toBeGreaterThanOrEqual(corrected);
  });

  it('writes patent legal status as ST.96 XML that validates against the official XSD', async () => {
    const xml = release.files.filter((f) => f.format === 'st96');
    expect(xml.some((f) => f.part === 'snapshot')).toBe(true);
    expect(xml.some((f) => f.part !== 'snapshot')).toBe(true);
    const sample = [
      ...xml.filter((f) => f.part === 'snapshot'),
      ...xml.filter((f) => f.part !== 'snapshot').slice(-5),
    ];
    const results = await validateSt96(
      sample.map((f) => join(dataDir, f.path)),
      ST96_SCHEMA,
    );
    for (const result of results) expect(result.errors, result.file).toEqual([]);
    const patents = await scalar(
      store,
      `SELECT count(DISTINCT application_number) FROM legal_status_events WHERE right_type = 'patent' AND mapped`,
    );
    expect(xml.filter((f) => f.part === 'snapshot').reduce((n, f) => n + f.rows, 0)).toBe(patents);
  });

  it('describes every file in datapackage.json with the size and hash it has', async () => {
    const descriptor = JSON.parse(await readFile(join(dataDir, 'datapackage.json'), 'utf8')) as {
      resources: { path: string; bytes: number; hash: string }[];
    };
    expect(descriptor.resources).toHaveLength(release.files.length);
    for (const resource of descriptor.resources) {
      const bytes = await readFile(join(dataDir, resource.path));
      expect(resource.bytes, resource.path).toBe(bytes.length);
      expect(resource.hash, resource.path).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    }
  });

  it('writes a DCAT-AP-NO catalog with no violations', async () => {
    const turtle = await readFile(join(dataDir, 'catalog.ttl'), 'utf8');
    const result = await validateCatalog(turtle, DCAT_SHAPES);
    expect(result.violations.filter((v) => v.severity === 'Violation')).toEqual([]);
    expect(result.conforms).toBe(true);
  });

  it('writes the same bytes when nothing changed', async () => {
    const again = await exportDatasets(store, { dir: join(work, 'again'), asOf: AS_OF, siteUrl: SITE });
    const hashes = (r: DataRelease) => r.files.map((f) => `${f.path} ${f.sha256}`);
    expect(hashes(again)).toEqual(hashes(release));
  });
});

describe('row counts of the CSV files', () => {
  it('counts a table whose first quoted field comes after many plain rows', async () => {
    const dir = await tempDir();
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    // Far more plain rows than the CSV sniffer samples, then one field with a comma in quotes.
    await db.run(`
      COPY (
        SELECT i AS id, CASE WHEN i = 50000 THEN 'withdrawn, refused or shelved' ELSE 'granted' END AS label
        FROM range(1, 50001) t(i)
      ) TO '${join(dir, 'late.csv.gz')}' (FORMAT csv, HEADER, NEW_LINE '\\r\\n', COMPRESSION gzip)`);
    const counts = await rowCounts(db, dir, { format: 'csv', extension: 'csv.gz' });
    expect(counts.get('late.csv.gz')).toBe(50000);
    const last = await db.runAndReadAll(
      `SELECT label FROM ${readCsvSql(join(dir, 'late.csv.gz'))} WHERE id = '50000'`,
    );
    expect(last.getRowsJson()).toEqual([['withdrawn, refused or shelved']]);
  });
});

describe('open datasets a week later', () => {
  it('never changes the files of an issue already out, even for an event that arrives late', async () => {
    const { store, dir } = await sampleStore();
    try {
      const weekBefore = new Date(AS_OF.getTime() - 7 * 86_400_000);
      // As a build does: lock the issues out by as-of, then export.
      await lockPublishedIssues(store, weekBefore);
      const before = await exportDatasets(store, {
        dir: join(dir, 'before'),
        asOf: weekBefore,
        siteUrl: SITE,
      });
      expect(before.issue).toBe('2026-46');
      // An unpublished event dated weeks back, which arrives after issue 2026-46 went out.
      const late = join(dir, 'late.ndjson');
      await writeExtract(late, line(patentRecord({ eventId: 'LATE-1', eventDate: '2026-10-01' })));
      await ingestFile(store, late, { quarantinePath: join(dir, 'q.ndjson'), workers: 0 });
      const after = await exportDatasets(store, { dir: join(dir, 'after'), asOf: AS_OF, siteUrl: SITE });
      expect(after.issue).toBe('2026-47');

      const deltas = (r: DataRelease) =>
        new Map(r.files.filter((f) => f.part !== 'snapshot').map((f) => [f.path, f.sha256]));
      const [then, now] = [deltas(before), deltas(after)];
      expect(then.size).toBeGreaterThan(0);
      for (const [path, sha256] of then) expect(now.get(path), path).toBe(sha256);
      // The late event is in the delta of the first issue still open.
      const carried = await scalar(
        store,
        `SELECT count(*) FROM read_parquet('${join(dir, 'after', 'deltas', '2026-47', 'legal_status_events.parquet')}')
         WHERE event_id = 'LATE-1'`,
      );
      expect(carried).toBeGreaterThan(0);
      // The site agrees: the late event is on its right's page from that same issue, not before.
      const codeLists = await loadCodeLists();
      const siteData = join(dir, 'site-data');
      const page = join(siteData, rightFile('patent', patentRecord().applicationNumber));
      const onPage = async () =>
        existsSync(page) && (await readFile(page, 'utf8')).includes('"eventId":"LATE-1"');
      await exportSiteData(store, { dir: siteData, asOf: weekBefore, codeLists });
      expect(await onPage()).toBe(false);
      await exportSiteData(store, { dir: siteData, asOf: AS_OF, codeLists });
      expect(await onPage()).toBe(true);

      // Exported again into the folder of the week before, the deltas of issues then locked are
      // carried over instead of written, and the release is the one written from scratch.
      const report = { reusedFiles: 0 };
      const incremental = await exportDatasets(store, {
        dir: join(dir, 'before'),
        asOf: AS_OF,
        siteUrl: SITE,
        report,
      });
      expect(report.reusedFiles).toBe(then.size);
      const described = (r: DataRelease) => r.files.map((f) => JSON.stringify(f)).sort();
      expect(described(incremental)).toEqual(described(after));
      // With other options (here the site URL in document links) nothing is carried over.
      await exportDatasets(store, {
        dir: join(dir, 'before'),
        asOf: AS_OF,
        siteUrl: 'https://other.example.org',
        report,
      });
      expect(report.reusedFiles).toBe(0);
    } finally {
      store.closeSync();
    }
  }, 300_000);
});

describe('open datasets weeks after the latest issue', () => {
  it('are of the latest issue out, not of a week without one', async () => {
    const { store, dir } = await sampleStore();
    try {
      const asOf = new Date('2026-12-20T12:00:00Z');
      const latest = (
        await store.connection.runAndReadAll(
          `SELECT max(issue) AS issue FROM gazette_entries WHERE issue <= '${issueDueAt(asOf)}'`,
        )
      ).getRowObjectsJS()[0]?.issue;
      expect(latest).not.toBe(issueDueAt(asOf));
      const release = await exportDatasets(store, { dir: join(dir, 'data'), asOf, siteUrl: SITE });
      expect(release.issue).toBe(latest);
    } finally {
      store.closeSync();
    }
  });
});

describe('open datasets before the first issue', () => {
  it('writes a release with no files', async () => {
    const { store, dir } = await sampleStore();
    try {
      const release = await exportDatasets(store, {
        dir: join(dir, 'data'),
        asOf: new Date('1990-01-01T00:00:00Z'),
        siteUrl: SITE,
      });
      expect(release.issue).toBeNull();
      expect(release.files).toEqual([]);
      expect(release.temporal).toBeNull();
    } finally {
      store.closeSync();
    }
  });
});
