import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openEventStore } from '../../src/lib/store/event-store.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function storeState(store: string) {
  const opened = await openEventStore(store, { readOnly: true });
  try {
    const read = async (sql: string) => (await opened.connection.runAndReadAll(sql)).getRowObjectsJson();
    return {
      events: await read('SELECT event_id, content_sha256, batch_id FROM events ORDER BY event_id'),
      batches: await read('SELECT batch_id, sha256, accepted FROM ingest_batches ORDER BY batch_id'),
      quarantine: await read('SELECT file_sha256, line FROM quarantine ORDER BY line'),
    };
  } finally {
    opened.closeSync();
  }
}

async function setUp(lines: number) {
  const dir = await tempDir();
  const store = join(dir, 'store.duckdb');
  const first = join(dir, 'first.ndjson');
  const second = join(dir, 'second.ndjson');
  await writeExtract(first, line(trademarkRecord({ eventId: 'FIRST' })));
  const records = Array.from({ length: lines }, (_, i) =>
    i === 5 ? 'broken' : line(trademarkRecord({ eventId: `E${i}` })),
  );
  await writeExtract(second, records.join('\n'));
  expect((await runCli(['ingest', first, '--store', store])).code).toBe(0);
  return { dir, store, second, before: await storeState(store) };
}

describe('tidende ingest, killed midway', () => {
  it('leaves the store as it was when killed just before the commit, and a rerun completes it', async () => {
    const { store, second, before } = await setUp(2000);
    const killed = await runCli(['ingest', second, '--store', store], {
      TIDENDE_FAILPOINT: 'ingest-before-commit',
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(await storeState(store)).toEqual(before);

    const rerun = await runCli(['ingest', second, '--store', store, '--json']);
    expect(rerun.code).toBe(1); // one line rejected
    expect(JSON.parse(rerun.stdout)).toMatchObject({ read: 2000, accepted: 1999, rejected: 1 });
    const after = await storeState(store);
    expect(after.events).toHaveLength(2000);
    expect(after.batches).toHaveLength(2);
    expect(after.quarantine).toHaveLength(1);
  });

  it('leaves the store as it was when killed while lines are being staged', async () => {
    const { store, second, before } = await setUp(20_000);
    const { child, done } = startCli(['ingest', second, '--store', store, '--workers', '1']);
    // The scratch database exists only while the file's lines are being staged.
    while (!existsSync(`${store}.ingest-scratch`)) await sleep(5);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(await storeState(store)).toEqual(before);

    const rerun = await runCli(['ingest', second, '--store', store, '--json']);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ read: 20_000, accepted: 19_999, rejected: 1 });
  });
});
