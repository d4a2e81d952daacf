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
 * The WIPO standard events (status event code, the English labels of key and detailed event,
 * state and stage) of issue entries and of register history rows carry `data-pagefind-ignore`:
 * they are the same few codes on every page, the current state and the sections are filters, and
 * they were about a quarter of the time the index took. The national event, in the page's
 * language, is indexed.
 *
 * ## Two bundles: the site, and the archive of past years' issues
 *
 * Pagefind cannot update an index: every build indexes every page again, and that is most of a
 * rebuild's time. But published issues are locked, so the pages of past years' issues do not
 * change from one week to the next. Those pages (the caller names them, see search-archive.ts)
 * go into a bundle of their own, `pagefind-archive/`, which is indexed again only when one of
 * them changed (a hash of their HTML is kept in the bundle, `archive-key.json`) or Pagefind's
 * version did; every other page goes into `pagefind/`, indexed every build. `pagefind/archive.json` tells the search page
 * whether there is an archive bundle to merge into its searches (Pagefind's `mergeIndex`:
 * results, filters and counts of both, as one).
 */
import { createHash } from 'node:crypto';
import { access, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { ARCHIVE_BUNDLE_DIR, type ArchiveMarker, MAIN_BUNDLE_DIR } from './search-archive.ts';

/** What was indexed. */
export interface SearchIndexSummary {
  /** HTML pages Pagefind read (pages without `data-pagefind-body` are read but not indexed). */
  pages: number;
  /** The languages indexed, one index each (per bundle), e.g. `['en', 'nb', 'nn']`. */
  languages: string[];
  /** The archive bundle: its pages, and whether it was kept from an earlier build; absent without one. */
  archive?: { pages: number; reused: boolean };
}

export interface SearchIndexOptions {
  /**
   * Pages that go into the archive bundle, as paths inside the site (`issues/2020-52/index.html`);
   * those that are not there are left out. None: one bundle, no archive.
   */
  archivePages?: readonly string[];
}

/** The hash of the archive's pages kept in its bundle, with how many Pagefind read. */
interface ArchiveKey {
  key: string;
  pages: number;
}

/** Throws a plain sentence naming the step when Pagefind reports errors. */
function assertPagefindResponse(response: { errors: string[] }, step: string, dir: string): void {
  if (response.errors.length > 0) {
    throw new Error(`Pagefind could not ${step} for the site in ${dir}: ${response.errors.join('; ')}`, {
      cause: new Error(response.errors.join('\n')),
    });
  }
}

/** A path as a literal in a Pagefind glob. */
function globLiteral(path: string): string {
  return path.replace(/[\\*?[\]{}(),!<>:]/g, '\\$&');
}

/** A glob matching any of `parts`. */
function anyOf(parts: string[]): string {
  return parts.length === 1 ? (parts[0] as string) : `{${parts.join(',')}}`;
}

/**
 * A glob for every HTML page of the site but `excluded`: whole folders where none is excluded,
 * single pages in the folders that hold an excluded one. The bundles are left out.
 */
async function globExcept(dir: string, excluded: ReadonlySet<string>): Promise<string> {
  const holders = new Set<string>();
  for (const page of excluded) {
    const parts = page.split('/');
    for (let i = 1; i < parts.length; i++) holders.add(parts.slice(0, i).join('/'));
  }
  const parts: string[] = [];
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(join(dir, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (folder === '' && (entry.name.startsWith('pagefind') || entry.name.startsWith('.pagefind')))
        continue;
      if (entry.isDirectory()) {
        if (holders.has(path)) await walk(path);
        else parts.push(`${globLiteral(path)}/**/*.html`);
      } else if (entry.name.endsWith('.html') && !excluded.has(path)) parts.push(globLiteral(path));
    }
  }
  await walk('');
  return anyOf(parts);
}

/** Writes one bundle from the pages `glob` matches, replacing any bundle at `bundle` once complete. */
async function writeBundle(
  dir: string,
  bundle: string,
  glob: string | undefined,
  extra: Record<string, string>,
): Promise<{ pages: number }> {
  const partial = `${bundle}.partial-${process.pid}`;
  try {
    const created = await pagefind.createIndex({});
    assertPagefindResponse(created, 'start', dir);
    const index = created.index;
    if (!index) throw new Error(`Pagefind could not start for the site in ${dir}: it returned no index.`);
    const added = await index.addDirectory(glob === undefined ? { path: dir } : { path: dir, glob });
    assertPagefindResponse(added, 'read the pages', dir);
    if (added.page_count === 0) {
      throw new Error(`Pagefind found no HTML page in ${dir}. Build the site into that folder first.`);
    }
    await rm(partial, { recursive: true, force: true });
    assertPagefindResponse(await index.writeFiles({ outputPath: partial }), 'write the index', dir);
    await index.deleteIndex();
    for (const [file, content] of Object.entries(extra)) await writeFile(join(partial, file), content);
    await rm(bundle, { recursive: true, force: true });
    await rename(partial, bundle);
    return { pages: added.page_count };
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** The hash of the archive's pages: their paths and HTML. */
async function archiveKey(dir: string, pages: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const page of pages) {
    hash.update(`${page}\0`);
    hash.update(await readFile(join(dir, page)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function existingPages(dir: string, pages: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const page of [...new Set(pages)].sort()) {
    const there = await access(join(dir, page)).then(
      () => true,
      () => false,
    );
    if (there) found.push(page);
  }
  return found;
}

/**
 * Indexes the built site in `outDir` and writes the Pagefind bundles (see the module comment),
 * replacing each bundle there once its new one is complete. Runs one at a time: it stops
 * Pagefind's background process when done.
 *
 * @example
 * const { pages, languages } = await indexSite('dist');
 * console.log(`indexed ${pages} pages in ${languages.join(', ')}`);
 */
export async function indexSite(
  outDir: string,
  options: SearchIndexOptions = {},
): Promise<SearchIndexSummary> {
  const dir = resolve(outDir);
  const main = join(dir, MAIN_BUNDLE_DIR.replace(/\/$/, ''));
  const archiveDir = join(dir, ARCHIVE_BUNDLE_DIR.replace(/\/$/, ''));
  const archivePages = await existingPages(dir, options.archivePages ?? []);
  const entryOf = async (bundle: string) =>
    JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
      version: string;
      languages: Record<string, unknown>;
    };
  try {
    const marker: ArchiveMarker = { archive: archivePages.length > 0 ? `/${ARCHIVE_BUNDLE_DIR}` : null };
    const glob = archivePages.length > 0 ? await globExcept(dir, new Set(archivePages)) : undefined;
    const { pages } = await writeBundle(dir, main, glob, { 'archive.json': JSON.stringify(marker) });
    const mainEntry = await entryOf(main);
    const languages = new Set(Object.keys(mainEntry.languages));

    let archive: SearchIndexSummary['archive'];
    if (archivePages.length > 0) {
      const key = await archiveKey(dir, archivePages);
      const kept = await readFile(join(archiveDir, 'archive-key.json'), 'utf8').then(
        (text) => JSON.parse(text) as ArchiveKey,
        () => null,
      );
      // The search page runs the main bundle's Pagefind on both: an archive written by another
      // version of Pagefind is written again.
      const keptVersion = kept ? (await entryOf(archiveDir).catch(() => null))?.version : undefined;
      if (kept?.key === key && keptVersion === mainEntry.version)
        archive = { pages: kept.pages, reused: true };
      else {
        const written = await writeBundle(dir, archiveDir, anyOf(archivePages.map(globLiteral)), {});
        // Written last: a bundle without it is indexed again.
        await writeFile(
          join(archiveDir, 'archive-key.json'),
          JSON.stringify({ key, pages: written.pages } satisfies ArchiveKey),
        );
        archive = { pages: written.pages, reused: false };
      }
      for (const language of Object.keys((await entryOf(archiveDir)).languages)) languages.add(language);
    } else {
      await rm(archiveDir, { recursive: true, force: true });
    }
    return {
      pages: pages + (archive?.pages ?? 0),
      languages: [...languages].sort(),
      ...(archive ? { archive } : {}),
    };
  } finally {
    await pagefind.close();
  }
}
