import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import {
  type DeployManifest,
  manifestFromBytes,
  manifestToBytes,
  pendingFromBytes,
  pendingToBytes,
  UnreadableDeployState,
} from '../../../src/lib/deploy/deploy-manifest.ts';

const manifest: DeployManifest = new Map([
  [
    'nn/index.html',
    {
      sha256: 'a'.repeat(64),
      bytes: 512,
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'public, max-age=300',
    },
  ],
  [
    'documents/1.svgz',
    {
      sha256: 'b'.repeat(64),
      bytes: 0,
      contentType: 'image/svg+xml',
      contentEncoding: 'gzip',
      cacheControl: 'public, max-age=300',
    },
  ],
]);

describe('manifestToBytes(manifest, deployedAt) and manifestFromBytes(bytes, source)', () => {
  it('store the manifest as gzipped NDJSON, a line per file in path order, and read it back', async () => {
    const bytes = await manifestToBytes(manifest, new Date('2024-03-04T00:01:00+01:00'));
    const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string)).toEqual({
      format: 'tidende-deploy-manifest',
      version: 1,
      deployedAt: '2024-03-03T23:01:00.000Z',
      files: 2,
    });
    expect(lines.slice(1).map((line) => JSON.parse(line).path)).toEqual([
      'documents/1.svgz',
      'nn/index.html',
    ]);
    expect(manifestFromBytes(bytes, 'test')).toEqual(manifest);
  });

  it('record how a file is stored, and read an entry without it (an earlier tidende’s) as stored as it is', async () => {
    const entry = {
      sha256: 'c'.repeat(64),
      bytes: 2048,
      contentType: 'text/css; charset=utf-8',
      cacheControl: 'public, max-age=300',
      version: '0x8DC1',
    };
    const compressed: DeployManifest = new Map([['a.css', { ...entry, encoding: 'gzip' }]]);
    const bytes = await manifestToBytes(compressed, new Date());
    const line = JSON.parse(gunzipSync(bytes).toString('utf8').split('\n')[1] as string);
    expect(line).toEqual({ path: 'a.css', ...entry, encoding: 'gzip' });
    expect(manifestFromBytes(bytes, 'test')).toEqual(compressed);

    const earlier = gzipSync(
      `${JSON.stringify({ format: 'tidende-deploy-manifest', version: 1, deployedAt: '2024-03-03T23:01:00.000Z', files: 1 })}\n` +
        `${JSON.stringify({ path: 'a.css', ...entry })}\n`,
    );
    const read = manifestFromBytes(earlier, 'test').get('a.css');
    expect(read).toEqual(entry);
    expect(read?.encoding).toBeUndefined();
  });

  it('keep a large manifest in batches', async () => {
    const big: DeployManifest = new Map();
    for (let i = 0; i < 25_000; i++) {
      big.set(`rights/${i}/index.html`, {
        sha256: i.toString(16).padStart(64, '0'),
        bytes: i,
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'public, max-age=300',
      });
    }
    expect(manifestFromBytes(await manifestToBytes(big, new Date()), 'test')).toEqual(big);
  });

  it('report a damaged manifest as unreadable, saying where', async () => {
    const good = await manifestToBytes(manifest, new Date());
    const cases: [Buffer, string][] = [
      [Buffer.from('not gzip'), 'not gzip-compressed'],
      [good.subarray(0, good.length - 10), 'not gzip-compressed'],
      [gzipSync(''), 'is empty'],
      [gzipSync('{"format":"something-else","version":1}\n'), 'expected a first line'],
      [gzipSync('{"format":"tidende-deploy-manifest","version":1}\n{"path":"a"\n'), 'line 2: not JSON'],
      [
        gzipSync('{"format":"tidende-deploy-manifest","version":1}\n{"path":"a","sha256":"xyz","bytes":1}\n'),
        'line 2: expected {"path","sha256","bytes","contentType","cacheControl"}',
      ],
    ];
    for (const [bytes, message] of cases) {
      expect(() => manifestFromBytes(bytes, 'azure://a/$web .tidende/m')).toThrow(UnreadableDeployState);
      expect(() => manifestFromBytes(bytes, 'azure://a/$web .tidende/m')).toThrow(message);
    }
  });

  it('refuse a manifest that inflates past the limit without inflating it all', () => {
    // 100 MB of newlines in 100 kB: a bomb in the manifest's place.
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x0a));
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => manifestFromBytes(bomb, 'm', 1024 * 1024)).toThrow(UnreadableDeployState);
    expect(() => manifestFromBytes(bomb, 'm', 1024 * 1024)).toThrow('m inflates to more than 1048576 bytes.');
  });

  it('refuse a manifest of a newer version with a CliError', () => {
    const bytes = gzipSync('{"format":"tidende-deploy-manifest","version":2}\n');
    expect(() => manifestFromBytes(bytes, 'm')).toThrow(CliError);
    expect(() => manifestFromBytes(bytes, 'm')).toThrow('Deploy with a newer tidende');
  });
});

describe('pendingToBytes(paths) and pendingFromBytes(bytes, source)', () => {
  it('store and read back the pending paths', async () => {
    const bytes = await pendingToBytes(['index.html', 'feed.xml']);
    expect(pendingFromBytes(bytes, 'test')).toEqual(new Set(['feed.xml', 'index.html']));
    expect(pendingFromBytes(await pendingToBytes([]), 'test')).toEqual(new Set());
  });

  it('do not take a manifest for a pending list', async () => {
    expect(() =>
      pendingFromBytes(gzipSync('{"format":"tidende-deploy-manifest","version":1}\n'), 'p'),
    ).toThrow(UnreadableDeployState);
  });
});
