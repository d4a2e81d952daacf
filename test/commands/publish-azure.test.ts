/**
 * `tidende publish` against Azure Blob storage as Azurite emulates it (started on loopback on a
 * free port, stopped after): the weekly scenario of test/helpers/publish-weeks.ts, then a fault
 * that must leave every blob as it was.
 */

import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHeadersFor } from '../../src/lib/deploy/content-headers.ts';
import { type Azurite, startAzurite } from '../helpers/azurite.ts';
import { expectWeeklyPublish, fingerprint, WEEK_47 } from '../helpers/publish-weeks.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let azurite: Azurite;
let web: ContainerClient;

beforeAll(async () => {
  azurite = await startAzurite();
  web = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('$web');
  await web.create({ access: 'blob' });
});

afterAll(async () => {
  await azurite?.stop();
});

/**
 * Every blob but the deploy's own state, fetched 32 at a time, as a browser gets it: decoded where
 * the deploy stored it gzip-compressed (Content-Encoding gzip on a file that is no gzip itself).
 */
async function blobs(): Promise<Map<string, Buffer>> {
  const names: string[] = [];
  const compressed = new Set<string>();
  for await (const blob of web.listBlobsFlat()) {
    if (blob.name.startsWith('.tidende/')) continue;
    names.push(blob.name);
    if (blob.properties.contentEncoding === 'gzip' && !contentHeadersFor(blob.name).contentEncoding)
      compressed.add(blob.name);
  }
  const files = new Map<string, Buffer>();
  for (let i = 0; i < names.length; i += 32) {
    const batch = names.slice(i, i + 32);
    const contents = await Promise.all(batch.map((name) => web.getBlobClient(name).downloadToBuffer()));
    for (const [j, name] of batch.entries()) {
      const stored = contents[j] as Buffer;
      files.set(name, compressed.has(name) ? gunzipSync(stored) : stored);
    }
  }
  // The site's pages are among them: the check above is no empty one.
  expect(compressed.has('index.html')).toBe(true);
  return files;
}

/** Every blob, the deploy's state included, with its ETag: any write changes it. */
async function versions(): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  for await (const blob of web.listBlobsFlat()) found.set(blob.name, blob.properties.etag);
  return found;
}

describe('tidende publish to azure:// (Azurite)', () => {
  it('publishes a week, uploads nothing when run again, and then only what one more week changed', async () => {
    const target = {
      url: 'azure://devstoreaccount1/$web',
      env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString },
      files: async () => fingerprint(await blobs()),
    };
    await expectWeeklyPublish(target, await tempDir());

    // Faults leave the live container exactly as it was: a new store over it, a past as-of.
    const live = await versions();
    const dir = await tempDir();
    const week = join(dir, 'week.ndjson');
    await writeExtract(week, line(trademarkRecord({ eventId: 'WEEK-1', publicationDate: '2026-11-23' })));
    const fresh = join(dir, 'fresh.duckdb');
    expect((await runCli(['ingest', week, '--store', fresh])).code).toBe(0);
    const publish = (store: string, asOf: string) =>
      runCli(['publish', '--target', target.url, '--store', store, '--as-of', asOf], target.env);
    const refused = await publish(fresh, WEEK_47);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('issues live there are not locked in the store');
    expect(await versions()).toEqual(live);
  }, 300_000);
});
