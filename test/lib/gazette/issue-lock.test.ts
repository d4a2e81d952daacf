import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../scripts/build-data/ingest.ts';
import type { EventRecordInput } from '../../../src/lib/event-record.ts';
import { lockPublishedIssues, PublishedIssueChangedError } from '../../../src/lib/gazette/issue-lock.ts';
import { loadMappingRows } from '../../../src/lib/mappings/load-mapping-rows.ts';
import type { MappingRow } from '../../../src/lib/mappings/mapping-row.ts';
import { readMappingTables } from '../../../src/lib/mappings/read-mapping-tables.ts';
import { loadCodeLists } from '../../../src/lib/standards/code-lists.ts';
import { type EventStore, openEventStore } from '../../../src/lib/store/event-store.ts';
import { line, patentRecord, writeExtract } from '../../helpers/records.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const event = (id: string, code: string, published: string, overrides: Partial<EventRecordInput> = {}) =>
  patentRecord({
    eventId: id,
    applicationNumber: id.split('-')[0] as string,
    nationalCode: code,
    eventDate: published,
    publicationDate: published,
    ...overrides,
  });

// 2024-01-08 is in issue 2024-02, 2024-01-15 in 2024-03, 2024-01-22 in 2024-04.
const initial = [
  event('A-1', 'SOKN', '2024-01-08'),
  event('B-1', 'MEDD', '2024-01-10'),
  event('A-2', 'ALMT', '2024-01-15'),
  event('C-1', 'MM1K', '2024-01-22'),
  event('D-1', 'SOKN', '2023-12-01', { publicationDate: undefined }),
];

async function setUp() {
  const dir = await tempDir();
  const store = await openEventStore(join(dir, 'store.duckdb'));
  const tables = await readMappingTables('mappings', await loadCodeLists());
  await loadMappingRows(store, tables.rows);
  let files = 0;
  const ingest = async (records: EventRecordInput[]) => {
    const file = join(dir, `extract-${++files}.ndjson`);
    await writeExtract(file, records.map(line).join('\n'));
    return ingestFile(store, file, { quarantinePath: join(dir, 'q.ndjson'), workers: 0 });
  };
  await ingest(initial);
  return { store, ingest, rows: tables.rows };
}

async function query(store: EventStore, sql: string) {
  return (await store.connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('gazette_entries (view)', () => {
  it('puts each published event in the issue of its publication week and its mapped section', async () => {
    const { store } = await setUp();
    try {
      expect(
        await query(store, 'SELECT issue, event_id, section FROM gazette_entries ORDER BY issue, event_id'),
      ).toEqual([
        { issue: '2024-02', event_id: 'A-1', section: 'applications' },
        { issue: '2024-02', event_id: 'B-1', section: 'registrations' },
        { issue: '2024-03', event_id: 'A-2', section: 'applications' },
        { issue: '2024-04', event_id: 'C-1', section: 'terminations' },
      ]);
    } finally {
      store.closeSync();
    }
  });

  it('files a correction under corrections in the issue of its own publication date', async () => {
    const { store, ingest } = await setUp();
    try {
      await ingest([event('C-2', 'MM1K', '2024-02-05', { supersedes: 'C-1' })]);
      expect(
        await query(store, `SELECT issue, section, supersedes FROM gazette_entries WHERE event_id = 'C-2'`),
      ).toEqual([{ issue: '2024-06', section: 'corrections', supersedes: 'C-1' }]);
      expect(await query(store, `SELECT superseded_by FROM gazette_entries WHERE event_id = 'C-1'`)).toEqual([
        { superseded_by: 'C-2' },
      ]);
    } finally {
      store.closeSync();
    }
  });
});

describe('lockPublishedIssues(store, asOf)', () => {
  it('locks nothing for an as-of later than now: a preview leaves open issues open', async () => {
    const { store } = await setUp();
    try {
      const now = new Date('2024-01-10T12:00:00Z');
      const preview = await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'), now);
      expect(preview).toEqual({ due: '2024-05', newlyLocked: [], locked: 0, preview: true });
      expect(await query(store, 'SELECT count(*)::INTEGER AS n FROM published_issues')).toEqual([{ n: 0 }]);
      // Within the clock skew it is no preview.
      const skewed = await lockPublishedIssues(store, new Date(now.getTime() + 60_000), now);
      expect(skewed.preview).toBe(false);
    } finally {
      store.closeSync();
    }
  });

  it('locks the issues published by the time given, and not the ones still to come', async () => {
    const { store } = await setUp();
    try {
      // Monday 15 January 2024 00:01 Oslo: issue 2024-03 is out, 2024-04 is not.
      const result = await lockPublishedIssues(store, new Date('2024-01-14T23:01:00Z'));
      expect(result).toEqual({
        due: '2024-03',
        newlyLocked: ['2024-02', '2024-03'],
        locked: 2,
        preview: false,
      });
      expect(await query(store, 'SELECT issue, entries FROM published_issues ORDER BY issue')).toEqual([
        { issue: '2024-02', entries: '2' },
        { issue: '2024-03', entries: '1' },
      ]);
      const again = await lockPublishedIssues(store, new Date('2024-01-14T23:01:00Z'));
      expect(again.newlyLocked).toEqual([]);
    } finally {
      store.closeSync();
    }
  });

  it('accepts a later correction, which changes no published entry', async () => {
    const { store, ingest } = await setUp();
    try {
      await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'));
      await ingest([event('C-2', 'MM1K', '2024-02-05', { supersedes: 'C-1' })]);
      const result = await lockPublishedIssues(store, new Date('2024-02-05T12:00:00Z'));
      expect(result.newlyLocked).toEqual(['2024-06']);
    } finally {
      store.closeSync();
    }
  });

  it('leaves a locked issue alone when ingest is asked to add an event to it: the line is rejected', async () => {
    const { store, ingest } = await setUp();
    try {
      await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'));
      const summary = await ingest([event('E-1', 'SOKN', '2024-01-09')]);
      expect(summary).toMatchObject({ accepted: 0, rejected: 1 });
      const [refused] = await query(store, `SELECT errors::VARCHAR AS errors FROM quarantine`);
      expect(JSON.parse(String(refused?.errors))).toEqual([
        {
          field: 'publicationDate',
          expected: 'a date in an issue not yet published (the first still open is 2024-05, from 2024-01-29)',
          found: '"2024-01-09" (issue 2024-02, already published and locked)',
        },
      ]);
      await expect(lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'))).resolves.toBeDefined();
    } finally {
      store.closeSync();
    }
  });

  it('fails, naming the issue and entry, when an event was added to a published issue behind ingest', async () => {
    const { store, ingest } = await setUp();
    try {
      await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'));
      await ingest([event('E-1', 'SOKN', '2024-03-04')]);
      // As a store edited by hand would be: the event moved into an issue already locked.
      await store.connection.run(
        `UPDATE events SET publication_date = DATE '2024-01-09' WHERE event_id = 'E-1'`,
      );
      const error = await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z')).catch((e) => e);
      expect(error).toBeInstanceOf(PublishedIssueChangedError);
      expect(error.changes).toEqual([{ issue: '2024-02', added: ['E-1'], removed: [], changed: [] }]);
      expect(error.message).toContain('  2024-02: added E-1');
    } finally {
      store.closeSync();
    }
  });

  it('fails when a changed mapping table would change what a published issue says', async () => {
    const { store, rows } = await setUp();
    try {
      await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'));
      const relabelled = rows.map((row: MappingRow) =>
        row.nationalCode === 'MEDD' ? { ...row, labelEn: 'Patent granted (relabelled)' } : row,
      );
      await loadMappingRows(store, relabelled);
      const error = await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z')).catch((e) => e);
      expect(error.changes).toEqual([{ issue: '2024-02', added: [], removed: [], changed: ['B-1'] }]);
      expect(await query(store, 'SELECT count(*)::INTEGER AS n FROM published_issues')).toEqual([{ n: 3 }]);
    } finally {
      store.closeSync();
    }
  });

  it('builds an earlier as-of after a later one without taking later issues for removed', async () => {
    const { store } = await setUp();
    try {
      await lockPublishedIssues(store, new Date('2024-01-29T12:00:00Z'));
      const earlier = await lockPublishedIssues(store, new Date('2024-01-10T12:00:00Z'));
      expect(earlier).toMatchObject({ due: '2024-02', newlyLocked: [] });
    } finally {
      store.closeSync();
    }
  });
});
