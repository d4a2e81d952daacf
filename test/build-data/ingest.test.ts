import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../scripts/build-data/ingest.ts';
import type { QuarantineEntry } from '../../scripts/build-data/quarantine-file.ts';
import { openEventStore } from '../../src/lib/store/event-store.ts';
import { line, patentRecord, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** Ingests files one after another into one store; returns the summaries and a reader of the store. */
async function ingestAll(dir: string, files: { name: string; content: string | Buffer }[], workers = 0) {
  const store = await openEventStore(join(dir, 'store.duckdb'));
  const quarantinePath = join(dir, 'quarantine.ndjson');
  try {
    const summaries = [];
    for (const file of files) {
      const path = join(dir, file.name);
      await writeExtract(path, file.content);
      summaries.push(await ingestFile(store, path, { quarantinePath, workers }));
    }
    return summaries;
  } finally {
    store.closeSync();
  }
}

async function query(dir: string, sql: string) {
  const store = await openEventStore(join(dir, 'store.duckdb'), { readOnly: true });
  try {
    return (await store.connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    store.closeSync();
  }
}

async function quarantine(dir: string): Promise<QuarantineEntry[]> {
  const text = await readFile(join(dir, 'quarantine.ndjson'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const tm = (n: number, overrides = {}) => trademarkRecord({ eventId: `TM-${n}`, ...overrides });

describe('ingestFile(store, file)', () => {
  it('accounts for every line as accepted, duplicate, conflict, rejected or blank', async () => {
    const dir = await tempDir();
    const content = [
      line(tm(1)),
      line(tm(2)),
      '',
      '   ',
      line(tm(1)), // duplicate
      line(tm(2, { nationalCode: 'TMCHG' })), // conflict
      '{"eventId": ',
      line({ ...tm(3), office: 'NOR' }),
    ].join('\n');
    const [summary] = await ingestAll(dir, [{ name: 'a.ndjson', content }]);
    expect(summary).toMatchObject({ read: 8, accepted: 2, duplicate: 1, conflict: 1, rejected: 2, blank: 2 });
    expect(summary?.quarantined).toBe(3);
    expect(await query(dir, 'SELECT event_id FROM events ORDER BY event_id')).toEqual([
      { event_id: 'TM-1' },
      { event_id: 'TM-2' },
    ]);
  });

  it('keeps refused lines verbatim in the quarantine file, a conflict with the version it clashes with', async () => {
    const dir = await tempDir();
    const conflicting = line(tm(2, { nationalCode: 'TMCHG' }));
    const broken = '{"eventId": ';
    await ingestAll(dir, [
      { name: 'a.ndjson', content: line(tm(2)) },
      { name: 'b.ndjson', content: `${broken}\n${conflicting}\n` },
    ]);
    const entries = await quarantine(dir);
    expect(entries.map((e) => [e.line, e.reason, e.raw])).toEqual([
      [1, 'rejected', broken],
      [2, 'conflict', conflicting],
    ]);
    expect(entries[0]?.file).toMatch(/b\.ndjson$/);
    expect(entries[1]?.existing).toMatchObject({ line: 1, batchId: 1, raw: line(tm(2)) });
    expect(entries[1]?.existing?.file).toMatch(/a\.ndjson$/);
  });

  it('names file line, field, expectation and finding of a rejected line', async () => {
    const dir = await tempDir();
    const record = tm(1);
    record.register.parties = [{ role: 'owner', name: 'X', country: 'Norway' }];
    await ingestAll(dir, [{ name: 'a.ndjson', content: `\n${line(record)}` }]);
    const [entry] = await quarantine(dir);
    expect(entry).toMatchObject({
      line: 2,
      reason: 'rejected',
      eventId: 'TM-1',
      errors: [
        {
          field: 'register.parties[0].country',
          expected: 'a WIPO ST.3 two-letter code such as "NO", "SE" or "EP"',
          found: '"Norway"',
        },
      ],
    });
  });

  it('keeps a line that is not UTF-8 as base64', async () => {
    const dir = await tempDir();
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    await ingestAll(dir, [{ name: 'a.ndjson', content: Buffer.concat([bad, Buffer.from('\n')]) }]);
    const [entry] = await quarantine(dir);
    expect(Buffer.from(entry?.rawBase64 ?? '', 'base64')).toEqual(bad);
    expect(entry?.errors[0]?.expected).toBe('UTF-8 text');
  });

  it('treats the same content with other key order or spacing as a duplicate', async () => {
    const dir = await tempDir();
    const reverseKeys = (value: object) => Object.fromEntries(Object.entries(value).reverse());
    const record = tm(1);
    const reordered = JSON.stringify(
      reverseKeys({ ...record, register: reverseKeys(record.register) }),
      null,
      1,
    )
      .split('\n')
      .join(' ');
    const [, second] = await ingestAll(dir, [
      { name: 'a.ndjson', content: line(tm(1)) },
      { name: 'b.ndjson', content: reordered.replaceAll('\n', ' ') },
    ]);
    expect(second).toMatchObject({ accepted: 0, duplicate: 1, conflict: 0 });
  });

  it('changes nothing when the same file is ingested again', async () => {
    const dir = await tempDir();
    const content = [line(tm(1)), 'oops', line(tm(2))].join('\n');
    const [first, second] = await ingestAll(dir, [
      { name: 'a.ndjson', content },
      { name: 'a.ndjson', content },
    ]);
    expect(first).toMatchObject({ accepted: 2, rejected: 1, seenBefore: false, batchId: 1 });
    expect(second).toMatchObject({ accepted: 0, duplicate: 2, rejected: 1, seenBefore: true, batchId: null });
    expect(second?.quarantined).toBe(0);
    expect(await query(dir, 'SELECT count(*)::INTEGER AS n FROM events')).toEqual([{ n: 2 }]);
    expect(await query(dir, 'SELECT count(*)::INTEGER AS n FROM ingest_batches')).toEqual([{ n: 1 }]);
    expect(await quarantine(dir)).toHaveLength(1);
  });

  it('gives the same store from gzipped, BOM and CRLF input as from plain input', async () => {
    const records = [tm(1), tm(2), patentRecord()].map(line);
    const plain = await tempDir();
    const other = await tempDir();
    await ingestAll(plain, [{ name: 'a.ndjson', content: `${records.join('\n')}\n` }]);
    await ingestAll(other, [
      { name: 'a.ndjson.gz', content: gzipSync(`\uFEFF${records.slice(0, 2).join('\r\n')}\r\n`) },
      { name: 'b.ndjson', content: `\uFEFF${records[2]}` },
    ]);
    const sql = 'SELECT * EXCLUDE (batch_id, line) FROM events ORDER BY event_id';
    expect(await query(other, sql)).toEqual(await query(plain, sql));
  });

  it('stores typed columns and the raw line', async () => {
    const dir = await tempDir();
    await ingestAll(dir, [{ name: 'a.ndjson', content: line(tm(1)) }]);
    const [row] = await query(
      dir,
      `SELECT right_type, event_date, typeof(event_date) AS date_type, register.parties[1].name AS owner,
         register.classes[1].terms AS terms, documents[1].kind AS document, raw FROM events`,
    );
    expect(row).toEqual({
      right_type: 'trademark',
      event_date: '2024-02-29',
      date_type: 'DATE',
      owner: 'Nordlys Teknologi AB',
      terms: ['computer software', 'mobile apps'],
      document: 'mark-image',
      raw: line(tm(1)),
    });
  });

  it('keeps both the corrected and the correcting event', async () => {
    const dir = await tempDir();
    const correction = tm(2, { supersedes: 'TM-1', nationalCode: 'TMCOR' });
    const [summary] = await ingestAll(dir, [
      { name: 'a.ndjson', content: [line(correction), line(tm(1))].join('\n') },
    ]);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect(await query(dir, 'SELECT event_id, supersedes FROM events ORDER BY event_id')).toEqual([
      { event_id: 'TM-1', supersedes: null },
      { event_id: 'TM-2', supersedes: 'TM-1' },
    ]);
  });

  it('rejects a correction of an unknown event or of another right', async () => {
    const dir = await tempDir();
    const orphan = tm(2, { supersedes: 'TM-404' });
    const crossed = patentRecord({ eventId: 'PT-2', supersedes: 'TM-1' });
    const [, summary] = await ingestAll(dir, [
      { name: 'a.ndjson', content: line(tm(1)) },
      { name: 'b.ndjson', content: [line(orphan), line(crossed)].join('\n') },
    ]);
    expect(summary).toMatchObject({ accepted: 0, rejected: 2 });
    const found = (await quarantine(dir)).map((e) => e.errors[0]?.found);
    expect(found).toEqual(['"TM-404" (no such event)', '"TM-1" (an event of trademark 202312345)']);
  });

  it('validates the same way in worker threads as on the main thread', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 100 === 7 ? `bad ${i}` : line(tm(i))));
    const inline = await tempDir();
    const threaded = await tempDir();
    const [a] = await ingestAll(inline, [{ name: 'a.ndjson', content: lines.join('\n') }], 0);
    const [b] = await ingestAll(threaded, [{ name: 'a.ndjson', content: lines.join('\n') }], 2);
    expect(b).toMatchObject({ read: 3000, accepted: 2970, rejected: 30 });
    expect({ ...b, seconds: 0, file: '' }).toEqual({ ...a, seconds: 0, file: '' });
    const sql = 'SELECT event_id, content_sha256 FROM events ORDER BY event_id';
    expect(await query(threaded, sql)).toEqual(await query(inline, sql));
  });

  it('ingests the committed sample extract without refusing a line', async () => {
    const dir = await tempDir();
    const store = await openEventStore(join(dir, 'store.duckdb'));
    try {
      const summary = await ingestFile(store, 'test/fixtures/sample-small/events.ndjson', {
        quarantinePath: join(dir, 'q.ndjson'),
        workers: 1,
      });
      expect(summary).toMatchObject({
        read: 370,
        accepted: 370,
        duplicate: 0,
        conflict: 0,
        rejected: 0,
        blank: 0,
      });
      const rights = await store.connection.runAndReadAll(
        'SELECT DISTINCT right_type FROM events ORDER BY right_type',
      );
      expect(rights.getRowObjectsJson().map((r) => r.right_type)).toEqual(['design', 'patent', 'trademark']);
    } finally {
      store.closeSync();
    }
  });
});
