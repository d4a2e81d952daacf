import { describe, expect, it } from 'vitest';
import { contentHeadersFor, storedHeaders } from '../../../src/lib/deploy/content-headers.ts';
import type { DeployManifest } from '../../../src/lib/deploy/deploy-manifest.ts';
import {
  deployPhaseOf,
  isEntryPoint,
  planDeploy,
  storedEncodingFor,
  type TargetState,
} from '../../../src/lib/deploy/deploy-plan.ts';
import type { TargetFile } from '../../../src/lib/deploy/deploy-target.ts';
import type { LocalFile } from '../../../src/lib/deploy/local-files.ts';

const sha = (n: number) => n.toString(16).padStart(64, '0');

function local(path: string, n: number, bytes = 100): LocalFile {
  return { path, file: `/site/${path}`, sha256: sha(n), bytes };
}

/** The target as a complete deploy of `files` leaves it: each file there, and in the manifest. */
function deployed(files: LocalFile[]): TargetState {
  const manifest: DeployManifest = new Map(
    files.map((f) => [
      f.path,
      { sha256: f.sha256, bytes: f.bytes, ...contentHeadersFor(f.path), version: `v-${f.sha256}` },
    ]),
  );
  const listed: TargetFile[] = files.map((f) => ({ path: f.path, bytes: f.bytes, version: `v-${f.sha256}` }));
  listed.push({ path: '.tidende/deploy-manifest.ndjson.gz', bytes: 300, version: 'm' });
  return { manifest, pending: new Set(), files: listed };
}

/**
 * The target as a complete deploy of `files` to a host that stores text gzip-compressed leaves
 * it: listed with the compressed size and the headers stored, entries recording the encoding.
 */
function deployedCompressed(files: LocalFile[]): TargetState {
  const manifest: DeployManifest = new Map();
  const listed: TargetFile[] = [];
  for (const f of files) {
    const headers = contentHeadersFor(f.path);
    const encoding = storedEncodingFor(f.path, headers, 'gzip');
    const version = `v-${f.sha256}`;
    manifest.set(f.path, {
      sha256: f.sha256,
      bytes: f.bytes,
      ...headers,
      ...(encoding ? { encoding } : {}),
      version,
    });
    const bytes = encoding ? Math.ceil(f.bytes / 3) : f.bytes;
    listed.push({ path: f.path, bytes, headers: storedHeaders(headers, encoding), version });
  }
  listed.push({ path: '.tidende/deploy-manifest.ndjson.gz', bytes: 300, version: 'm' });
  return { manifest, pending: new Set(), files: listed, compression: 'gzip' };
}

const empty: TargetState = { manifest: null, pending: new Set(), files: [] };

const encodingsOf = (plan: ReturnType<typeof planDeploy>) =>
  Object.fromEntries(
    plan.phases.flatMap((phase) => phase.uploads.map((u) => [u.path, u.encoding ?? 'none'])),
  );

const uploadsOf = (plan: ReturnType<typeof planDeploy>) =>
  plan.phases.map((phase) => [phase.name, phase.uploads.map((u) => `${u.reason} ${u.path}`)]);

describe('deployPhaseOf(path)', () => {
  it('puts assets and datasets first, pages next, entry points last', () => {
    const phases = {
      assets: [
        '_astro/BaseLayout.Dj_6oJVr.css',
        'favicon.svg',
        'documents/trademark/2024/1-1.png',
        'pagefind/fragment/nb_1.pf_fragment',
        'pagefind/pagefind.nb_abc.pf_meta',
        'pagefind/wasm.nb.pagefind',
        'pagefind/pagefind-worker.js',
        'nn/pagefind/index/nn_1.pf_index',
        'pagefind-2/fragment/nb_2.pf_fragment',
        'pagefind-archive/index/nb_3.pf_index',
        'data/snapshot/rights.csv.gz',
        'data/deltas/2024-10/rights.parquet',
        'data/snapshot/patent-legal-status-1.xml',
        'search/numbers/0.json',
        'schemas/event-record.schema.json',
      ],
      pages: [
        '404.html',
        'issues/index.html',
        'issues/2024-10/index.html',
        'nn/issues/2024-10/index.html',
        'patent/20241234/index.html',
        'en/about/index.html',
      ],
      'entry-points': [
        'index.html',
        'nn/index.html',
        'en/index.html',
        'feed.xml',
        'nn/feed.xml',
        'feeds/applications.xml',
        'en/feeds/other.xml',
        'sitemap.xml',
        'sitemaps/pages.xml',
        'sitemaps/rights-1.xml',
        'robots.txt',
        'data/datapackage.json',
        'data/catalog.ttl',
        'data/catalog.jsonld',
        'pagefind/pagefind-entry.json',
        'pagefind/pagefind.js',
        'nn/pagefind/pagefind-entry.json',
        'pagefind/bundles.json',
        'pagefind-2/pagefind-entry.json',
        'pagefind-archive/pagefind-entry.json',
        'search/numbers/manifest.json',
      ],
    };
    for (const [phase, paths] of Object.entries(phases)) {
      for (const path of paths) expect([path, deployPhaseOf(path)]).toEqual([path, phase]);
    }
    expect(isEntryPoint('issues/index.html')).toBe(false);
    expect(isEntryPoint('data/snapshot/datapackage.json')).toBe(false);
  });
});

describe('planDeploy(local, target)', () => {
  const site = [
    local('_astro/a.1.css', 1),
    local('data/snapshot/rights.csv.gz', 2),
    local('feed.xml', 3),
    local('index.html', 4),
    local('issues/2024-09/index.html', 5),
    local('pagefind/pagefind-entry.json', 6),
  ];

  it('uploads every file of a first deploy as new, in three phases, and marks the target', () => {
    const plan = planDeploy(site, empty);
    expect(uploadsOf(plan)).toEqual([
      ['assets', ['new _astro/a.1.css', 'new data/snapshot/rights.csv.gz']],
      ['pages', ['new issues/2024-09/index.html']],
      ['entry-points', ['new feed.xml', 'new index.html', 'new pagefind/pagefind-entry.json']],
    ]);
    expect(plan).toMatchObject({ unchanged: 0, deletions: [], markTarget: true, manifestChanged: true });
    expect(plan.pending).toEqual([]);
    expect(plan.writePending).toBe(false);
    expect(plan.manifest.get('feed.xml')).toEqual({
      sha256: sha(3),
      bytes: 100,
      contentType: 'application/atom+xml',
      cacheControl: 'public, max-age=300',
    });
  });

  it('uploads nothing and writes nothing when the site is as deployed', () => {
    const plan = planDeploy(site, deployed(site));
    expect(plan.phases.flatMap((p) => p.uploads)).toEqual([]);
    expect(plan).toMatchObject({ unchanged: 6, deletions: [], markTarget: false, manifestChanged: false });
    expect(plan.writePending).toBe(false);
  });

  it('uploads what changed, marks the replaced entries pending first, and deletes what went', () => {
    const next = [
      local('_astro/a.2.css', 7),
      local('data/snapshot/rights.csv.gz', 8),
      local('feed.xml', 9),
      local('index.html', 4),
      local('issues/2024-09/index.html', 5),
      local('issues/2024-10/index.html', 10),
      local('pagefind/pagefind-entry.json', 6),
    ];
    const plan = planDeploy(next, deployed(site));
    expect(uploadsOf(plan)).toEqual([
      ['assets', ['new _astro/a.2.css', 'changed data/snapshot/rights.csv.gz']],
      ['pages', ['new issues/2024-10/index.html']],
      ['entry-points', ['changed feed.xml']],
    ]);
    expect(plan.unchanged).toBe(3);
    expect(plan.deletions).toEqual(['_astro/a.1.css']);
    expect(plan.pending).toEqual(['data/snapshot/rights.csv.gz', 'feed.xml']);
    expect(plan.writePending).toBe(true);
  });

  it('uploads a file whose headers changed, though its content did not', () => {
    const target = deployed(site);
    const entry = target.manifest?.get('index.html');
    target.manifest?.set('index.html', { ...(entry as NonNullable<typeof entry>), cacheControl: 'no-cache' });
    expect(uploadsOf(planDeploy(site, target))[2]).toEqual(['entry-points', ['changed index.html']]);
  });

  it('does not take the manifest’s word where the listing disagrees with it', () => {
    const target = deployed(site);
    const files = target.files
      .filter((f) => f.path !== 'feed.xml')
      .map((f) => (f.path === 'index.html' ? { ...f, bytes: 99 } : f))
      .map((f) =>
        f.path === '_astro/a.1.css'
          ? { ...f, headers: { contentType: 'text/plain', cacheControl: 'no-cache' } }
          : f,
      );
    const plan = planDeploy(site, { ...target, files });
    expect(uploadsOf(plan)).toEqual([
      ['assets', ['changed _astro/a.1.css']],
      ['pages', []],
      ['entry-points', ['new feed.xml', 'changed index.html']],
    ]);
  });

  it('trusts headers the target reports when they match the manifest', () => {
    const target = deployed(site);
    const files = target.files.map((f) => ({ ...f, headers: contentHeadersFor(f.path) }));
    expect(planDeploy(site, { ...target, files }).unchanged).toBe(6);
  });

  it('uploads again files an interrupted deploy left pending, and keeps them pending until done', () => {
    const target = { ...deployed(site), pending: new Set(['index.html', 'gone.html']) };
    const plan = planDeploy(site, target);
    expect(uploadsOf(plan)[2]).toEqual(['entry-points', ['changed index.html']]);
    expect(plan.pending).toEqual(['gone.html', 'index.html']);
    // Nothing to add to the stored list.
    expect(plan.writePending).toBe(false);
  });

  it('deletes every listed file the site lacks, those the manifest never named too, but not the deploy state', () => {
    const target = deployed(site);
    const files = [
      ...target.files,
      { path: 'issues/2024-11/index.html', bytes: 5, version: 'x' },
      { path: 'index.html.1a2b3c4d.tidende-partial', bytes: 5, version: 'x' },
      { path: '.tidende/deploy-pending.ndjson.gz', bytes: 5, version: 'x' },
      { path: '.tidende/deploy-manifest.ndjson.gz.9f8e7d6c.tidende-partial', bytes: 5, version: 'x' },
    ];
    const plan = planDeploy(site, { ...target, files });
    expect(plan.deletions).toEqual([
      '.tidende/deploy-manifest.ndjson.gz.9f8e7d6c.tidende-partial',
      'index.html.1a2b3c4d.tidende-partial',
      'issues/2024-11/index.html',
    ]);
  });

  it('stores text gzip-compressed where the target does, and records it; the open data and packed files as they are', () => {
    const files = [
      ...site,
      local('_astro/a.1.js', 11),
      local('_astro/font.woff2', 12),
      local('data/datapackage.json', 13),
      local('data/index.html', 14),
      local('documents/1.svgz', 15),
      local('pagefind/fragment/nb_1.pf_fragment', 16),
    ];
    const plan = planDeploy(files, { ...empty, compression: 'gzip' });
    expect(encodingsOf(plan)).toEqual({
      '_astro/a.1.css': 'gzip',
      '_astro/a.1.js': 'gzip',
      '_astro/font.woff2': 'none',
      'data/datapackage.json': 'none',
      'data/index.html': 'gzip',
      'data/snapshot/rights.csv.gz': 'none',
      'documents/1.svgz': 'none',
      'feed.xml': 'gzip',
      'index.html': 'gzip',
      'issues/2024-09/index.html': 'gzip',
      'pagefind/fragment/nb_1.pf_fragment': 'none',
      'pagefind/pagefind-entry.json': 'gzip',
    });
    // The headers are the file's own; the size and hash those of the file as it is.
    const index = plan.phases[2]?.uploads.find((u) => u.path === 'index.html');
    expect(index?.headers).toEqual(contentHeadersFor('index.html'));
    expect(plan.manifest.get('index.html')).toEqual({
      sha256: sha(4),
      bytes: 100,
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'public, max-age=300',
      encoding: 'gzip',
    });
    expect(plan.manifest.get('data/snapshot/rights.csv.gz')).not.toHaveProperty('encoding');
    // A folder stores every file as it is.
    expect(Object.values(encodingsOf(planDeploy(files, { ...empty, compression: 'none' })))).toEqual(
      files.map(() => 'none'),
    );
  });

  it('uploads nothing again where the target stores compressed what the manifest says it does', () => {
    const plan = planDeploy(site, deployedCompressed(site));
    expect(plan.phases.flatMap((p) => p.uploads)).toEqual([]);
    expect(plan).toMatchObject({ unchanged: 6, manifestChanged: false });
  });

  it('uploads once each file stored otherwise than it would be now: compression turned on, or off', () => {
    // Deployed by a tidende that did not compress: entries without an encoding.
    const on = planDeploy(site, { ...deployed(site), compression: 'gzip' });
    expect(uploadsOf(on)).toEqual([
      ['assets', ['changed _astro/a.1.css']],
      ['pages', ['changed issues/2024-09/index.html']],
      ['entry-points', ['changed feed.xml', 'changed index.html', 'changed pagefind/pagefind-entry.json']],
    ]);
    expect(on).toMatchObject({ unchanged: 1, manifestChanged: true });
    expect(on.pending).toEqual([
      '_astro/a.1.css',
      'feed.xml',
      'index.html',
      'issues/2024-09/index.html',
      'pagefind/pagefind-entry.json',
    ]);
    const off = planDeploy(site, { ...deployedCompressed(site), compression: 'none' });
    expect(uploadsOf(off)).toEqual(uploadsOf(on));
    expect(encodingsOf(off)['index.html']).toBe('none');
  });

  it('uploads again a compressed file whose Content-Encoding was taken away at the target', () => {
    const target = deployedCompressed(site);
    const files = target.files.map((f) =>
      f.path === 'index.html' ? { ...f, headers: contentHeadersFor('index.html') } : f,
    );
    expect(uploadsOf(planDeploy(site, { ...target, files }))[2]).toEqual([
      'entry-points',
      ['changed index.html'],
    ]);
  });

  it('uploads files found at the target but missing from the manifest as changed', () => {
    const target = { ...deployed(site), manifest: new Map() };
    const plan = planDeploy(site, target);
    expect(plan.phases.flatMap((p) => p.uploads).every((u) => u.reason === 'changed')).toBe(true);
    expect(plan).toMatchObject({ unchanged: 0, markTarget: false, writePending: false });
  });
});
