/**
 * `tidende publish` against Azure Blob storage as Azurite emulates it (started on loopback on a
 * free port, stopped after): the weekly scenario of test/helpers/publish-weeks.ts.
 */
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Azurite, startAzurite } from '../helpers/azurite.ts';
import { expectWeeklyPublish, fingerprint } from '../helpers/publish-weeks.ts';
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

/** Every blob but the deploy's own state, fetched 32 at a time. */
async function blobs(): Promise<Map<string, Buffer>> {
  const names: string[] = [];
  for await (const blob of web.listBlobsFlat()) {
    if (!blob.name.startsWith('.tidende/')) names.push(blob.name);
  }
  const files = new Map<string, Buffer>();
  for (let i = 0; i < names.length; i += 32) {
    const batch = names.slice(i, i + 32);
    const contents = await Promise.all(batch.map((name) => web.getBlobClient(name).downloadToBuffer()));
    for (const [j, name] of batch.entries()) files.set(name, contents[j] as Buffer);
  }
  return files;
}

describe('tidende publish to azure:// (Azurite)', () => {
  it('publishes a week, uploads nothing when run again, and then only what one more week changed', async () => {
    const target = {
      url: 'azure://devstoreaccount1/$web',
      env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString },
      files: async () => fingerprint(await blobs()),
    };
    await expectWeeklyPublish(target, await tempDir());
  }, 300_000);
});
