import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDatasets, RELEASE_FILE, readCsvSql, rowCounts } from '../../scripts/build-data/datasets.ts';
import { ingestFile } from '../../scripts/build-data/ingest.ts';
import { exportSiteData } from '../../scripts/build-data/site-data.ts';
import { suppressEvent } from '../../scripts/build-data/suppress.ts';
import type { DataRelease } from '../../src/lib/datasets/data-release.ts';
import { DELETIONS_TABLE, ROW_TABLES } from '../../src/lib/datasets/dataset-tables.ts';
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

/**
 * Applies the deltas of a release in issue order to empty tables, as datapackage.json says: for
 * each table, delete the rows whose replace key is in the delta's replaceKeyTable file or is
 * listed for the table in the delta's deletions file, then insert the delta's rows. With
 * `deletions: false`, the deletions files are left unread. Returns the database with the tables.
 */
async function replayDeltas(dataDir: string, release: DataRelease, { deletions = true } = {}) {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const issues = [...new Set(release.files.filter((f) => f.part !== 'snapshot').map((f) => f.part))].sort();
  for (const table of ROW_TABLES) {
    await db.run(
      `CREATE TABLE ${table.name} AS FROM '${join(dataDir, 'snapshot', `${table.name}.parquet`)}' LIMIT 0`,
    );
  }
  for (const issue of issues) {
    const delta = (name: string) => join(dataDir, 'deltas', issue, `${name}.parquet`);
    const present = new Set(await readdir(join(dataDir, 'deltas', issue)));
    for (const table of ROW_TABLES) {
      const gone: string[] = [];
      if (present.has(`${table.replaceKeyTable}.parquet`))
        gone.push(`SELECT ${table.replaceKey} FROM '${delta(String(table.replaceKeyTable))}'`);
      if (deletions && present.has(`${DELETIONS_TABLE}.parquet`))
        gone.push(`SELECT key FROM '${delta(DELETIONS_TABLE)}' WHERE table_name = '${table.name}'`);
      if (gone.length > 0)
        await db.run(`DELETE FROM ${table.name} WHERE ${table.replaceKey} IN (${gone.join(' UNION ALL ')})`);
      if (present.has(`${table.name}.parquet`))
        await db.run(`INSERT INTO ${table.name} FROM '${delta(table.name)}'`);
    }
  }
  return db;
}

/** The rows in which each replayed table and the snapshot differ, by table. */
async function snapshotDifferences(db: DuckDBConnection, dataDir: string): Promise<Record<string, number>> {
  const differences: Record<string, number> = {};
  for (const table of ROW_TABLES) {
    const snapshot = `'${join(dataDir, 'snapshot', `${table.name}.parquet`)}'`;
    const differ = await db.runAndReadAll(
      `SELECT count(*) FROM ((FROM ${table.name} EXCEPT ALL FROM ${snapshot}) UNION ALL (FROM ${snapshot} EXCEPT ALL FROM ${table.name}))`,
    );
    differences[table.name] = Number(differ.getRowsJson()[0]?.[0]);
  }
  return differences;
}

const NO_DIFFERENCES = Object.fromEntries(ROW_TABLES.map((t) => [t.name, 0]));

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
    for (const table of ROW_TABLES) {
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
    // Nothing was suppressed: no delta deletes anything.
    expect(release.files.filter((f) => f.table === DELETIONS_TABLE)).toEqual([]);
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
    for (const table of ROW_TABLES) {
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
    const db = await replayDeltas(dataDir, release);
    expect(await snapshotDifferences(db, dataDir)).toEqual(NO_DIFFERENCES);
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
      // A released delta is final: after a change in what writes deltas (here a relabelled
      // national event in the mapping tables, as an upgrade may bring), the deltas of locked issues
      // are carried over as they were published, and the snapshot is written in the new form.
      await store.connection.run(`UPDATE mapping_rows SET label_en = label_en || ' (relabelled)'`);
      const relabelled = await exportDatasets(store, {
        dir: join(dir, 'before'),
        asOf: AS_OF,
        siteUrl: SITE,
        report,
      });
      expect(report.reusedFiles).toBe(then.size);
      for (const [path, sha256] of then) {
        expect(relabelled.files.find((f) => f.path === path)?.sha256, path).toBe(sha256);
      }
      const newLabels = await scalar(
        store,
        `SELECT count(*) FROM read_parquet('${join(dir, 'before', 'snapshot', 'legal_status_events.parquet')}')
         WHERE label_en LIKE '% (relabelled)'`,
      );
      expect(newLabels).toBeGreaterThan(0);
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

describe('open datasets after a suppression', () => {
  // Right A (209900001): filed, registered, and a correction of the filing; its registration and
  // the correction are suppressed, the filing stays. Right B (209900002): one event, suppressed.
  const register = (title: string) => ({
    ...trademarkRecord().register,
    title,
    markFeature: 'word' as const,
  });
  const A = { applicationNumber: '209900001', register: register('ALFA') };
  const B = { applicationNumber: '209900002', register: register('BETA') };
  const records = [
    trademarkRecord({
      ...A,
      eventId: 'W-A1',
      nationalCode: 'TMFIL',
      eventDate: '2026-09-01',
      publicationDate: '2026-09-07',
    }),
    trademarkRecord({ ...A, eventId: 'W-A2', eventDate: '2026-10-01', publicationDate: '2026-10-05' }),
    trademarkRecord({
      ...A,
      eventId: 'W-A3',
      nationalCode: 'TMFIL',
      eventDate: '2026-10-08',
      publicationDate: '2026-10-12',
      supersedes: 'W-A1',
    }),
    trademarkRecord({ ...B, eventId: 'W-B1', eventDate: '2026-09-10', publicationDate: '2026-09-14' }),
  ];
  const withdrawn = ['W-A2', 'W-A3', 'W-B1'];
  const rightA = 'NO:trademark:209900001';
  const rightB = 'NO:trademark:209900002';
  const formats = ['csv', 'parquet'] as const;

  it('deletes in the delta of the notice what was withdrawn, so the replayed deltas give the snapshot', async () => {
    const { store, dir } = await sampleStore(records.map(line));
    try {
      const weekBefore = new Date(AS_OF.getTime() - 7 * 86_400_000);
      const dataDir = join(dir, 'data');
      await lockPublishedIssues(store, weekBefore);
      const before = await exportDatasets(store, { dir: dataDir, asOf: weekBefore, siteUrl: SITE, formats });
      expect(before.issue).toBe('2026-46');
      const then = new Map(before.files.filter((f) => f.part !== 'snapshot').map((f) => [f.path, f.sha256]));
      const hadThem = await replayDeltas(dataDir, before);
      expect(
        Number(
          (
            await hadThem.runAndReadAll(
              `SELECT count(DISTINCT event_id) FROM legal_status_events WHERE event_id IN ('W-A2', 'W-A3', 'W-B1')`,
            )
          ).getRowsJson()[0]?.[0],
        ),
      ).toBe(3);

      for (const id of withdrawn) {
        expect((await suppressEvent(store, id, 'Published by mistake')).noticeIssue).toBe('2026-47');
      }
      await lockPublishedIssues(store, AS_OF);
      const report = { reusedFiles: 0 };
      const after = await exportDatasets(store, {
        dir: dataDir,
        asOf: AS_OF,
        siteUrl: SITE,
        formats,
        report,
      });
      expect(after.issue).toBe('2026-47');
      // The deltas of the issues already out are kept as they were, the withdrawn events in them.
      expect(report.reusedFiles).toBe(then.size);
      const now = new Map(after.files.map((f) => [f.path, f.sha256]));
      for (const [path, sha256] of then) expect(now.get(path), path).toBe(sha256);

      // The delta of the issue with the notices deletes the events, and right B, left with none.
      const deletionFiles = after.files.filter((f) => f.table === DELETIONS_TABLE);
      expect(deletionFiles.map((f) => f.path).sort()).toEqual([
        'deltas/2026-47/deletions.csv.gz',
        'deltas/2026-47/deletions.parquet',
      ]);
      const db = await (await DuckDBInstance.create(':memory:')).connect();
      const deletions = `'${join(dataDir, 'deltas', '2026-47', 'deletions.parquet')}'`;
      const listed = (
        await db.runAndReadAll(`SELECT table_name || ' ' || key FROM ${deletions} ORDER BY ALL`)
      ).getRowsJson();
      expect(listed.map((r) => String(r[0]))).toEqual(
        [
          ...withdrawn.flatMap((id) => [`documents ${id}`, `legal_status_events ${id}`]),
          ...['classifications', 'parties', 'priorities', 'rights'].map((table) => `${table} ${rightB}`),
        ].sort(),
      );
      const csv = readCsvSql(join(dataDir, 'deltas', '2026-47', 'deletions.csv.gz'));
      const differ = await db.runAndReadAll(
        `SELECT count(*) FROM ((FROM ${csv} EXCEPT ALL FROM ${deletions}) UNION ALL (FROM ${deletions} EXCEPT ALL FROM ${csv}))`,
      );
      expect(Number(differ.getRowsJson()[0]?.[0])).toBe(0);
      // Right A stays: the same delta sends it again as it now stands, and the filing the
      // withdrawn correction had superseded, which no correction supersedes any more.
      const resent = (
        await db.runAndReadAll(
          `SELECT r.right_id, r.last_key_event, e.superseded_by
           FROM '${join(dataDir, 'deltas', '2026-47', 'rights.parquet')}' r
           JOIN '${join(dataDir, 'deltas', '2026-47', 'legal_status_events.parquet')}' e ON e.right_id = r.right_id
           WHERE r.right_id = '${rightA}'`,
        )
      ).getRowObjectsJson();
      expect(resent).toEqual([{ right_id: rightA, last_key_event: 'A10', superseded_by: null }]);

      // Replayed, the deltas give the snapshot: the withdrawn events and right B are gone.
      const replayed = await replayDeltas(dataDir, after);
      expect(await snapshotDifferences(replayed, dataDir)).toEqual(NO_DIFFERENCES);
      const left = async (sql: string) => Number((await replayed.runAndReadAll(sql)).getRowsJson()[0]?.[0]);
      expect(
        await left(`SELECT count(*) FROM legal_status_events WHERE event_id IN ('W-A2', 'W-A3', 'W-B1')`),
      ).toBe(0);
      expect(await left(`SELECT count(*) FROM documents WHERE event_id IN ('W-A2', 'W-A3', 'W-B1')`)).toBe(0);
      for (const table of ['rights', 'parties', 'classifications', 'priorities']) {
        expect(await left(`SELECT count(*) FROM ${table} WHERE right_id = '${rightB}'`), table).toBe(0);
        expect(
          await left(`SELECT count(*) FROM ${table} WHERE right_id = '${rightA}'`),
          table,
        ).toBeGreaterThan(0);
      }
      // Without the deletions, the replay keeps what was withdrawn: the rule needs them.
      const stale = await replayDeltas(dataDir, after, { deletions: false });
      const differences = await snapshotDifferences(stale, dataDir);
      for (const table of ROW_TABLES.map((t) => t.name)) expect(differences[table], table).toBeGreaterThan(0);

      // Written from scratch, the earlier deltas lack the withdrawn events; the deletions are the
      // same, and the replay gives the snapshot too.
      const fresh = await exportDatasets(store, {
        dir: join(dir, 'fresh'),
        asOf: AS_OF,
        siteUrl: SITE,
        formats,
      });
      const notice = (r: DataRelease) =>
        r.files.filter((f) => f.part === '2026-47').map((f) => `${f.path} ${f.sha256}`);
      expect(notice(fresh)).toEqual(notice(after));
      expect(
        await snapshotDifferences(await replayDeltas(join(dir, 'fresh'), fresh), join(dir, 'fresh')),
      ).toEqual(NO_DIFFERENCES);
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

describe('ST.96 corrections in the open datasets', () => {
  /** The status events of ST.96 files read back: identifier, comments and identified events. */
  async function st96Events(paths: string[]) {
    const { create } = await import('xmlbuilder2');
    type Node = ReturnType<typeof create>;
    const children = (parent: Node, name: string) =>
      parent.filter((n) => n.node.nodeType === 1 && n.node.nodeName === name);
    const textOf = (parent: Node, name: string) => children(parent, name)[0]?.node.textContent ?? '';
    return Promise.all(
      paths.map(async (path) => {
        const root = create(await readFile(path, 'utf8')).root();
        return children(root, 'pat:PatentLegalStatus').flatMap((status) =>
          children(children(status, 'pat:StatusEventDataBag')[0] as Node, 'pat:StatusEventData').map(
            (data) => {
              const category = data.filter(
                (n) => n.node.nodeType === 1 && n.node.nodeName.endsWith('EventData'),
              )[0];
              return {
                id: textOf(data, 'com:StatusEventIdentifier'),
                keyEvent: textOf(children(data, 'pat:StatusEventCode')[0] as Node, 'pat:KeyEventCode'),
                comments: category
                  ? children(category, 'com:CommentText').map((n) => n.node.textContent ?? '')
                  : [],
                identified: category
                  ? children(category, 'pat:StatusEventIdentification').map((n) =>
                      textOf(n, 'com:StatusEventIdentifier'),
                    )
                  : [],
              };
            },
          ),
        );
      }),
    );
  }

  /** The links `A corrects B` the events state: by identification, by comment, and by mark. */
  function linksOf(events: { id: string; comments: string[]; identified: string[] }[]) {
    const identified: string[] = [];
    const commented: string[] = [];
    const marked: string[] = [];
    for (const event of events) {
      for (const id of event.identified) identified.push(`${event.id} corrects ${id}`);
      for (const comment of event.comments) {
        for (const id of /^Corrects status events? (.+)$/.exec(comment)?.[1]?.split(', ') ?? [])
          commented.push(`${event.id} corrects ${id}`);
        for (const id of /^Corrected by status events? (.+)$/.exec(comment)?.[1]?.split(', ') ?? [])
          marked.push(`${id} corrects ${event.id}`);
      }
    }
    return { identified: identified.sort(), commented: commented.sort(), marked: marked.sort() };
  }

  it('links every correction both ways by identifier, the keys of legal_status_events', async () => {
    const app = '20259001';
    const event = (n: number, nationalCode: string, publicationDate: string, supersedes?: number) =>
      line(
        patentRecord({
          eventId: `NO-PT-${app}-000${n}`,
          applicationNumber: app,
          registrationNumber: '359001',
          nationalCode,
          eventDate: publicationDate,
          publicationDate,
          ...(supersedes === undefined ? {} : { supersedes: `NO-PT-${app}-000${supersedes}` }),
        }),
      );
    const { store, dir } = await sampleStore([
      event(1, 'MEDD', '2026-10-12'),
      event(2, 'T2', '2026-10-12'), // one-to-many: F10 and Q10
      event(3, 'ARSP', '2026-10-12'),
      event(4, 'MM1K', '2026-10-12'),
      event(5, 'ERR', '2026-11-02', 1), // category Y
      event(6, 'ERR', '2026-11-02', 2), // category Y, of both standard events of a one-to-many event
      event(7, 'ARSP', '2026-11-02', 3), // category U: only a comment can refer to the event
      event(8, 'ZZZZ', '2026-11-02', 4), // no ST.27 mapping: not in the XML
    ]);
    try {
      const dataDir = join(dir, 'data');
      const release = await exportDatasets(store, {
        dir: dataDir,
        asOf: AS_OF,
        siteUrl: SITE,
        formats: ['parquet', 'st96'],
      });
      const xml = (part: string) =>
        release.files.filter((f) => f.format === 'st96' && f.part === part).map((f) => join(dataDir, f.path));
      const snapshot = await st96Events(xml('snapshot'));
      const results = await validateSt96(
        [...xml('snapshot'), ...xml('2026-42'), ...xml('2026-45')],
        ST96_SCHEMA,
      );
      for (const result of results) expect(result.errors, result.file).toEqual([]);

      // Every identifier is `<event_id>-<standard_event_seq>` of a row of legal_status_events, once.
      const db = await (await DuckDBInstance.create(':memory:')).connect();
      const table = `'${join(dataDir, 'snapshot', 'legal_status_events.parquet')}'`;
      const keys = (
        await db.runAndReadAll(
          `SELECT event_id || '-' || standard_event_seq || ' ' || key_event FROM ${table}
           WHERE right_type = 'patent' AND mapped AND standard = 'ST.27' ORDER BY ALL`,
        )
      )
        .getRowsJson()
        .map((r) => String(r[0]));
      expect(
        snapshot
          .flat()
          .map((e) => `${e.id} ${e.keyEvent}`)
          .sort(),
      ).toEqual(keys);
      for (const file of snapshot) expect(new Set(file.map((e) => e.id)).size).toBe(file.length);
      const mine = snapshot.flat().filter((e) => e.id.startsWith(`NO-PT-${app}-`));
      expect(mine.map((e) => `${e.id} ${e.keyEvent}`)).toEqual([
        `NO-PT-${app}-0001-1 F10`,
        `NO-PT-${app}-0002-1 F10`,
        `NO-PT-${app}-0002-2 Q10`,
        `NO-PT-${app}-0003-1 U10`,
        `NO-PT-${app}-0004-1 H10`,
        `NO-PT-${app}-0005-1 Y10`,
        `NO-PT-${app}-0006-1 Y10`,
        `NO-PT-${app}-0007-1 U10`,
      ]);

      // Every correction between events in the XML is linked both ways, as the table links them.
      const pairs = (
        await db.runAndReadAll(
          `SELECT a.event_id || '-' || a.standard_event_seq || ' corrects ' || b.event_id || '-' || b.standard_event_seq,
             a.key_event LIKE 'Y%'
           FROM ${table} a JOIN ${table} b ON b.event_id = a.supersedes AND b.superseded_by = a.event_id
           WHERE a.right_type = 'patent' AND a.mapped AND b.mapped ORDER BY ALL`,
        )
      ).getRowsJson();
      const expected = pairs.map((r) => String(r[0]));
      expect(expected).toEqual([
        `NO-PT-${app}-0005-1 corrects NO-PT-${app}-0001-1`,
        `NO-PT-${app}-0006-1 corrects NO-PT-${app}-0002-1`,
        `NO-PT-${app}-0006-1 corrects NO-PT-${app}-0002-2`,
        `NO-PT-${app}-0007-1 corrects NO-PT-${app}-0003-1`,
      ]);
      const links = linksOf(snapshot.flat());
      expect(links.identified).toEqual(pairs.filter((r) => r[1] === true).map((r) => String(r[0])));
      expect(links.commented).toEqual(expected);
      expect(links.marked).toEqual(expected);
      // A correction that has no ST.27 event still marks the event it corrects.
      expect(mine.find((e) => e.id === `NO-PT-${app}-0004-1`)?.comments).toEqual([
        `Corrected by event NO-PT-${app}-0008 of the office, which has no status event in this document`,
      ]);

      // As of each issue: the delta of the first issue has no correction yet, that of the second
      // sends the corrected events again, now marked.
      const first = (await st96Events(xml('2026-42'))).flat();
      expect(first.filter((e) => e.id.startsWith(`NO-PT-${app}-`))).toHaveLength(5);
      expect(linksOf(first)).toEqual({ identified: [], commented: [], marked: [] });
      const after = linksOf((await st96Events(xml('2026-45'))).flat());
      expect(after.marked.filter((l) => l.includes(app))).toEqual(expected);
    } finally {
      store.closeSync();
    }
  }, 120_000);
});
