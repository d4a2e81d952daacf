/**
 * The HTTP headers each file of a built site is served with from blob hosting: Content-Type,
 * Content-Encoding and Cache-Control, decided from the file's path alone, in one table. Blob hosts
 * serve a file with the headers stored with it, so the deploy sets them at upload.
 *
 * ## Content-Encoding
 *
 * A blob host sends a stored Content-Encoding whatever the client asked for, and every HTTP client
 * that sends Accept-Encoding (browsers, `fetch`, Python's requests, feed readers) then hands over
 * the decoded bytes; curl without `--compressed` and wget save the bytes as sent. One rule follows:
 * a file is stored with Content-Encoding only where its decoded bytes are what its readers want.
 *
 * - The deploy compresses in transit what readers take through a browser: to a host that serves
 *   the stored encoding as is (Azure Blob static websites, which never negotiate; see
 *   deploy-target.ts), each file {@link isCompressible} (text: pages, CSS, scripts, JSON, XML,
 *   feeds, sitemaps, SVG) is stored gzip-compressed with Content-Encoding gzip, its Content-Type
 *   unchanged ({@link isStoredCompressed}). A folder target stores every file as it is: the web
 *   server in front negotiates per request, as `tidende serve` does. The headers below are those
 *   of the file as the site has it; the deploy adds the Content-Encoding ({@link storedHeaders}).
 * - The open data under `data/` (dataset files and their metadata: `datapackage.json`, the
 *   catalogs, ST.96 XML) is stored as it is, text or not, pages about it aside: these are downloads,
 *   fetched as often by curl, wget and scripts as by browsers, and the sha256 and size that
 *   `datapackage.json` gives must match the bytes any of them saves.
 * - Dataset files `*.csv.gz` are downloads. They are served as what they are, `application/gzip`,
 *   without Content-Encoding: browsers, curl and wget all save the gzip bytes under the `.csv.gz`
 *   name, the sha256 and size in `datapackage.json` match what was downloaded, and pandas,
 *   DuckDB and Frictionless tools read them by their `.gz` extension. With Content-Encoding gzip,
 *   browsers would save plain CSV under a `.gz` name and a client that decodes would fail the
 *   checksum.
 * - Pagefind's index files (`.pf_fragment`, `.pf_index`, `.pf_meta`, `.pf_filter`, `.pagefind`)
 *   are gzip-compressed binaries that pagefind.js fetches and decompresses itself:
 *   `application/octet-stream`, no Content-Encoding.
 * - A compressed SVG (`.svgz`) is an image to show, gzip-compressed already: its own rule below
 *   gives it Content-Encoding gzip, and the deploy stores its bytes as they are.
 * - Images, fonts and archives are packed already and are never compressed again.
 * - The deploy's own state under `.tidende/` is never compressed by the deploy: it is not served to
 *   readers, and publish and deploy read it back as stored.
 *
 * ## Cache-Control
 *
 * Long and immutable only for files whose name changes whenever their content does: Astro's
 * `_astro/` assets, published documents (`documents/<sha256>.<ext>`), Pagefind's hashed index files and the dataset deltas under `data/deltas/` (a
 * published issue's delta never changes). Everything else, pages, feeds, sitemaps, Pagefind's
 * entry files, the weekly snapshot files under fixed names, gets a short lifetime so that a new
 * issue reaches readers within minutes.
 */
import { PUBLISHED_DOCUMENTS_DIR } from '../documents/document-policy.ts';
import { isBundleDir } from '../site/search-bundles.ts';
import { DEPLOY_STATE_DIR } from './deploy-manifest.ts';

/** Types worth compressing in transit: text of any kind. Images, fonts and archives are packed already. */
const COMPRESSIBLE_TYPE =
  /^(text\/|application\/(json|ld\+json|xml|atom\+xml|javascript|manifest\+json)|image\/svg\+xml)/;

/**
 * Whether a file served with `headers` is worth compressing in transit (as a CDN would, or
 * `tidende serve`): text, not already stored with a Content-Encoding.
 */
export function isCompressible(headers: ContentHeaders): boolean {
  return !headers.contentEncoding && COMPRESSIBLE_TYPE.test(headers.contentType);
}

/** The folder of the open data: dataset files and their metadata, and the data page. */
const OPEN_DATA_DIR = 'data/';

/** Whether the file is one of the open data's downloads (not a page about them): see the module comment. */
export function isOpenDataDownload(path: string): boolean {
  return path.startsWith(OPEN_DATA_DIR) && !/\.html?$/i.test(path);
}

/**
 * Whether a deploy to a host that serves a stored Content-Encoding as is stores the file at `path`
 * gzip-compressed with Content-Encoding gzip (see the module comment): text worth compressing,
 * except the open data's downloads and the deploy's own state. Always, however small the file:
 * the choice depends on the path alone, and gzip adds at most some 20 bytes to a file of a few.
 *
 * @example
 * isStoredCompressed('issues/2024-09/index.html'); // true
 * isStoredCompressed('data/datapackage.json'); // false: a download
 * isStoredCompressed('pagefind/fragment/nb_1.pf_fragment'); // false: gzip already
 */
export function isStoredCompressed(path: string, headers: ContentHeaders = contentHeadersFor(path)): boolean {
  if (path.startsWith(DEPLOY_STATE_DIR) || isOpenDataDownload(path)) return false;
  return isCompressible(headers);
}

/**
 * The headers stored with a file whose headers are `headers` when the deploy stores it with
 * `encoding` (gzip-compressed, see {@link isStoredCompressed}); `headers` when it stores it as is.
 */
export function storedHeaders(headers: ContentHeaders, encoding: string | undefined): ContentHeaders {
  const { contentType, contentEncoding, cacheControl } = headers;
  const stored: ContentHeaders = { contentType, cacheControl };
  const coding = encoding ?? contentEncoding;
  if (coding) stored.contentEncoding = coding;
  return stored;
}

/** The headers a file is served with. */
export interface ContentHeaders {
  /** e.g. `text/html; charset=utf-8`. */
  contentType: string;
  /** e.g. `gzip`; only for files clients must decode to use (see the module comment). */
  contentEncoding?: string;
  /** e.g. `public, max-age=300`. */
  cacheControl: string;
}

/** For files whose name carries a hash of their content: cached for a year, never revalidated. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** For files republished under the same name: five minutes, so a new issue shows up quickly. */
export const SHORT_CACHE = 'public, max-age=300';
/** For files of unknown type. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

interface MediaRule {
  contentType: string;
  contentEncoding?: string;
}

const TEXT = '; charset=utf-8';
const PAGEFIND_BINARY: MediaRule = { contentType: 'application/octet-stream' };

/**
 * Media types by file name ending (lower case); the longest ending that matches wins. XML and JSON
 * carry their encoding in the document (XML declaration; JSON is UTF-8 by definition), so no
 * charset parameter; other text types are declared UTF-8, which the build writes.
 */
const MEDIA_TYPES: Record<string, MediaRule> = {
  '.html': { contentType: `text/html${TEXT}` },
  '.htm': { contentType: `text/html${TEXT}` },
  '.css': { contentType: `text/css${TEXT}` },
  '.js': { contentType: `text/javascript${TEXT}` },
  '.mjs': { contentType: `text/javascript${TEXT}` },
  '.map': { contentType: 'application/json' },
  '.json': { contentType: 'application/json' },
  '.jsonld': { contentType: 'application/ld+json' },
  '.webmanifest': { contentType: 'application/manifest+json' },
  '.xml': { contentType: 'application/xml' },
  '.xsd': { contentType: 'application/xml' },
  '.ttl': { contentType: `text/turtle${TEXT}` },
  '.txt': { contentType: `text/plain${TEXT}` },
  '.csv': { contentType: `text/csv${TEXT}` },
  // Downloads kept compressed: see the module comment.
  '.gz': { contentType: 'application/gzip' },
  '.csv.gz': { contentType: 'application/gzip' },
  '.zip': { contentType: 'application/zip' },
  '.parquet': { contentType: 'application/vnd.apache.parquet' },
  '.pdf': { contentType: 'application/pdf' },
  '.wasm': { contentType: 'application/wasm' },
  '.pf_fragment': PAGEFIND_BINARY,
  '.pf_index': PAGEFIND_BINARY,
  '.pf_meta': PAGEFIND_BINARY,
  '.pf_filter': PAGEFIND_BINARY,
  '.pagefind': PAGEFIND_BINARY,
  '.svg': { contentType: 'image/svg+xml' },
  // A compressed SVG is an image to show, not a file to save: browsers must decode it.
  '.svgz': { contentType: 'image/svg+xml', contentEncoding: 'gzip' },
  '.png': { contentType: 'image/png' },
  '.jpg': { contentType: 'image/jpeg' },
  '.jpeg': { contentType: 'image/jpeg' },
  '.gif': { contentType: 'image/gif' },
  '.webp': { contentType: 'image/webp' },
  '.avif': { contentType: 'image/avif' },
  '.tif': { contentType: 'image/tiff' },
  '.tiff': { contentType: 'image/tiff' },
  '.ico': { contentType: 'image/vnd.microsoft.icon' },
  '.woff2': { contentType: 'font/woff2' },
  '.woff': { contentType: 'font/woff' },
  '.ttf': { contentType: 'font/ttf' },
  '.otf': { contentType: 'font/otf' },
};

/** Pagefind index files whose names carry a hash of their content. */
const PAGEFIND_HASHED = ['.pf_fragment', '.pf_index', '.pf_meta', '.pf_filter'];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function folders(path: string): string[] {
  return path.split('/').slice(0, -1);
}

/** Whether the file is part of a Pagefind bundle (`pagefind/`, `pagefind-archive/`, `pagefind-2/`, …). */
export function isPagefindFile(path: string): boolean {
  return folders(path).some(isBundleDir);
}

/** Whether the file is an Atom feed: the build writes `feed.xml` and `feeds/*.xml` per language. */
export function isAtomFeed(path: string): boolean {
  const dirs = folders(path);
  return path.endsWith('.xml') && (baseName(path) === 'feed.xml' || dirs[dirs.length - 1] === 'feeds');
}

/** Whether the file is a published document (named by its hash: see take-documents.ts). */
export function isPublishedDocument(path: string): boolean {
  return path.startsWith(`${PUBLISHED_DOCUMENTS_DIR}/`);
}

/**
 * The Content-Security-Policy a document is served with where the server can send one
 * (`tidende serve`; a CDN in front of blob hosting): opened on its own, an image or PDF runs no
 * script and loads nothing, whatever it holds. Embedded with `<img>`, it is not needed: browsers
 * run no script in images. Azure Blob static websites send no such header (see the README).
 */
export const DOCUMENT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/** Whether the file's name changes whenever its content does, so that it can be cached forever. */
export function isContentHashed(path: string): boolean {
  if (path.startsWith('_astro/')) return true;
  if (isPublishedDocument(path)) return true;
  if (path.startsWith('data/deltas/')) return true;
  return isPagefindFile(path) && PAGEFIND_HASHED.some((ending) => path.endsWith(ending));
}

function mediaRuleFor(path: string): MediaRule {
  const name = baseName(path).toLowerCase();
  // From the first dot on, so that the longest known ending wins: `.csv.gz` before `.gz`.
  for (let dot = name.indexOf('.', 1); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    const rule = MEDIA_TYPES[name.slice(dot)];
    if (rule) return rule;
  }
  return { contentType: DEFAULT_CONTENT_TYPE };
}

/**
 * The headers of the file at `path` (relative to the site root, forward slashes).
 *
 * @example
 * contentHeadersFor('_astro/BaseLayout.Dj_6oJVr.css');
 * // { contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' }
 */
export function contentHeadersFor(path: string): ContentHeaders {
  const rule = isAtomFeed(path) ? { contentType: 'application/atom+xml' } : mediaRuleFor(path);
  const headers: ContentHeaders = {
    contentType: rule.contentType,
    cacheControl: isContentHashed(path) ? IMMUTABLE_CACHE : SHORT_CACHE,
  };
  if (rule.contentEncoding) headers.contentEncoding = rule.contentEncoding;
  return headers;
}

/** Whether two sets of headers are the same (a missing Content-Encoding equals an empty one). */
export function sameHeaders(a: ContentHeaders, b: ContentHeaders): boolean {
  return (
    a.contentType === b.contentType &&
    (a.contentEncoding ?? '') === (b.contentEncoding ?? '') &&
    a.cacheControl === b.cacheControl
  );
}
