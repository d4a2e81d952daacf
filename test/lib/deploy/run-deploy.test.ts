/**
 * The execution of a deploy against a real folder target: phase order as observed at the target,
 * what is written when, retries of transient failures and the errors users see.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import {
  MANIFEST_PATH,
  MAX_STORED_STATE_BYTES,
  manifestFromBytes,
  PENDING_PATH,
  PREVIOUS_MANIFEST_PATH,
} from '../../../src/lib/deploy/deploy-manifest.ts';
import { deployPhaseOf } from '../../../src/lib/deploy/deploy-plan.ts';
import type { DeployTarget } from '../../../src/lib/deploy/deploy-target.ts';
import { fileTarget } from '../../../src/lib/deploy/file-target.ts';
import { executeDeploy, prepareDeploy } from '../../../src/lib/deploy/run-deploy.ts';
import { readFolder, siteChanges, siteFiles, writeSite } from '../../helpers/deploy-site.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

interface Call {
  op: 'upload' | 'delete';
  path: string;
  at: 'start' | 'end';
}

/** The real folder target, with every call recorded and failures injected where asked. */
function recorded(target: DeployTarget, fail: (op: Call['op'], path: string) => unknown = () => undefined) {
  const calls: Call[] = [];
  const wrap =
    <T>(op: Call['op'], call: (path: string, ...rest: never[]) => Promise<T>) =>
    async (path: string, ...rest: never[]): Promise<T> => {
      calls.push({ op, path, at: 'start' });
      const failure = fail(op, path);
      if (failure) throw failure;
      const result = await call(path, ...rest);
      calls.push({ op, path, at: 'end' });
      return result;
    };
  const wrapped: DeployTarget = {
    url: target.url,
    compression: target.compression,
    list: () => target.list(),
    read: (path) => target.read(path),
    upload: wrap('upload', target.upload as never) as DeployTarget['upload'],
    create: (path, data, headers) => target.create(path, data, headers),
    replace: (path, data, headers, version) => target.replace(path, data, headers, version),
    delete: wrap('delete', target.delete as never) as DeployTarget['delete'],
  };
  return { target: wrapped, calls };
}

function output() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += chunk;
  });
  return { stream, text: () => text };
}

const quiet = { output: { quiet: true, stream: new PassThrough() } };
const noWait = { sleep: async () => {} };

async function setUp() {
  const dir = await tempDir();
  const [v1, v2, root] = [join(dir, 'v1'), join(dir, 'v2'), join(dir, 'www')];
  await writeSite(v1, siteFiles(1));
  await writeSite(v2, siteFiles(2));
  const target = fileTarget(root, `file://${root}`);
  await executeDeploy(await prepareDeploy(v1, target, quiet), target, quiet);
  return { v1, v2, root, target };
}

/** Index of the first and last call matching. */
function span(calls: Call[], match: (call: Call) => boolean): [number, number] {
  const indexes = calls.flatMap((call, index) => (match(call) ? [index] : []));
  return [indexes[0] ?? -1, indexes.at(-1) ?? -1];
}

describe('executeDeploy(plan, target, options)', () => {
  it('finishes each phase before the next, writes the manifest after the last upload and deletes last', async () => {
    const { v2, target: folder } = await setUp();
    const { target, calls } = recorded(folder);
    const summary = await executeDeploy(await prepareDeploy(v2, target, quiet), target, {
      ...quiet,
      concurrency: 4,
    });
    const { uploads, deletions } = siteChanges(siteFiles(1), siteFiles(2));
    expect(summary).toMatchObject({ uploaded: uploads.length, deleted: deletions.length });

    const site = (call: Call) => !call.path.startsWith('.tidende/');
    const [pendingWritten] = span(
      calls,
      (c) => c.op === 'upload' && c.path === PENDING_PATH && c.at === 'end',
    );
    const assets = span(calls, (c) => c.op === 'upload' && site(c) && deployPhaseOf(c.path) === 'assets');
    const pages = span(calls, (c) => c.op === 'upload' && site(c) && deployPhaseOf(c.path) === 'pages');
    const entries = span(
      calls,
      (c) => c.op === 'upload' && site(c) && deployPhaseOf(c.path) === 'entry-points',
    );
    const [manifestStart, manifestEnd] = span(calls, (c) => c.op === 'upload' && c.path === MANIFEST_PATH);
    const [pendingDeleted] = span(calls, (c) => c.op === 'delete' && c.path === PENDING_PATH);
    const deletes = span(calls, (c) => c.op === 'delete' && site(c));

    expect(pendingWritten).toBeGreaterThanOrEqual(0);
    expect(pendingWritten).toBeLessThan(assets[0]);
    expect(assets[1]).toBeLessThan(pages[0]);
    expect(pages[1]).toBeLessThan(entries[0]);
    expect(entries[1]).toBeLessThan(manifestStart);
    expect(manifestEnd).toBeLessThan(pendingDeleted);
    expect(pendingDeleted).toBeLessThan(deletes[0]);
    expect(
      calls
        .filter((c) => c.op === 'delete' && site(c) && c.at === 'end')
        .map((c) => c.path)
        .sort(),
    ).toEqual(deletions);
  });

  it('writes nothing at all when nothing changed', async () => {
    const { v1, target: folder } = await setUp();
    const { target, calls } = recorded(folder);
    const summary = await executeDeploy(await prepareDeploy(v1, target, quiet), target, quiet);
    expect(summary).toMatchObject({
      uploaded: 0,
      deleted: 0,
      bytesUploaded: 0,
      unchanged: siteFiles(1).size,
    });
    expect(calls).toEqual([]);
  });

  it('stores every file in a folder as it is, byte for byte, with nothing recorded as compressed', async () => {
    const { root, target } = await setUp();
    expect(target.compression).toBe('none');
    expect(await readFolder(root)).toEqual(siteFiles(1));
    const manifest = manifestFromBytes((await target.read(MANIFEST_PATH))?.data as Buffer, MANIFEST_PATH);
    expect([...manifest.values()].filter((entry) => entry.encoding !== undefined)).toEqual([]);
    // A folder is never asked to compress; asked, it refuses rather than store something else.
    const css = { contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=300' };
    await expect(target.upload('a.css', { data: Buffer.from('a{}') }, css, 'gzip')).rejects.toThrow(
      'stores files as they are',
    );
  });

  it('tries transient failures again and reports it', async () => {
    const { v2, root, target: folder } = await setUp();
    const failed = new Set<string>();
    const { target } = recorded(folder, (op, path) => {
      if (op !== 'upload' || failed.has(path) || deployPhaseOf(path) !== 'pages') return undefined;
      failed.add(path);
      return Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    });
    const log = output();
    const summary = await executeDeploy(await prepareDeploy(v2, target, quiet), target, {
      output: { stream: log.stream },
      retry: noWait,
    });
    expect(failed.size).toBeGreaterThan(0);
    expect(summary.uploaded).toBe(siteChanges(siteFiles(1), siteFiles(2)).uploads.length);
    expect(log.text()).toMatch(
      /deploy: could not upload issues\/2024-10\/index\.html \(Service Unavailable\); trying again in [\d.]+ s\n/,
    );
    expect(log.text()).toMatch(/deploy 2\/3, pages \(\d+ files, [\d.]+ k?B\): uploaded in/);
    expect(await readFolder(root)).toEqual(siteFiles(2));
  });

  it('stops at a lasting failure with an error naming the file, leaving the old manifest and the pending list', async () => {
    const { v2, root, target: folder } = await setUp();
    const { target, calls } = recorded(folder, (op, path) =>
      op === 'upload' && path === 'issues/2024-10/index.html'
        ? Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
        : undefined,
    );
    const plan = await prepareDeploy(v2, target, quiet);
    const failure = await executeDeploy(plan, target, { ...quiet, retry: noWait }).catch((error) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect(failure.message).toBe(
      `Could not upload issues/2024-10/index.html at file://${root}: EACCES: permission denied`,
    );
    expect(calls.some((c) => deployPhaseOf(c.path) === 'entry-points' && !c.path.startsWith('.'))).toBe(
      false,
    );
    const manifest = manifestFromBytes((await folder.read(MANIFEST_PATH))?.data as Buffer, 'm');
    expect(manifest.get('feed.xml')?.bytes).toBe(siteFiles(1).get('feed.xml')?.length);
    expect(await folder.read(PENDING_PATH)).not.toBeNull();
  });
});

describe('prepareDeploy(siteDir, target, options)', () => {
  it('refuses a target holding files but no manifest', async () => {
    const dir = await tempDir();
    await writeSite(join(dir, 'site'), siteFiles(1));
    await writeSite(join(dir, 'home'), new Map([['notes.txt', Buffer.from('mine')]]));
    const target = fileTarget(join(dir, 'home'), 'file:///home');
    await expect(prepareDeploy(join(dir, 'site'), target, quiet)).rejects.toThrow(
      'file:///home holds 1 file (notes.txt) but no .tidende/deploy-manifest.ndjson.gz: it was not deployed to by tidende',
    );
  });

  it('stops at a damaged manifest, changing nothing, and goes on once it is restored from the previous one', async () => {
    const { v1, v2, root, target } = await setUp();
    // A second deploy keeps the first one's manifest as the previous one.
    await executeDeploy(await prepareDeploy(v2, target, quiet), target, quiet);
    expect(existsSync(join(root, PREVIOUS_MANIFEST_PATH))).toBe(true);
    await writeFile(
      join(root, MANIFEST_PATH),
      gzipSync('{"format":"tidende-deploy-manifest","version":1}\n{'),
    );
    const before = await readFolder(root, { withState: true });
    await expect(prepareDeploy(v1, target, quiet)).rejects.toThrow(
      /line 2: not JSON\. Without its manifest the deploy cannot tell what is live there, so nothing was changed\. Copy \.tidende\/deploy-manifest\.previous\.ndjson\.gz/,
    );
    expect(await readFolder(root, { withState: true })).toEqual(before);
    await copyFile(join(root, PREVIOUS_MANIFEST_PATH), join(root, MANIFEST_PATH));
    const plan = await prepareDeploy(v2, target, quiet);
    // The files the second deploy changed no longer have the versions the restored manifest names.
    expect(
      plan.phases
        .flatMap((p) => p.uploads)
        .map((u) => u.path)
        .sort(),
    ).toEqual(siteChanges(siteFiles(1), siteFiles(2)).uploads.sort());
    await executeDeploy(plan, target, quiet);
    expect(await readFolder(root)).toEqual(siteFiles(2));
  });

  it('refuses a manifest too large to be one tidende wrote, without reading it', async () => {
    const { v1, root, target } = await setUp();
    await writeFile(join(root, MANIFEST_PATH), Buffer.alloc(MAX_STORED_STATE_BYTES + 1));
    await expect(prepareDeploy(v1, target, quiet)).rejects.toThrow(
      `holds ${MAX_STORED_STATE_BYTES + 1} bytes, more than the ${MAX_STORED_STATE_BYTES} a deploy reads`,
    );
  });

  it('warns of a damaged pending list and uploads every file again, still guarding what is live', async () => {
    const { v1, root, target } = await setUp();
    await writeFile(join(root, PENDING_PATH), 'not gzip');
    const log = output();
    const plan = await prepareDeploy(v1, target, { output: { stream: log.stream } });
    expect(log.text()).toContain('is not gzip-compressed');
    expect(log.text()).toContain('Every file will be uploaded again.');
    expect(plan.unchanged).toBe(0);
    expect(plan.phases.flatMap((p) => p.uploads)).toHaveLength(siteFiles(1).size);
  });

  it('uploads again a file changed at the target to the same size, and only that one', async () => {
    const { v1, root, target } = await setUp();
    const page = join(root, 'about/index.html');
    const original = await readFile(page);
    await new Promise((done) => setTimeout(done, 5));
    await writeFile(page, Buffer.alloc(original.length, 'x'));
    const plan = await prepareDeploy(v1, target, quiet);
    expect(plan.phases.flatMap((p) => p.uploads).map((u) => u.path)).toEqual(['about/index.html']);
    await executeDeploy(plan, target, quiet);
    expect(await readFile(page)).toEqual(original);
    expect((await prepareDeploy(v1, target, quiet)).unchanged).toBe(siteFiles(1).size);
  });

  it('refuses an empty folder, and a folder holding the deploy’s own .tidende/', async () => {
    const dir = await tempDir();
    const target = fileTarget(join(dir, 'www'), 'file:///www');
    await mkdir(join(dir, 'empty'));
    await expect(prepareDeploy(join(dir, 'empty'), target, quiet)).rejects.toThrow(
      'is empty: there is nothing to deploy',
    );
    await writeSite(join(dir, 'project'), new Map([['.tidende/store.duckdb', Buffer.from('x')]]));
    await expect(prepareDeploy(join(dir, 'project'), target, quiet)).rejects.toThrow(
      'holds a .tidende/ folder, which deploys keep for their own state',
    );
    await expect(prepareDeploy(join(dir, 'missing'), target, quiet)).rejects.toThrow('No site folder at');
  });
});
