import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSampleEvents, writeSample } from '../../scripts/sample-data/generate-sample.ts';
import { type EventRecordInput, EventRecordSchema } from '../../src/lib/event-record.ts';

const UNTIL = '2026-11-16';
const FIXTURE = fileURLToPath(new URL('../fixtures/sample-small/', import.meta.url));

/** Every file under a folder, as relative path => bytes. */
function readTree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path), readFileSync(path));
  }
  return files;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tidende-sample-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('writeSample(options)', () => {
  test('writes identical bytes, documents included, for the same options', async () => {
    const first = join(scratch, 'same-1');
    const second = join(scratch, 'same-2');
    const summary = await writeSample({
      rights: 200,
      seed: 9,
      until: UNTIL,
      out: join(first, 'events.ndjson'),
    });
    await writeSample({ rights: 200, seed: 9, until: UNTIL, out: join(second, 'events.ndjson') });
    const a = readTree(first);
    const b = readTree(second);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
    expect(summary.rights).toBe(200);
    expect(summary.documents).toBe(a.size - 1);
    expect(summary.bytes).toBe(a.get('events.ndjson')?.length);
  });

  test('writes different bytes for a different seed', async () => {
    await writeSample({ rights: 50, seed: 1, until: UNTIL, out: join(scratch, 'seed-1', 'events.ndjson') });
    await writeSample({ rights: 50, seed: 2, until: UNTIL, out: join(scratch, 'seed-2', 'events.ndjson') });
    const one = await readFile(join(scratch, 'seed-1', 'events.ndjson'));
    const two = await readFile(join(scratch, 'seed-2', 'events.ndjson'));
    expect(one.equals(two)).toBe(false);
  });

  test('writes one JSON line per generated event, as JSON.stringify writes it', async () => {
    const out = join(scratch, 'lines', 'events.ndjson');
    const summary = await writeSample({ rights: 300, seed: 4, until: UNTIL, out });
    const expected = [...generateSampleEvents({ rights: 300, seed: 4, until: UNTIL })].map(({ record }) =>
      JSON.stringify(record),
    );
    const lines = (await readFile(out, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(expected);
    expect(summary.events).toBe(expected.length);
    for (const line of lines) EventRecordSchema.parse(JSON.parse(line));
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  test('writes each referenced SVG under the extract folder with the sha256 its records give', async () => {
    const folder = join(scratch, 'documents-check');
    await writeSample({ rights: 300, seed: 6, until: UNTIL, out: join(folder, 'events.ndjson') });
    const records = (await readFile(join(folder, 'events.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EventRecordInput);
    const checked = new Set<string>();
    for (const document of records.flatMap((record) => record.documents ?? [])) {
      if (checked.has(document.href)) continue;
      checked.add(document.href);
      expect(document.href).toMatch(/^documents\/(trademark|design)\/\d{4}\/[A-Z0-9]+-\d+\.svg$/);
      expect(document.mediaType).toBe('image/svg+xml');
      const bytes = readFileSync(join(folder, document.href));
      expect(createHash('sha256').update(bytes).digest('hex'), document.href).toBe(document.sha256);
      expect(bytes.length).toBeGreaterThan(200);
      expect(bytes.length).toBeLessThan(8192);
      expect(bytes.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    expect(checked.size).toBeGreaterThan(10);
    expect(checked.size).toBe(readTree(join(folder, 'documents')).size);
  });

  test('gzips the extract when its name ends in .gz', async () => {
    const plain = join(scratch, 'gz', 'events.ndjson');
    const zipped = join(scratch, 'gz', 'events.ndjson.gz');
    await writeSample({ rights: 100, seed: 8, until: UNTIL, out: plain });
    const summary = await writeSample({ rights: 100, seed: 8, until: UNTIL, out: zipped });
    const compressed = await readFile(zipped);
    expect(summary.bytes).toBe(compressed.length);
    expect(gunzipSync(compressed).equals(await readFile(plain))).toBe(true);
  });

  test('reports progress every 10,000 events', async () => {
    const seen: number[] = [];
    const summary = await writeSample({
      rights: 2000,
      seed: 1,
      until: UNTIL,
      out: join(scratch, 'progress', 'events.ndjson'),
      onProgress: (events) => seen.push(events),
    });
    expect(seen).toEqual(
      Array.from({ length: Math.floor(summary.events / 10_000) }, (_, i) => (i + 1) * 10_000),
    );
  });

  test('fails with the extract named and leaves no partial file when it cannot write', async () => {
    const out = join(scratch, 'no-such-place', 'events.ndjson', 'events.ndjson');
    await writeSample({
      rights: 1,
      seed: 1,
      until: UNTIL,
      out: join(scratch, 'no-such-place', 'events.ndjson'),
    });
    await expect(writeSample({ rights: 5, seed: 1, until: UNTIL, out })).rejects.toThrow(
      /Could not write the sample extract/,
    );
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  test('regenerates the committed fixture test/fixtures/sample-small byte for byte', async () => {
    const folder = join(scratch, 'sample-small');
    await writeSample({ rights: 60, seed: 7, until: UNTIL, out: join(folder, 'events.ndjson') });
    const expected = readTree(FIXTURE);
    const actual = readTree(folder);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, bytes] of expected) expect(actual.get(path)?.equals(bytes), path).toBe(true);
  });
});
