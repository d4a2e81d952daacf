/**
 * `tidende publish` as the office's CI runs it, in a child process, against a local folder and
 * Azurite's blob service: the first week publishes everything, the same week again uploads
 * nothing, one more week uploads only what changed and leaves the target holding exactly the new
 * site; a publish already running, and mappings below the coverage threshold, stop it before
 * anything goes out.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_LOCK_PATH } from '../../src/lib/deploy/deploy-manifest.ts';
import { type Azurite, startAzurite } from '../helpers/azurite.ts';
import { readFolder } from '../helpers/deploy-site.ts';
import { line, trademarkRecord } from '../helpers/records.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SAMPLE = 'test/fixtures/sample-small/events.ndjson';
/** Sunday noon before issue 2026-47 is out, and a week later. */
const WEEK_46 = '2026-11-15T12:00:00+01:00';
const WEEK_47 = '2026-11-22T12:00:00+01:00';
const VERIFY = ['--st96-schema', '../shared/st96/schema', '--dcat-shapes', '../shared/realdata/dcat-ap-no'];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Paths and content hashes of a set of files, for comparing a target with the built site. */
function fingerprint(files: Map<string, Buffer>): Map<string, string> {
  return new Map([...files].map(([path, bytes]) => [path, sha256(bytes)]));
}

/** What a deploy's summary line says. */
function summaryOf(stdout: string): { uploaded: number; unchanged: number; deleted: number } {
  const match = /: ([\d,]+) uploaded \(.*?\), ([\d,]+) unchanged, ([\d,]+) deleted;/.exec(stdout);
  if (!match) throw new Error(`no deploy summary in:\n${stdout}`);
  const n = (s: string | undefined) => Number((s ?? '').replaceAll(',', ''));
  return { uploaded: n(match[1]), unchanged: n(match[2]), deleted: n(match[3]) };
}

interface TargetKind {
  name: string;
  fresh(): Promise<{ url: string; env: NodeJS.ProcessEnv; files(): Promise<Map<string, string>> }>;
}

let azurite: Azurite | undefined;
let web: ContainerClient | undefined;

const fileKind: TargetKind = {
  name: 'file://',
  async fresh() {
    const root = join(await tempDir(), 'www');
    return { url: `file://${root}`, env: {}, files: async () => fingerprint(await readFolder(root)) };
  },
};

const azureKind: TargetKind = {
  name: 'azure:// (Azurite)',
  async fresh() {
    const container = web as ContainerClient;
    for await (const blob of container.listBlobsFlat()) await container.deleteBlob(blob.name);
    return {
      url: 'azure://devstoreaccount1/$web',
      env: { AZURE_STORAGE_CONNECTION_STRING: azurite?.connectionString },
      async files() {
        const files = new Map<string, string>();
        for await (const blob of container.listBlobsFlat()) {
          if (blob.name.startsWith('.tidende/')) continue;
          files.set(blob.name, sha256(await container.getBlobClient(blob.name).downloadToBuffer()));
        }
        return files;
      },
    };
  },
};

beforeAll(async () => {
  azurite = await startAzurite();
  web = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('$web');
  await web.create({ access: 'blob' });
});

afterAll(async () => {
  await azurite?.stop();
});

describe.each([fileKind, azureKind])('tidende publish to $name', (kind) => {
  it('publishes a week, uploads nothing when run again, and then only what one more week changed', async () => {
    const target = await kind.fresh();
    const dir = await tempDir();
    const store = join(dir, 'state', 'store.duckdb');
    const site = join(dir, 'state', 'site');
    const publish = (asOf: string, ...more: string[]) =>
      runCli(
        ['publish', '--target', target.url, '--store', store, '--as-of', asOf, ...VERIFY, ...more],
        target.env,
      );

    const first = await publish(WEEK_46, '--extract', SAMPLE);
    // Progress goes to stderr; the exit code says whether it went well.
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('issue 2026-46 is the latest due');
    expect(first.stdout).toMatch(/verified: [1-9]\d* new or changed ST\.96 files valid against the XSD/);
    const built = fingerprint(await readFolder(site));
    expect(summaryOf(first.stdout)).toEqual({ uploaded: built.size, unchanged: 0, deleted: 0 });
    expect(await target.files()).toEqual(built);
    expect(built.has('issues/2026-46/index.html')).toBe(true);
    expect(built.has('data/datapackage.json')).toBe(true);

    const again = await publish(WEEK_46);
    expect(again.code, again.stderr).toBe(0);
    expect(summaryOf(again.stdout)).toEqual({ uploaded: 0, unchanged: built.size, deleted: 0 });

    const next = await publish(WEEK_47);
    expect(next.code, next.stderr).toBe(0);
    const rebuilt = fingerprint(await readFolder(site));
    const changed = [...rebuilt].filter(([path, hash]) => built.get(path) !== hash).length;
    const gone = [...built.keys()].filter((path) => !rebuilt.has(path)).length;
    expect(changed).toBeGreaterThan(0);
    expect(summaryOf(next.stdout)).toEqual({
      uploaded: changed,
      unchanged: rebuilt.size - changed,
      deleted: gone,
    });
    // Exactly the new version: nothing it needs was deleted, nothing it dropped is left.
    expect(await target.files()).toEqual(rebuilt);
    expect(rebuilt.has('issues/2026-47/index.html')).toBe(true);
    expect(rebuilt.has('data/deltas/2026-47/legal_status_events.parquet')).toBe(true);
  }, 300_000);
});

describe('tidende publish refuses', () => {
  it('to run while another publish holds the lock at the target', async () => {
    const root = join(await tempDir(), 'www');
    const lock = join(root, PUBLISH_LOCK_PATH);
    await mkdir(dirname(lock), { recursive: true });
    const holder = { host: 'ci-runner', pid: 4242, startedAt: new Date().toISOString() };
    await writeFile(lock, JSON.stringify(holder));
    const dir = await tempDir();
    const result = await runCli([
      'publish',
      '--target',
      `file://${root}`,
      '--store',
      join(dir, 'store.duckdb'),
      '--extract',
      SAMPLE,
      ...VERIFY,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Another publish to file://${root} is running`);
    expect(result.stderr).toContain('on ci-runner (process 4242)');
    // Nothing was done: not even the extract was ingested, and the lock is still the other's.
    expect(result.stdout).not.toContain('== ingest');
    expect([...(await readFolder(root)).keys()]).toEqual([]);
    expect(
      JSON.parse((await readFolder(root, { withState: true })).get(PUBLISH_LOCK_PATH)?.toString() ?? ''),
    ).toEqual(holder);
  });

  it('to deploy when the mappings cover too little, naming the codes', async () => {
    const root = join(await tempDir(), 'www');
    const dir = await tempDir();
    const unmapped = join(dir, 'unmapped.ndjson');
    await writeFile(
      unmapped,
      line(trademarkRecord({ eventId: 'ODD-1', nationalCode: 'TMODD', publicationDate: '2026-11-09' })),
    );
    const result = await runCli([
      'publish',
      '--target',
      `file://${root}`,
      '--store',
      join(dir, 'store.duckdb'),
      '--as-of',
      WEEK_46,
      '--extract',
      SAMPLE,
      '--extract',
      unmapped,
      '--min-coverage',
      '100',
      ...VERIFY,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('trademark TMODD: 1 events, e.g. ODD-1');
    expect(result.stdout).not.toContain('== build');
    expect(await readFolder(root, { withState: true }).catch(() => new Map())).toEqual(new Map());
  });
});
