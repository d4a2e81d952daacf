/**
 * `tidende deploy` against real targets: a local folder and Azurite's blob service. A small
 * hand-made site in two versions a week apart is deployed, redeployed, updated, dry-run, and
 * killed midway (in a process of its own, SIGKILLed by a failpoint) and rerun; each time the
 * target is listed and compared with the site byte for byte.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTarget, run } from '../../scripts/commands/deploy.ts';
import { CliError } from '../../src/lib/cli-error.ts';
import { contentHeadersFor } from '../../src/lib/deploy/content-headers.ts';
import {
  MANIFEST_PATH,
  manifestFromBytes,
  PENDING_PATH,
  pendingFromBytes,
} from '../../src/lib/deploy/deploy-manifest.ts';
import { PARTIAL_SUFFIX } from '../../src/lib/deploy/file-target.ts';
import { executeDeploy, prepareDeploy } from '../../src/lib/deploy/run-deploy.ts';
import { type Azurite, startAzurite } from '../helpers/azurite.ts';
import { parseDeployArgv } from '../helpers/deploy-child.ts';
import { readFolder, type SiteFiles, siteChanges, siteFiles, writeSite } from '../helpers/deploy-site.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const CHILD = fileURLToPath(new URL('../helpers/deploy-child.ts', import.meta.url));
const V1 = siteFiles(1);
const V2 = siteFiles(2);
const CHANGES = siteChanges(V1, V2);

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `tidende deploy ARGS` in a process of its own. */
function deployInChild(args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const child = spawn(process.execPath, [CHILD, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `tidende deploy ARGS` in this process, as the CLI would; `stderr` has the error message. */
async function deployCommand(args: string[], env: NodeJS.ProcessEnv): Promise<Omit<ChildResult, 'signal'>> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: new Writable({
      write(chunk, _encoding, done) {
        stdout += chunk;
        done();
      },
    }),
    stderr: new Writable({
      write(chunk, _encoding, done) {
        stderr += chunk;
        done();
      },
    }),
    env: { ...process.env, ...env },
  };
  try {
    return { code: await run(parseDeployArgv(args), io), stdout, stderr };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { code: error.exitCode, stdout, stderr: `${stderr}tidende deploy: ${error.message}\n` };
  }
}

const quiet = { output: { quiet: true } };

/** The bytes served at `url` as stored: plain HTTP, which unlike fetch leaves Content-Encoding alone. */
function getRaw(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`${url}: ${response.statusCode}`)),
      );
    }).on('error', reject);
  });
}

/** A target under test: how to make it fresh and how to see what it holds, without the deploy's code. */
interface TargetKind {
  name: string;
  /** A fresh, empty target. */
  fresh(): Promise<{
    url: string;
    env: NodeJS.ProcessEnv;
    files(): Promise<SiteFiles>;
    /** Changes a file at the target behind the deploy's back. */
    overwrite(path: string, data: Buffer): Promise<void>;
  }>;
}

let azurite: Azurite | undefined;
let web: ContainerClient | undefined;

const fileKind: TargetKind = {
  name: 'file://',
  async fresh() {
    const root = join(await tempDir(), 'www');
    return {
      url: `file://${root}`,
      env: {},
      files: () => readFolder(root).catch(() => new Map()),
      overwrite: (path, data) => writeFile(join(root, path), data),
    };
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
      async overwrite(path, data) {
        await container.getBlockBlobClient(path).uploadData(data);
      },
      async files() {
        const names: string[] = [];
        for await (const blob of container.listBlobsFlat()) {
          if (!blob.name.startsWith('.tidende/')) names.push(blob.name);
        }
        const contents = await Promise.all(
          names.map((name) => getRaw(`${azurite?.blobEndpoint}/$web/${name}`)),
        );
        return new Map(names.map((name, i) => [name, contents[i] as Buffer]));
      },
    };
  },
};

beforeAll(async () => {
  // The child runs TypeScript directly: it needs the project's Node 24, not an older one on the PATH.
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  azurite = await startAzurite();
  web = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('$web');
  // Public read access, so that files can be fetched over plain HTTP as from a static website.
  await web.create({ access: 'blob' });
});

afterAll(async () => {
  await azurite?.stop();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function writeVersions() {
  const dir = await tempDir();
  const [v1, v2] = [join(dir, 'v1'), join(dir, 'v2')];
  await writeSite(v1, V1);
  await writeSite(v2, V2);
  return { v1, v2 };
}

async function deployInProcess(site: string, url: string, env: NodeJS.ProcessEnv) {
  const target = await openTarget(url, env);
  return executeDeploy(await prepareDeploy(site, target, quiet), target, quiet);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * What the deploy state at the target claims: every manifest entry not on the pending list must
 * describe the file that is there.
 */
async function expectManifestTruthful(url: string, env: NodeJS.ProcessEnv, files: SiteFiles) {
  const target = await openTarget(url, env);
  const manifest = manifestFromBytes((await target.read(MANIFEST_PATH))?.data as Buffer, MANIFEST_PATH);
  const pendingBytes = (await target.read(PENDING_PATH))?.data;
  const pending = pendingBytes ? pendingFromBytes(pendingBytes, PENDING_PATH) : new Set<string>();
  for (const [path, entry] of manifest) {
    if (pending.has(path)) continue;
    const content = files.get(path);
    expect({ path, sha256: content && sha256(content) }).toEqual({ path, sha256: entry.sha256 });
  }
}

describe.each([fileKind, azureKind])('tidende deploy to $name', (kind) => {
  it('uploads again a file changed at the target without changing its size', async () => {
    const { v1 } = await writeVersions();
    const { url, env, files, overwrite } = await kind.fresh();
    await deployInProcess(v1, url, env);
    const path = 'about/index.html';
    const original = V1.get(path) as Buffer;
    await new Promise((done) => setTimeout(done, 5));
    await overwrite(path, Buffer.alloc(original.length, 'x'));
    const again = await deployInProcess(v1, url, env);
    expect(again).toMatchObject({ uploaded: 1, unchanged: V1.size - 1 });
    expect((await files()).get(path)).toEqual(original);
  });

  it('uploads everything first, nothing the second time, and only what changed a week later', async () => {
    const { v1, v2 } = await writeVersions();
    const { url, env, files } = await kind.fresh();

    const first = await deployInProcess(v1, url, env);
    expect(first).toMatchObject({ uploaded: V1.size, unchanged: 0, deleted: 0 });
    expect(first.bytesUploaded).toBe([...V1.values()].reduce((sum, b) => sum + b.length, 0));
    expect(await files()).toEqual(V1);

    const target = await openTarget(url, env);
    const manifestBefore = await target.read(MANIFEST_PATH);
    const second = await deployInProcess(v1, url, env);
    expect(second).toMatchObject({ uploaded: 0, unchanged: V1.size, deleted: 0, bytesUploaded: 0 });
    expect(await target.read(MANIFEST_PATH)).toEqual(manifestBefore);

    const dryRun = await deployCommand([v2, '--target', url, '--dry-run', '--json'], env);
    expect(dryRun.stderr).toBe('');
    const plan = JSON.parse(dryRun.stdout);
    const planned = plan.phases.flatMap((phase: { uploads: { path: string }[] }) => phase.uploads);
    expect(planned.map((upload: { path: string }) => upload.path).sort()).toEqual(CHANGES.uploads);
    for (const upload of planned) expect(upload.reason).toBe(V1.has(upload.path) ? 'changed' : 'new');
    expect(plan.deletions).toEqual(CHANGES.deletions);
    expect(plan).toMatchObject({
      dryRun: true,
      toUpload: CHANGES.uploads.length,
      unchanged: V2.size - CHANGES.uploads.length,
    });
    expect(await files()).toEqual(V1);
    expect(await target.read(MANIFEST_PATH)).toEqual(manifestBefore);

    const week = await deployCommand([v2, '--target', url, '--json'], env);
    expect(week.code).toBe(0);
    expect(JSON.parse(week.stdout)).toMatchObject({
      target: url,
      dryRun: false,
      uploaded: CHANGES.uploads.length,
      unchanged: V2.size - CHANGES.uploads.length,
      deleted: CHANGES.deletions.length,
    });
    expect(await files()).toEqual(V2);
    await expectManifestTruthful(url, env, V2);
    expect(await target.read(PENDING_PATH)).toBeNull();
  });

  it('converges to exactly the new version when a deploy killed midway is run again', async () => {
    const { v1, v2 } = await writeVersions();
    const { url, env, files } = await kind.fresh();
    await deployInProcess(v1, url, env);

    const killed = await deployInChild([v2, '--target', url, '--concurrency', '2'], {
      ...env,
      TIDENDE_FAILPOINT: 'deploy-after-uploads:5',
    });
    expect(killed.signal).toBe('SIGKILL');
    const midway = await files();
    // Some of the new version is up, the old entry points still lead to the old pages.
    expect(midway).not.toEqual(V1);
    expect(midway.get('index.html')).toEqual(V1.get('index.html'));
    await expectManifestTruthful(url, env, midway);

    // Besides the old files, only temporary files of uploads cut short are left to delete.
    const leftovers = [...midway.keys()].filter((path) => !V1.has(path) && !V2.has(path));
    expect(leftovers.filter((path) => !path.endsWith(PARTIAL_SUFFIX))).toEqual([]);
    const rerun = await deployInProcess(v2, url, env);
    expect(rerun.deleted).toBe(CHANGES.deletions.length + leftovers.length);
    expect(await files()).toEqual(V2);
    await expectManifestTruthful(url, env, V2);
    expect(await (await openTarget(url, env)).read(PENDING_PATH)).toBeNull();
  });

  it('restores the old version exactly when it is deployed again after an interrupted deploy', async () => {
    const { v1, v2 } = await writeVersions();
    const { url, env, files } = await kind.fresh();
    await deployInProcess(v1, url, env);
    // A file that changes without changing size: only the pending list tells the rollback that
    // the manifest's entry for it no longer holds.
    const sameSize = 'search/numbers/0.json';
    expect(V2.get(sameSize)?.length).toBe(V1.get(sameSize)?.length);
    const plan = await prepareDeploy(v2, await openTarget(url, env), quiet);
    const position = plan.phases[0]?.uploads.findIndex((upload) => upload.path === sameSize) ?? -1;
    expect(position).toBeGreaterThanOrEqual(0);

    const killed = await deployInChild([v2, '--target', url, '--concurrency', '1'], {
      ...env,
      TIDENDE_FAILPOINT: `deploy-after-uploads:${position + 1}`,
    });
    expect(killed.signal).toBe('SIGKILL');
    expect((await files()).get(sameSize)).toEqual(V2.get(sameSize));

    await deployInProcess(v1, url, env);
    expect(await files()).toEqual(V1);
    await expectManifestTruthful(url, env, V1);
  });
});

// The plan and its execution are the same for every target: these run on the quicker one.
describe('tidende deploy killed at other points', () => {
  it('resumes a first deploy killed midway, and finishes deletions killed midway', async () => {
    const { v1, v2 } = await writeVersions();
    const { url, env, files } = await fileKind.fresh();
    const killedFirst = await deployInChild([v1, '--target', url], {
      ...env,
      TIDENDE_FAILPOINT: 'deploy-after-uploads:5',
    });
    expect(killedFirst.signal).toBe('SIGKILL');
    expect((await files()).size).toBeGreaterThanOrEqual(5);
    await deployInProcess(v1, url, env);
    expect(await files()).toEqual(V1);

    expect(CHANGES.deletions.length).toBeGreaterThan(1);
    const killedDeleting = await deployInChild([v2, '--target', url, '--concurrency', '1'], {
      ...env,
      TIDENDE_FAILPOINT: 'deploy-after-deletes:1',
    });
    expect(killedDeleting.signal).toBe('SIGKILL');
    expect((await files()).size).toBe(V2.size + CHANGES.deletions.length - 1);
    const rerun = await deployInProcess(v2, url, env);
    expect(rerun).toMatchObject({ uploaded: 0, deleted: CHANGES.deletions.length - 1 });
    expect(await files()).toEqual(V2);
  });
});

describe('tidende deploy to Azure Blob static website', () => {
  it('serves every file with the headers of its kind over HTTP', async () => {
    const { v2 } = await writeVersions();
    const { url, env } = await azureKind.fresh();
    await deployInProcess(v2, url, env);
    const served = new Map<string, Record<string, string | null>>();
    for (const path of V2.keys()) {
      const response = await fetch(`${azurite?.blobEndpoint}/$web/${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      await response.arrayBuffer();
      const headers = {
        contentType: response.headers.get('content-type'),
        contentEncoding: response.headers.get('content-encoding'),
        cacheControl: response.headers.get('cache-control'),
      };
      served.set(path, headers);
      const expected = contentHeadersFor(path);
      expect([path, headers]).toEqual([
        path,
        { ...expected, contentEncoding: expected.contentEncoding ?? null },
      ]);
    }
    const LONG = 'public, max-age=31536000, immutable';
    const SHORT = 'public, max-age=300';
    expect(served.get('index.html')).toEqual({
      contentType: 'text/html; charset=utf-8',
      contentEncoding: null,
      cacheControl: SHORT,
    });
    expect(served.get('feed.xml')).toMatchObject({
      contentType: 'application/atom+xml',
      cacheControl: SHORT,
    });
    expect(served.get('sitemaps/pages.xml')).toMatchObject({ contentType: 'application/xml' });
    expect(served.get('_astro/BaseLayout.Xk3_9aQz.css')).toMatchObject({
      contentType: 'text/css; charset=utf-8',
      cacheControl: LONG,
    });
    expect(served.get('data/snapshot/rights.csv.gz')).toEqual({
      contentType: 'application/gzip',
      contentEncoding: null,
      cacheControl: SHORT,
    });
    expect(served.get('data/deltas/2024-10/rights.parquet')).toEqual({
      contentType: 'application/vnd.apache.parquet',
      contentEncoding: null,
      cacheControl: LONG,
    });
    expect(served.get('pagefind/fragment/nb_9d0c772.pf_fragment')).toEqual({
      contentType: 'application/octet-stream',
      contentEncoding: null,
      cacheControl: LONG,
    });
    expect(served.get('pagefind/pagefind-entry.json')).toMatchObject({
      contentType: 'application/json',
      cacheControl: SHORT,
    });
    expect(served.get('documents/design/2024/20240999-2.svgz')).toMatchObject({
      contentType: 'image/svg+xml',
      contentEncoding: 'gzip',
    });
    expect(served.get('data/catalog.ttl')).toMatchObject({ contentType: 'text/turtle; charset=utf-8' });
    expect(served.get('data/catalog.jsonld')).toMatchObject({ contentType: 'application/ld+json' });
    expect(served.get('_astro/decoder.B1x2y3z4.wasm')).toMatchObject({ contentType: 'application/wasm' });
  });

  it('fixes headers changed at the target behind its back', async () => {
    const { v1 } = await writeVersions();
    const { url, env } = await azureKind.fresh();
    await deployInProcess(v1, url, env);
    await web?.getBlobClient('favicon.svg').setHTTPHeaders({ blobContentType: 'text/plain' });
    expect(await deployInProcess(v1, url, env)).toMatchObject({ uploaded: 1 });
    const response = await fetch(`${azurite?.blobEndpoint}/$web/favicon.svg`);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('says clearly what is wrong with the credentials or the container', async () => {
    const { v1 } = await writeVersions();
    const connectionString = azurite?.connectionString as string;
    const wrongKey = connectionString.replace(
      /AccountKey=[^;]+/,
      `AccountKey=${Buffer.from('wrong').toString('base64')}`,
    );
    const cases: [NodeJS.ProcessEnv, string, string][] = [
      [
        { AZURE_STORAGE_CONNECTION_STRING: wrongKey },
        '$web',
        'Azure refused to list the files at azure://devstoreaccount1/$web (403',
      ],
      [
        { AZURE_STORAGE_CONNECTION_STRING: connectionString },
        'missing',
        "The container 'missing' does not exist",
      ],
      [
        { AZURE_STORAGE_CONNECTION_STRING: 'AccountName=otheraccount;AccountKey=abc' },
        '$web',
        "is for the storage account 'otheraccount'",
      ],
      [
        { AZURE_STORAGE_CONNECTION_STRING: 'nonsense' },
        '$web',
        'AZURE_STORAGE_CONNECTION_STRING is not a valid Azure Storage connection string',
      ],
      [
        { AZURE_STORAGE_CONNECTION_STRING: '', AZURE_STORAGE_SAS_TOKEN: 'not-a-token' },
        '$web',
        'AZURE_STORAGE_SAS_TOKEN is not a SAS token',
      ],
      // DefaultAzureCredential limited (below) to credentials from the environment, none set:
      // it fails before any request is made.
      [
        { AZURE_STORAGE_CONNECTION_STRING: '', AZURE_STORAGE_SAS_TOKEN: '' },
        '$web',
        'No usable Azure credentials to list the files at azure://devstoreaccount1/$web from DefaultAzureCredential (neither AZURE_STORAGE_CONNECTION_STRING nor AZURE_STORAGE_SAS_TOKEN is set)',
      ],
    ];
    // DefaultAzureCredential reads its settings from the process environment itself.
    vi.stubEnv('AZURE_TOKEN_CREDENTIALS', 'EnvironmentCredential');
    for (const name of [
      'AZURE_CLIENT_ID',
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_SECRET',
      'AZURE_FEDERATED_TOKEN_FILE',
    ]) {
      vi.stubEnv(name, undefined);
    }
    for (const [env, container, message] of cases) {
      const url = `azure://devstoreaccount1/${container}`;
      const failure = await (async () => {
        const target = await openTarget(url, env);
        await prepareDeploy(v1, target, quiet);
      })().catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect([container, (failure as Error).name, (failure as Error).message]).toEqual([
        container,
        'CliError',
        expect.stringContaining(message),
      ]);
    }
  });
});

describe('tidende deploy, its output', () => {
  it('prints the plan of a dry run per phase, and a summary line after a deploy', async () => {
    const { v1, v2 } = await writeVersions();
    const { url, files } = await fileKind.fresh();
    expect((await deployCommand([v1, '--target', url], {})).stdout).toMatch(
      new RegExp(
        `^deploy ${v1} to ${url}: ${V1.size} uploaded \\([\\d.]+ kB\\), 0 unchanged, 0 deleted; [\\d.]+ s\\n$`,
      ),
    );
    const dryRun = await deployCommand([v2, '--target', url, '--dry-run'], {});
    expect(dryRun.code).toBe(0);
    const lines = dryRun.stdout.split('\n');
    expect(lines[0]).toBe(`Plan to deploy ${v2} to ${url} (dry run: nothing at the target is changed)`);
    expect(lines).toContain('   new      issues/2024-10/index.html');
    expect(lines).toContain('   changed  data/snapshot/rights.csv.gz');
    expect(lines).toContain('   delete   _astro/BaseLayout.Dj_6oJVr.css');
    expect(lines).toContain('4. write the manifest .tidende/deploy-manifest.ndjson.gz');
    const headings = lines.filter((line) => /^\d\. /.test(line)).map((line) => line.split(':')[0]);
    expect(headings).toEqual([
      '1. assets and datasets',
      '2. pages',
      '3. entry points',
      '4. write the manifest .tidende/deploy-manifest.ndjson.gz',
      '5. delete',
    ]);
    expect(await files()).toEqual(V1);
  });

  it('refuses bad arguments with exit code 2 and a missing site with exit code 1', async () => {
    const { v1 } = await writeVersions();
    const noTarget = await deployInChild([v1], {});
    expect(noTarget).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Say where to deploy: --target'),
    });
    const badConcurrency = await deployCommand([v1, '--target', 'file:///tmp/x', '--concurrency', '0'], {});
    expect(badConcurrency).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--concurrency must be a whole number from 1 to 64'),
    });
    const inside = await deployCommand([v1, '--target', `file://${v1}/www`], {});
    expect(inside).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`overlaps the site folder ${v1}`),
    });
    const around = await deployCommand([v1, '--target', `file://${join(v1, '..')}`], {});
    expect(around).toMatchObject({ code: 2, stderr: expect.stringContaining('overlaps the site folder') });
    const noSite = await deployCommand(['/nonexistent/dist', '--target', 'file:///tmp/x'], {});
    expect(noSite).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No built site at /nonexistent/dist'),
    });
  });
});
