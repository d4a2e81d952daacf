import { describe, expect, it } from 'vitest';
import {
  type ContentHeaders,
  contentHeadersFor,
  IMMUTABLE_CACHE,
  isAtomFeed,
  isCompressible,
  isContentHashed,
  isStoredCompressed,
  SHORT_CACHE,
  sameHeaders,
  storedHeaders,
} from '../../../src/lib/deploy/content-headers.ts';

const LONG = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';
const HASH = 'a'.repeat(64);

describe('contentHeadersFor(path)', () => {
  const cases: [kind: string, path: string, expected: ContentHeaders][] = [
    [
      'an HTML page',
      'nn/issues/2024-09/index.html',
      { contentType: 'text/html; charset=utf-8', cacheControl: SHORT },
    ],
    ['the home page', 'index.html', { contentType: 'text/html; charset=utf-8', cacheControl: SHORT }],
    ['the 404 page', '404.html', { contentType: 'text/html; charset=utf-8', cacheControl: SHORT }],
    [
      'an Astro stylesheet',
      '_astro/BaseLayout.Dj_6oJVr.css',
      { contentType: 'text/css; charset=utf-8', cacheControl: LONG },
    ],
    [
      'an Astro script',
      '_astro/SearchPage.HovaK4EO.js',
      { contentType: 'text/javascript; charset=utf-8', cacheControl: LONG },
    ],
    [
      'an Astro font',
      '_astro/inter-latin-wght-normal.Dx4kXJAl.woff2',
      { contentType: 'font/woff2', cacheControl: LONG },
    ],
    [
      'a WebAssembly module',
      '_astro/decoder.B1x2y3z4.wasm',
      { contentType: 'application/wasm', cacheControl: LONG },
    ],
    [
      'the Atom feed of a language',
      'nn/feed.xml',
      { contentType: 'application/atom+xml', cacheControl: SHORT },
    ],
    [
      'a section feed',
      'en/feeds/applications.xml',
      { contentType: 'application/atom+xml', cacheControl: SHORT },
    ],
    ['the sitemap index', 'sitemap.xml', { contentType: 'application/xml', cacheControl: SHORT }],
    ['a sitemap', 'sitemaps/rights-1.xml', { contentType: 'application/xml', cacheControl: SHORT }],
    [
      'an ST.96 snapshot file',
      'data/snapshot/patent-legal-status-1.xml',
      { contentType: 'application/xml', cacheControl: SHORT },
    ],
    [
      'an ST.96 delta file',
      'data/deltas/2024-10/patent-legal-status-1.xml',
      { contentType: 'application/xml', cacheControl: LONG },
    ],
    ['JSON', 'schemas/event-record.schema.json', { contentType: 'application/json', cacheControl: SHORT }],
    ['the data package', 'data/datapackage.json', { contentType: 'application/json', cacheControl: SHORT }],
    [
      'the JSON-LD catalog',
      'data/catalog.jsonld',
      { contentType: 'application/ld+json', cacheControl: SHORT },
    ],
    [
      'the Turtle catalog',
      'data/catalog.ttl',
      { contentType: 'text/turtle; charset=utf-8', cacheControl: SHORT },
    ],
    // Kept compressed on download: no Content-Encoding, so the saved file is the .gz whose sha256 the data package gives.
    [
      'a gzipped CSV snapshot',
      'data/snapshot/rights.csv.gz',
      { contentType: 'application/gzip', cacheControl: SHORT },
    ],
    [
      'a gzipped CSV delta',
      'data/deltas/2024-10/rights.csv.gz',
      { contentType: 'application/gzip', cacheControl: LONG },
    ],
    ['a plain CSV file', 'data/codes.csv', { contentType: 'text/csv; charset=utf-8', cacheControl: SHORT }],
    [
      'a Parquet snapshot',
      'data/snapshot/rights.parquet',
      { contentType: 'application/vnd.apache.parquet', cacheControl: SHORT },
    ],
    [
      'a Parquet delta',
      'data/deltas/2024-10/rights.parquet',
      { contentType: 'application/vnd.apache.parquet', cacheControl: LONG },
    ],
    [
      'a Pagefind fragment',
      'pagefind/fragment/en_43fab8d.pf_fragment',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      'a Pagefind index chunk',
      'pagefind/index/nb_ffea53e.pf_index',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      'a fragment of another search bundle',
      'pagefind-2/fragment/nb_a1b2c3d.pf_fragment',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      'an index chunk of the archive bundle',
      'pagefind-archive/index/nb_ffea53e.pf_index',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      'a Pagefind meta file',
      'pagefind/pagefind.en_28d167aaa1.pf_meta',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      'a Pagefind filter',
      'pagefind/filter/nb_1bc7ea7.pf_filter',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      "a language bundle's fragment",
      'nn/pagefind/fragment/nn_3086781.pf_fragment',
      { contentType: 'application/octet-stream', cacheControl: LONG },
    ],
    [
      "Pagefind's WebAssembly (same name every version)",
      'pagefind/wasm.en.pagefind',
      { contentType: 'application/octet-stream', cacheControl: SHORT },
    ],
    [
      "Pagefind's entry file",
      'pagefind/pagefind-entry.json',
      { contentType: 'application/json', cacheControl: SHORT },
    ],
    [
      "Pagefind's script",
      'pagefind/pagefind.js',
      { contentType: 'text/javascript; charset=utf-8', cacheControl: SHORT },
    ],
    [
      "Pagefind's UI stylesheet",
      'pagefind/pagefind-ui.css',
      { contentType: 'text/css; charset=utf-8', cacheControl: SHORT },
    ],
    ['an SVG image', 'favicon.svg', { contentType: 'image/svg+xml', cacheControl: SHORT }],
    [
      'a compressed SVG image',
      'images/1-2.svgz',
      { contentType: 'image/svg+xml', contentEncoding: 'gzip', cacheControl: SHORT },
    ],
    ['a published PNG document', `documents/${HASH}.png`, { contentType: 'image/png', cacheControl: LONG }],
    ['a published JPEG document', `documents/${HASH}.jpg`, { contentType: 'image/jpeg', cacheControl: LONG }],
    ['a JPEG image, long ending', 'images/1-1.JPEG', { contentType: 'image/jpeg', cacheControl: SHORT }],
    [
      'a published WebP document',
      `documents/${HASH}.webp`,
      { contentType: 'image/webp', cacheControl: LONG },
    ],
    [
      'a published SVG document',
      `documents/${HASH}.svg`,
      { contentType: 'image/svg+xml', cacheControl: LONG },
    ],
    [
      'a published PDF document',
      `documents/${HASH}.pdf`,
      { contentType: 'application/pdf', cacheControl: LONG },
    ],
    ['robots.txt', 'robots.txt', { contentType: 'text/plain; charset=utf-8', cacheControl: SHORT }],
    ['a number shard', 'search/numbers/0.json', { contentType: 'application/json', cacheControl: SHORT }],
    [
      'a file of unknown type',
      'files/x.unknownext',
      { contentType: 'application/octet-stream', cacheControl: SHORT },
    ],
    ['a file without extension', 'LICENSE', { contentType: 'application/octet-stream', cacheControl: SHORT }],
  ];

  it.each(cases)('serves %s (%s) with the right headers', (_kind, path, expected) => {
    expect(contentHeadersFor(path)).toEqual(expected);
  });

  it('sets Content-Encoding on no file that is meant to stay compressed', () => {
    for (const path of [
      'data/snapshot/rights.csv.gz',
      'pagefind/wasm.nb.pagefind',
      'pagefind/fragment/a.pf_fragment',
    ]) {
      expect(contentHeadersFor(path).contentEncoding).toBeUndefined();
    }
  });
});

describe('isCompressible(headers)', () => {
  it.each([
    ['index.html', true],
    ['_astro/BaseLayout.css', true],
    ['data/datapackage.json', true],
    ['documents/ab.svg', true],
    ['data/snapshot/rights.csv.gz', false],
    ['data/snapshot/rights.parquet', false],
    ['pagefind/fragment/nb_1.pf_fragment', false],
    ['_astro/inter.woff2', false],
  ])('%s: %s', (path, compressible) => {
    expect(isCompressible(contentHeadersFor(path))).toBe(compressible);
  });
});

describe('isStoredCompressed(path)', () => {
  it.each([
    ['index.html', true],
    ['nn/issues/2024-09/index.html', true],
    ['_astro/BaseLayout.css', true],
    ['_astro/SearchPage.js', true],
    ['feed.xml', true],
    ['sitemaps/pages.xml', true],
    ['pagefind/pagefind-entry.json', true],
    ['robots.txt', true],
    ['documents/ab.svg', true],
    // The data page is a page; the open data's files are downloads, stored as they are.
    ['data/index.html', true],
    ['data/datapackage.json', false],
    ['data/catalog.ttl', false],
    ['data/snapshot/patent-legal-status-1.xml', false],
    ['data/snapshot/rights.csv.gz', false],
    ['pagefind/fragment/nb_1.pf_fragment', false],
    ['documents/ab.svgz', false],
    ['documents/ab.png', false],
    ['_astro/inter.woff2', false],
    ['.tidende/live-issues.json', false],
  ])('%s: %s', (path, compressed) => {
    expect(isStoredCompressed(path)).toBe(compressed);
  });
});

describe('storedHeaders(headers, encoding)', () => {
  it('adds the encoding the deploy stores a file with, and keeps a file’s own', () => {
    const css = contentHeadersFor('_astro/a.css');
    expect(storedHeaders(css, 'gzip')).toEqual({ ...css, contentEncoding: 'gzip' });
    expect(storedHeaders(css, undefined)).toEqual(css);
    const svgz = contentHeadersFor('documents/ab.svgz');
    expect(storedHeaders(svgz, undefined)).toEqual(svgz);
    // Only the headers: a manifest entry's other fields stay out.
    expect(storedHeaders({ ...css, sha256: HASH } as typeof css, undefined)).toEqual(css);
  });
});

describe('isAtomFeed(path)', () => {
  it('is true for feed.xml and feeds/*.xml at any depth, and false for other XML', () => {
    expect(['feed.xml', 'nn/feed.xml', 'feeds/changes.xml', 'en/feeds/other.xml'].map(isAtomFeed)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['sitemap.xml', 'data/snapshot/feed.csv', 'feeds/readme.txt', 'data/x.xml'].map(isAtomFeed),
    ).toEqual([false, false, false, false]);
  });
});

describe('isContentHashed(path)', () => {
  it('is true only where the name changes with the content', () => {
    expect(isContentHashed('_astro/x.Ab12.js')).toBe(true);
    expect(isContentHashed('data/deltas/2024-10/rights.parquet')).toBe(true);
    expect(isContentHashed('pagefind/pagefind-entry.json')).toBe(false);
    expect(isContentHashed('data/snapshot/rights.parquet')).toBe(false);
    expect(isContentHashed('en/_astro/x.js')).toBe(false);
    expect(isContentHashed('docs/x.pf_fragment')).toBe(false);
    expect(contentHeadersFor('_astro/x.js').cacheControl).toBe(IMMUTABLE_CACHE);
    expect(contentHeadersFor('index.html').cacheControl).toBe(SHORT_CACHE);
  });
});

describe('sameHeaders(a, b)', () => {
  it('compares every header, a missing Content-Encoding equal to an empty one', () => {
    const a = { contentType: 'text/css', cacheControl: SHORT };
    expect(sameHeaders(a, { ...a, contentEncoding: '' })).toBe(true);
    expect(sameHeaders(a, { ...a, contentEncoding: 'gzip' })).toBe(false);
    expect(sameHeaders(a, { ...a, cacheControl: LONG })).toBe(false);
    expect(sameHeaders(a, { ...a, contentType: 'text/plain' })).toBe(false);
  });
});
