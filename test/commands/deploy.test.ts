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
import { gunzipSync } from 'node:zlib';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTarget, run } from '../../scripts/commands/deploy.ts';
import { CliError } from '../../src/lib/cli-error.ts';
import { COMPRESS_IN_MEMORY_BYTES } from '../../src/lib/deploy/azure-target.ts';
import { contentHeadersFor, isStoredCompressed } from '../../src/lib/deploy/content-headers.ts';
import {
  MANIFEST_PATH,
  manifestFromBytes,
  PENDING_PATH,
  pendingFromBytes,
} from '../../src/lib/deploy/deploy-manifest.ts';
import { PARTIAL_SUFFIX } from '../../src/lib/deploy/file-target.ts';
import { executeDeploy, prepareDeploy } from '../../src/lib/deploy/run-deploy.ts';
import { storedGzip } from '../../src/lib/deploy/stored-gzip.ts';
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

/** A file as served. */
interface Served {
  /** The bytes as stored. */
  body: Buffer;
  contentType?: string;
  contentEncoding?: string;
}

/**
 * The bytes served at `url` as stored, with the headers they come with: plain HTTP, which unlike
 * fetch leaves Content-Encoding alone, asking for no encoding (a blob host sends what it stored).
 */
function getRaw(url: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve({
              body: Buffer.concat(chunks),
              contentType: response.headers['content-type'],
              contentEncoding: response.headers['content-encoding'],
            })
          : reject(new Error(`${url}: ${response.statusCode}`)),
      );
    }).on('error', reject);
  });
}

/**
 * The file at `path` as a browser gets it from the served bytes: decoded where the deploy stored
 * it gzip-compressed, that is where it is served with Content-Encoding gzip though the site's file
 * is no gzip itself (`.svgz`: a browser decodes it to show, but the site's file is the gzip).
 */
function siteBytes(path: string, served: Served): Buffer {
  const addedByDeploy = served.contentEncoding === 'gzip' && !contentHeadersFor(path).contentEncoding;
  return addedByDeploy ? gunzipSync(served.body) : served.body;
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
          names.map(async (name) => siteBytes(name, await getRaw(`${azurite?.blobEndpoint}/$web/${name}`))),
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
      const encoding = expected.contentEncoding ?? (isStoredCompressed(path) ? 'gzip' : null);
      expect([path, headers]).toEqual([path, { ...expected, contentEncoding: encoding }]);
    }
    const LONG = 'public, max-age=31536000, immutable';
    const SHORT = 'public, max-age=300';
    expect(served.get('index.html')).toEqual({
      contentType: 'text/html; charset=utf-8',
      contentEncoding: 'gzip',
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

  it('stores text gzip-compressed with Content-Encoding gzip, and every other file as it is', async () => {
    const { v2 } = await writeVersions();
    const { url, env } = await azureKind.fresh();
    await deployInProcess(v2, url, env);
    const serve = (path: string) => getRaw(`${azurite?.blobEndpoint}/$web/${path}`);
    const gzipped = [
      'index.html',
      'issues/2024-10/index.html',
      'en/about/index.html',
      '_astro/BaseLayout.Xk3_9aQz.css',
      '_astro/SearchPage.HovaK4EO.js',
      'pagefind/pagefind.js',
      'pagefind/pagefind-entry.json',
      'search/numbers/0.json',
      'schemas/event-record.schema.json',
      'feed.xml',
      'sitemap.xml',
      'sitemaps/pages.xml',
      'robots.txt',
      'favicon.svg',
    ];
    for (const path of gzipped) {
      const served = await serve(path);
      expect([path, served.contentEncoding, served.contentType]).toEqual([
        path,
        'gzip',
        contentHeadersFor(path).contentType,
      ]);
      // Gzip, deflate, no flags (so no file name), no time, best compression, Unix.
      expect([path, ...served.body.subarray(0, 10)]).toEqual([path, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
      expect([path, gunzipSync(served.body)]).toEqual([path, V2.get(path)]);
    }
    const asTheyAre = [
      'data/snapshot/rights.csv.gz',
      'data/deltas/2024-10/rights.csv.gz',
      'pagefind/fragment/nb_9d0c772.pf_fragment',
      'pagefind/index/nb_1a2b3c4.pf_index',
      'pagefind/wasm.nb.pagefind',
      'documents/trademark/2024/202412345-1.png',
      '_astro/inter-latin-wght-normal.Dx4kXJAl.woff2',
      '_astro/decoder.B1x2y3z4.wasm',
      'data/snapshot/rights.parquet',
      // The open data's downloads, text too: byte for byte what datapackage.json describes.
      'data/datapackage.json',
      'data/catalog.ttl',
      'data/catalog.jsonld',
      'data/snapshot/patent-legal-status-1.xml',
    ];
    for (const path of asTheyAre) {
      const served = await serve(path);
      expect([path, served.contentEncoding, served.body]).toEqual([path, undefined, V2.get(path)]);
    }
    // Gzip already, with Content-Encoding gzip by its own rule: stored as it is, not twice.
    const svgz = 'documents/design/2024/20240999-2.svgz';
    const served = await serve(svgz);
    expect([served.contentEncoding, served.body]).toEqual(['gzip', V2.get(svgz)]);
    // The blob's own properties say the same.
    const blob = await web?.getBlobClient('index.html').getProperties();
    expect(blob).toMatchObject({ contentEncoding: 'gzip', contentType: 'text/html; charset=utf-8' });
    const manifest = manifestFromBytes(
      (await (await openTarget(url, env)).read(MANIFEST_PATH))?.data as Buffer,
      MANIFEST_PATH,
    );
    expect(manifest.get('index.html')).toMatchObject({
      sha256: sha256(V2.get('index.html') as Buffer),
      bytes: V2.get('index.html')?.length,
      encoding: 'gzip',
    });
    expect(manifest.get('data/datapackage.json')?.encoding).toBeUndefined();

    expect(await deployInProcess(v2, url, env)).toMatchObject({ uploaded: 0, unchanged: V2.size });
  });

  it('compresses once what a deploy by an earlier tidende stored as it is, and back', async () => {
    const { v1 } = await writeVersions();
    const { url, env, files } = await azureKind.fresh();
    const azure = await openTarget(url, env);
    // Before it compressed, tidende stored every file as it is, and manifest entries had no encoding.
    const earlier = { ...azure, compression: 'none' as const };
    await executeDeploy(await prepareDeploy(v1, earlier, quiet), earlier, quiet);
    const encodings = async () => {
      const found = new Map<string, string | undefined>();
      for await (const blob of (web as ContainerClient).listBlobsFlat()) {
        if (!blob.name.startsWith('.tidende/')) found.set(blob.name, blob.properties.contentEncoding);
      }
      return found;
    };
    expect((await encodings()).get('index.html')).toBeUndefined();
    expect(await files()).toEqual(V1);

    const compressed = await deployInProcess(v1, url, env);
    const now = await encodings();
    const gzipped = [...now].filter(([path, coding]) => coding === 'gzip' && !path.endsWith('.svgz'));
    expect(gzipped.map(([path]) => path)).toContain('index.html');
    expect(gzipped.length).toBeGreaterThan(15);
    expect(compressed).toMatchObject({ uploaded: gzipped.length, unchanged: V1.size - gzipped.length });
    expect(await files()).toEqual(V1);
    expect(await deployInProcess(v1, url, env)).toMatchObject({ uploaded: 0, unchanged: V1.size });

    // And back: a deploy that stores files as they are uploads the compressed ones again, once.
    const plain = await executeDeploy(await prepareDeploy(v1, earlier, quiet), earlier, quiet);
    expect(plain).toMatchObject({ uploaded: gzipped.length });
    expect((await encodings()).get('index.html')).toBeUndefined();
    expect(await files()).toEqual(V1);
    expect(await executeDeploy(await prepareDeploy(v1, earlier, quiet), earlier, quiet)).toMatchObject({
      uploaded: 0,
    });
  });

  it('streams a text file too large to compress in memory through zlib', async () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size <= COMPRESS_IN_MEMORY_BYTES; i++) {
      const line = `<url><loc>https://tidende.example/patent/${20240000 + i}/</loc><lastmod>2024-10-0${i % 7}</lastmod></url>\n`;
      lines.push(line);
      size += line.length;
    }
    const big = Buffer.from(`<urlset>\n${lines.join('')}</urlset>\n`);
    const site = join(await tempDir(), 'site');
    await writeSite(site, new Map([...V1, ['sitemaps/patents-1.xml', big]]));
    const { url, env } = await azureKind.fresh();
    await deployInProcess(site, url, env);
    const served = await getRaw(`${azurite?.blobEndpoint}/$web/sitemaps/patents-1.xml`);
    expect(served.contentEncoding).toBe('gzip');
    expect(served.body.length).toBeLessThan(big.length / 4);
    expect(gunzipSync(served.body).equals(big)).toBe(true);
    // The same bytes as compressed in memory, but sent as blocks, as a stream is.
    expect(served.body.equals(await storedGzip(big))).toBe(true);
    const blocks = await web?.getBlockBlobClient('sitemaps/patents-1.xml').getBlockList('committed');
    expect(blocks?.committedBlocks?.length).toBeGreaterThan(0);
    const small = await web?.getBlockBlobClient('index.html').getBlockList('committed');
    expect(small?.committedBlocks ?? []).toEqual([]);
    expect(await deployInProcess(site, url, env)).toMatchObject({ uploaded: 0 });
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
