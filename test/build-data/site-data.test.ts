import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../scripts/build-data/ingest.ts';
import { exportSiteData } from '../../scripts/build-data/site-data.ts';
import type { EventRecordInput } from '../../src/lib/event-record.ts';
import { loadMappingRows } from '../../src/lib/mappings/load-mapping-rows.ts';
import { readMappingTables } from '../../src/lib/mappings/read-mapping-tables.ts';
import type { IssueData, RightData, RightIndexEntry, SiteData } from '../../src/lib/site/site-data.ts';
import { loadCodeLists } from '../../src/lib/standards/code-lists.ts';
import { openEventStore } from '../../src/lib/store/event-store.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const event = (
  id: string,
  code: string,
  date: string,
  published?: string,
  overrides: Partial<EventRecordInput> = {},
) =>
  trademarkRecord({
    eventId: id,
    applicationNumber: id.split('-')[0] as string,
    nationalCode: code,
    eventDate: date,
    publicationDate: published,
    ...overrides,
  });

const events = [
  event('A-1', 'TMFIL', '2024-01-02'),
  event('A-2', 'TMREG', '2024-01-05', '2024-01-08'),
  event('A-3', 'TMREG', '2024-01-20', '2024-01-22', { supersedes: 'A-2' }),
  event('B-1', 'TMFIL', '2024-01-03', '2024-01-08'),
  // Happens before as-of but waits for an issue after it: not public yet.
  event('B-2', 'TMREG', '2024-01-24', '2024-01-29'),
  // Happens after as-of.
  event('C-1', 'TMFIL', '2024-02-10', '2024-02-12'),
];

/** A store holding `records`, and a function exporting it as of a time into one site data folder. */
async function storeOf(records: EventRecordInput[]) {
  const dir = await tempDir();
  const file = join(dir, 'events.ndjson');
  await writeExtract(file, records.map(line).join('\n'));
  const store = await openEventStore(join(dir, 'store.duckdb'));
  const codeLists = await loadCodeLists();
  await ingestFile(store, file, { quarantinePath: join(dir, 'q.ndjson'), workers: 0 });
  await loadMappingRows(store, (await readMappingTables('mappings', codeLists)).rows);
  const site = join(dir, 'site');
  return {
    site,
    close: () => store.closeSync(),
    exportAt: async (asOf: string) => {
      const summary = await exportSiteData(store, { dir: site, asOf: new Date(asOf), codeLists });
      const read = async <T>(path: string) => JSON.parse(await readFile(join(site, path), 'utf8')) as T;
      return { summary, read };
    },
  };
}

async function exportAt(asOf: string, records = events) {
  const store = await storeOf(records);
  try {
    return await store.exportAt(asOf);
  } finally {
    store.close();
  }
}

/** Each file of a folder with its inode and modification time, which a rewrite changes. */
async function fileStamps(dir: string): Promise<Map<string, string>> {
  const stamps = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { ino, mtimeMs } = await stat(path);
    stamps.set(path.slice(dir.length + 1), `${ino}/${mtimeMs}`);
  }
  return stamps;
}

describe('exportSiteData(store, options)', () => {
  // Wednesday 24 January 2024: issues 2024-02 to 2024-04 are out.
  const asOf = '2024-01-24T12:00:00Z';

  it('exports only the issues published by as-of, newest first', async () => {
    const { summary, read } = await exportAt(asOf);
    expect(summary).toMatchObject({ dueIssue: '2024-04', issues: 2, entries: 3, rights: 2, removed: 0 });
    const site = await read<SiteData>('site.json');
    expect(site.issues.map((i) => [i.id, i.entryCount, i.monday, i.publishedAt])).toEqual([
      ['2024-04', 1, '2024-01-22', '2024-01-21T23:01:00.000Z'],
      ['2024-02', 2, '2024-01-08', '2024-01-07T23:01:00.000Z'],
    ]);
    expect(site.standards['ST.61'].verified).toBe(false);
    expect(site.standards['ST.27'].states.A).toEqual({ nb: 'Aktiv', nn: 'Aktiv', en: 'Active' });
  });

  it('links a correction and the corrected entry both ways, with their issues', async () => {
    const { read } = await exportAt(asOf);
    const older = await read<IssueData>('issues/2024-02.json');
    const newer = await read<IssueData>('issues/2024-04.json');
    expect(older.entries.find((e) => e.eventId === 'A-2')?.supersededBy).toEqual({
      eventId: 'A-3',
      issue: '2024-04',
    });
    expect(newer.entries[0]).toMatchObject({
      eventId: 'A-3',
      section: 'corrections',
      supersedes: { eventId: 'A-2', issue: '2024-02' },
      nationalLabel: { en: 'Trademark registered' },
    });
  });

  it('gives each right its history of public events and its status at as-of', async () => {
    const { read } = await exportAt(asOf);
    const a = await read<RightData>('rights/trademark/A.json');
    expect(a.history.map((h) => [h.eventId, h.issue])).toEqual([
      ['A-1', null],
      ['A-2', '2024-02'],
      ['A-3', '2024-04'],
    ]);
    expect(a.status).toMatchObject({ state: expect.any(String), lastKeyEvent: expect.any(String) });
    const b = await read<RightData>('rights/trademark/B.json');
    expect(b.history.map((h) => h.eventId)).toEqual(['B-1']);
    // B-2 (registered) happened by as-of, but its issue is not out: the status is still B-1's.
    expect(b.status?.statusEventCode).toMatch(/-TMFIL$/);
    const index = await read<RightIndexEntry[]>('rights-index.json');
    expect(index.map((r) => r.applicationNumber)).toEqual(['A', 'B']);
  });

  it('keeps the stage of a registered mark through a change of name and owner', async () => {
    const { read } = await exportAt('2024-03-01T12:00:00Z', [
      event('D-1', 'TMFIL', '2024-01-02', '2024-01-08'),
      event('D-2', 'TMREG', '2024-01-05', '2024-01-08'),
      event('D-3', 'TMNAM', '2024-01-10', '2024-01-15'),
      event('D-4', 'TMOWN', '2024-01-11', '2024-01-15'),
    ]);
    const d = await read<RightData>('rights/trademark/D.json');
    // The latest event is the owner's (stage 0, any stage); the mark is still registered, stage 4.
    expect(d.status).toMatchObject({
      state: 'A',
      stage: '4',
      statusEventCode: expect.stringMatching(/-TMOWN$/),
    });
  });

  it('keeps cache keys while data stays the same, and changes them when it changes', async () => {
    const first = await exportAt(asOf);
    const again = await exportAt(asOf);
    const later = await exportAt('2024-01-29T12:00:00Z');
    const key = async (run: typeof first, path: string) =>
      (await run.read<{ cacheKey: string }>(path)).cacheKey;
    expect(await key(again, 'issues/2024-02.json')).toBe(await key(first, 'issues/2024-02.json'));
    expect(await key(again, 'rights/trademark/A.json')).toBe(await key(first, 'rights/trademark/A.json'));
    // B-2's issue came out: B's page changes, A's does not.
    expect(await key(later, 'rights/trademark/B.json')).not.toBe(await key(first, 'rights/trademark/B.json'));
    expect(await key(later, 'rights/trademark/A.json')).toBe(await key(first, 'rights/trademark/A.json'));
  });

  it('gives each history event its gazette section', async () => {
    const { read } = await exportAt(asOf);
    const a = await read<RightData>('rights/trademark/A.json');
    expect(a.history.map((h) => [h.eventId, h.section])).toEqual([
      ['A-1', 'applications'],
      ['A-2', 'registrations'],
      ['A-3', 'corrections'],
    ]);
  });

  it('names the file of a number with a slash by the rule of right-path.ts', async () => {
    const { read } = await exportAt(asOf, [
      event('X-1', 'TMFIL', '2024-01-03', '2024-01-08', { applicationNumber: '2024/00017' }),
    ]);
    const right = await read<RightData>('rights/trademark/2024_00017.json');
    expect(right.applicationNumber).toBe('2024/00017');
    expect((await read<RightIndexEntry[]>('rights-index.json'))[0]?.applicationNumber).toBe('2024/00017');
  });

  it('rewrites only the files that changed, and removes those of rights and issues gone', async () => {
    const store = await storeOf(events);
    try {
      const first = await store.exportAt(asOf);
      expect(first.summary).toMatchObject({ written: 7, unchanged: 0, removed: 0 });
      const before = await fileStamps(store.site);

      // Nothing changed: nothing is written.
      const again = await store.exportAt(asOf);
      expect(again.summary).toMatchObject({ written: 0, unchanged: 7, removed: 0 });
      expect(await fileStamps(store.site)).toEqual(before);

      // A week later B-2's issue is out: B's file, the new issue and the indexes change; A's
      // file and the older issues stay as they were.
      const later = await store.exportAt('2024-01-29T12:00:00Z');
      expect(later.summary).toMatchObject({ dueIssue: '2024-05', written: 4, unchanged: 4, removed: 0 });
      const after = await fileStamps(store.site);
      for (const file of [
        'rights/trademark/A.json',
        'issues/2024-02.json',
        'issues/2024-04.json',
        'documents.json',
      ])
        expect(after.get(file), file).toBe(before.get(file));
      for (const file of ['rights/trademark/B.json', 'rights-index.json', 'site.json'])
        expect(after.get(file), file).not.toBe(before.get(file));
      expect(after.has('issues/2024-05.json')).toBe(true);
      expect((await later.read<RightData>('rights/trademark/B.json')).history).toHaveLength(2);

      // Back before the first issue: every issue and right is gone, and so are their files (A-1,
      // not for the gazette, is public from the first issue after its date, as in the open data).
      const earlier = await store.exportAt('2024-01-05T12:00:00Z');
      expect(earlier.summary).toMatchObject({ rights: 0, issues: 0, removed: 5 });
      expect([...(await fileStamps(store.site)).keys()].sort()).toEqual([
        '.content-hashes.json',
        'documents.json',
        'rights-index.json',
        'site.json',
      ]);
      expect(await readdir(join(store.site, '..'))).not.toContain('site.partial');
    } finally {
      store.close();
    }
  });

  it('exports nothing public before the first issue', async () => {
    const { summary, read } = await exportAt('2024-01-05T12:00:00Z');
    expect(summary.dueIssue).toBeNull();
    expect((await read<SiteData>('site.json')).issues).toEqual([]);
  });
});
