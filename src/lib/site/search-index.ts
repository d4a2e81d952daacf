/**
 * Search index of a built site: Pagefind, through its Node API, indexes every HTML page of the
 * site folder and writes its bundle to `<site>/pagefind/`. Pagefind makes one index per
 * `<html lang>` (nb, nn, en); the search page of each language searches its own.
 *
 * ## What the pages carry for search
 *
 * Only what a page marks is indexed, with these attributes (Pagefind's; values in the page's
 * language, exactly as the page shows them, so the three indexes each get their own labels):
 *
 * Register page of a right (`/{lang}/{right}/{applicationNumber}/`, nb without `/{lang}`):
 * - `data-pagefind-body` on `<main>`: the right's key data, status and history are indexed; the
 *   header, navigation and footer are not. Its `<h1>` is the result's title.
 * - on the `<h1>`: `data-pagefind-meta="summary:{right type} {applicationNumber}"`, adding
 *   ` · {registrationNumber}` and ` · {current state}` when there are, e.g.
 *   `Varemerke 200503952 · 301234 · Registrert`; shown under the result's title.
 * - one empty `<span hidden data-pagefind-filter="KEY:VALUE"></span>` per filter value, anywhere in
 *   the page (the value runs from after `KEY:` to the end, commas included):
 *   - `right:{right type}`, e.g. `right:Varemerke`;
 *   - `state:{current state}`, e.g. `state:Registrert` (none while the right has no status);
 *   - `class:{scheme} {code}` per class: Nice and Locarno classes whole (`class:Nice 9`,
 *     `class:Locarno 06-01`), IPC and CPC by subclass, the first four characters
 *     (`class:IPC B63H`); Vienna codes are left out;
 *   - `year:{YYYY}` per distinct year of the issues its events were published in (the year of
 *     the issue id: `2026` for `2026-01`);
 *   - `section:{section}` per distinct gazette section its published events were in, named as
 *     on issue pages, e.g. `section:Registreringer og meddelte patenter` (events not published in the
 *     gazette add none).
 *
 * Issue page (`/{lang}/issues/{YYYY-WW}/`):
 * - `data-pagefind-body` on `<main>`; each entry's heading has an `id`, so that a match inside
 *   an entry links straight to it (a Pagefind sub-result).
 * - on the `<h1>`: `data-pagefind-meta="summary:{site name} {YYYY-WW} · {Monday's date}"`.
 * - hidden filter spans: `year:{YYYY}`, `right:{right type}` per right type in the issue and
 *   `section:{section}` per section in it; no state or class.
 *
 * No other page has `data-pagefind-body`, so home, archive, about and search pages are left out
 * of the index. The search page reads these filter keys: right, section, year, state, class.
 *
 * What a reader searches a right by is indexed, and little else, so that a result's excerpt is
 * the right's number, title, names and goods and services rather than field labels and codes:
 * - key data: the values of numbers, title, parties and classes (key-data.ts, SEARCHED_FIELDS);
 *   labels, INID codes, dates, kinds and priorities carry `data-pagefind-ignore`;
 * - the technical details of every event (codes, ids, WIPO standard events) carry
 *   `data-pagefind-ignore`: the same few codes on every page, and about a quarter of the time
 *   the index took;
 * - a register page's section headings, current status, history and documents are left out
 *   (state and sections are filters); an issue page's date line and table of contents are left
 *   out, its entries keep their national event, in the page's language.
 *
 * ## Bundles, and what a rebuild indexes again
 *
 * The pages are indexed in bundles of bounded size (search-bundle-plan.ts says which page
 * goes where), so that memory does not grow with the archive; each bundle in a Pagefind process
 * of its own (search-bundle-writer.ts), as many at once as there are cores and memory. Pagefind
 * cannot update an index, but a bundle whose pages did not change need not be written again:
 * each bundle keeps `bundle-key.json`, a hash of its pages' paths and HTML and of Pagefind's
 * version, and the list of the files Pagefind wrote, and is indexed again only when that hash
 * changed. Past years' issues, which are locked, are a bundle of their own for that reason.
 *
 * The site folder is kept between builds, so a kept bundle's folder is made to hold just what its
 * bundle was written with: other files in it (planted, or left by another build) are removed, and
 * a bundle missing one of its files, or whose `bundle-key.json` lists none, is written again.
 * Folders of bundles the site no longer has, and the partial folders (`pagefind.partial-…`) of a
 * build that was stopped while writing, are removed.
 *
 * Pages without `data-pagefind-body` are read (for the count) but not sent to Pagefind.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { forEachConcurrently } from '../for-each-concurrently.ts';
import {
  DEFAULT_MAX_BUNDLE_PAGES,
  PAGEFIND_BYTES_PER_PAGE,
  type PlannedBundle,
  planBundles,
} from './search-bundle-plan.ts';
import type { BundleJob, BundleKey, BundleResult } from './search-bundle-writer.ts';
import {
  BUNDLE_KEY_FILE,
  BUNDLE_LIST_FILE,
  type BundleList,
  isBundleDir,
  MAIN_BUNDLE_DIR,
} from './search-bundles.ts';
import { removeStrayFiles } from './stray-files.ts';

/** A bundle of the index as this build left it. */
export interface SearchBundleSummary {
  /** Its folder under the site root, e.g. `pagefind-2`. */
  dir: string;
  /** The pages indexed in it. */
  pages: number;
  /** Whether it was kept from an earlier build, its pages unchanged. */
  reused: boolean;
}

/** What was indexed. */
export interface SearchIndexSummary {
  /** HTML pages read. */
  pages: number;
  /** Pages indexed: those with `data-pagefind-body`. */
  indexed: number;
  /** The languages indexed, one index each (per bundle), e.g. `['en', 'nb', 'nn']`. */
  languages: string[];
  bundles: SearchBundleSummary[];
  /** Files removed from kept bundles, not among those they were written with (`pagefind/x.js`), sorted. */
  strayFiles: string[];
}

export interface SearchIndexOptions {
  /**
   * Pages that go into the archive bundle, as paths inside the site (`issues/2020-52/index.html`);
   * those that are not there are left out. None: no archive bundle.
   */
  archivePages?: readonly string[];
  /** Pages per bundle at most (search-bundle-plan.ts has the default). */
  maxBundlePages?: number;
  /** Bundles indexed at once (default: `defaultConcurrentBundles`). */
  concurrentBundles?: number;
}

/** Files read at once. */
const CONCURRENT_FILES = 16;

const PAGEFIND_VERSION: Promise<string> = readFile(
  new URL('../package.json', import.meta.resolve('pagefind')),
  'utf8',
).then((text) => (JSON.parse(text) as { version: string }).version);

/**
 * Bundles to index at once: one per core (a Pagefind process keeps about one core busy), as
 * many as the machine's memory holds at `maxBundlePages` each, and at least one.
 */
export function defaultConcurrentBundles(maxBundlePages = DEFAULT_MAX_BUNDLE_PAGES): number {
  const fit = Math.floor(totalmem() / (maxBundlePages * PAGEFIND_BYTES_PER_PAGE));
  return Math.max(1, Math.min(availableParallelism(), fit));
}

/** Every HTML page of the site, sorted, the search bundles left out. */
async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const pages: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const path = join(entry.parentPath, entry.name)
      .slice(dir.length + 1)
      .replaceAll('\\', '/');
    if (!isBundleDir(path.slice(0, path.indexOf('/')))) pages.push(path);
  }
  return pages.sort();
}

/** The pages marked for search (`data-pagefind-body`), each with the hash of its HTML. */
async function markedPages(dir: string, pages: readonly string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  await forEachConcurrently(pages, CONCURRENT_FILES, async (page) => {
    const html = await readFile(join(dir, page));
    if (html.includes('data-pagefind-body'))
      hashes.set(page, createHash('sha256').update(html).digest('hex'));
  });
  return hashes;
}

/** The key of a bundle: Pagefind's version and its pages' paths and hashes. */
function bundleKey(bundle: PlannedBundle, hashes: ReadonlyMap<string, string>, version: string): string {
  const hash = createHash('sha256').update(`pagefind ${version}\n`);
  for (const page of bundle.pages) hash.update(`${page}\0${hashes.get(page)}\n`);
  return hash.digest('hex');
}

/**
 * The key a bundle was written with; none when it is missing, unreadable or lists no files (the
 * bundle is then written again).
 */
async function keptKey(bundleDir: string): Promise<BundleKey | null> {
  try {
    const kept = JSON.parse(await readFile(join(bundleDir, BUNDLE_KEY_FILE), 'utf8')) as Partial<BundleKey>;
    const listed = Array.isArray(kept.files) && kept.files.every((file) => typeof file === 'string');
    return typeof kept.key === 'string' && listed ? (kept as BundleKey) : null;
  } catch {
    return null;
  }
}

/**
 * Makes a kept bundle's folder hold just the files it was written with (and its key; the main
 * bundle also the list of bundles, written after): removes the others, and returns them as paths
 * inside the site; null when one of its files is missing, so that it must be written again.
 */
async function tidyKeptBundle(dir: string, bundleDir: string, kept: BundleKey): Promise<string[] | null> {
  const own = new Set([...kept.files, BUNDLE_KEY_FILE]);
  if (bundleDir === MAIN_BUNDLE_DIR) own.add(BUNDLE_LIST_FILE);
  const present = new Set<string>();
  const removed = await removeStrayFiles(join(dir, bundleDir), (path) => {
    if (!own.has(path)) return false;
    present.add(path);
    return true;
  });
  if (kept.files.some((file) => !present.has(file))) return null;
  return removed.map((path) => `${bundleDir}/${path}`);
}

/** The error when Pagefind's process died while it indexed `job`'s bundle. */
function pagefindStopped(job: BundleJob): Error {
  return new Error(
    `Pagefind's process stopped without answering while it was to index ${job.bundle.dir}/ ` +
      `(${job.bundle.pages.length} pages) for the site in ${job.dir}; was it stopped for ` +
      'lack of memory? Try fewer pages per search bundle.',
  );
}

/** Writes a bundle in a worker thread (search-bundle-writer.ts) and waits for it. */
function writeBundle(job: BundleJob): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // No inherited execArgv: the writer needs none, and some (`--input-type`) stop a worker loading.
    const worker = new Worker(new URL('./search-bundle-writer.ts', import.meta.url), {
      workerData: job,
      execArgv: [],
    });
    let result: BundleResult | undefined;
    worker.on('message', (message: BundleResult) => {
      result = message;
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (result?.ok) resolvePromise();
      else if (result && 'message' in result) reject(new Error(result.message));
      else reject(pagefindStopped(job));
    });
  });
}

/**
 * Indexes the built site in `outDir` and writes its Pagefind bundles (see the module comment),
 * each replaced only once its new one is complete; stray files in kept bundles, bundles the site
 * no longer has and partial bundles of a stopped build are removed.
 *
 * @example
 * const { indexed, bundles } = await indexSite('dist');
 * console.log(`indexed ${indexed} pages in ${bundles.length} bundles`);
 */
export async function indexSite(
  outDir: string,
  options: SearchIndexOptions = {},
): Promise<SearchIndexSummary> {
  const dir = resolve(outDir);
  const pages = await htmlPages(dir);
  if (pages.length === 0) {
    throw new Error(`Pagefind found no HTML page in ${dir}. Build the site into that folder first.`);
  }
  const hashes = await markedPages(dir, pages);
  const planned = planBundles(
    pages.filter((page) => hashes.has(page)),
    { archivePages: options.archivePages ?? [], maxPages: options.maxBundlePages },
  );
  const version = await PAGEFIND_VERSION;
  const bundles: SearchBundleSummary[] = [];
  const strayFiles: string[] = [];
  await forEachConcurrently(
    planned,
    options.concurrentBundles ?? defaultConcurrentBundles(options.maxBundlePages),
    async (bundle, i) => {
      const key = bundleKey(bundle, hashes, version);
      const kept = await keptKey(join(dir, bundle.dir));
      const removed = kept?.key === key ? await tidyKeptBundle(dir, bundle.dir, kept) : null;
      if (removed) strayFiles.push(...removed);
      else await writeBundle({ dir, bundle, key });
      bundles[i] = { dir: bundle.dir, pages: bundle.pages.length, reused: removed !== null };
    },
  );
  const languages = new Set<string>();
  for (const bundle of planned) {
    const entry = JSON.parse(await readFile(join(dir, bundle.dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, unknown>;
    };
    for (const language of Object.keys(entry.languages)) languages.add(language);
  }

  const list: BundleList = {
    merge: planned.filter((b) => b.dir !== MAIN_BUNDLE_DIR).map((b) => `/${b.dir}/`),
  };
  await writeFile(join(dir, MAIN_BUNDLE_DIR, BUNDLE_LIST_FILE), JSON.stringify(list));
  const wanted = new Set(planned.map((b) => b.dir));
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && isBundleDir(entry.name) && !wanted.has(entry.name)) {
      await rm(join(dir, entry.name), { recursive: true, force: true });
    }
  }
  return {
    pages: pages.length,
    indexed: hashes.size,
    languages: [...languages].sort(),
    bundles,
    strayFiles: strayFiles.sort(),
  };
}
