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
 *     the issue id: `2026` for `2026-01`).
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
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';

/** What was indexed. */
export interface SearchIndexSummary {
  /** HTML pages Pagefind read (pages without `data-pagefind-body` are read but not indexed). */
  pages: number;
  /** The languages indexed, one index each, e.g. `['en', 'nb', 'nn']`. */
  languages: string[];
}

/** Throws a plain sentence naming the step when Pagefind reports errors. */
function assertPagefindResponse(response: { errors: string[] }, step: string, dir: string): void {
  if (response.errors.length > 0) {
    throw new Error(`Pagefind could not ${step} for the site in ${dir}: ${response.errors.join('; ')}`, {
      cause: new Error(response.errors.join('\n')),
    });
  }
}

/**
 * Indexes the built site in `outDir` and writes the Pagefind bundle to `outDir/pagefind/`,
 * replacing any bundle there once the new one is complete. Runs one at a time: it stops
 * Pagefind's background process when done.
 *
 * @example
 * const { pages, languages } = await indexSite('dist');
 * console.log(`indexed ${pages} pages in ${languages.join(', ')}`);
 */
export async function indexSite(outDir: string): Promise<SearchIndexSummary> {
  const dir = resolve(outDir);
  const bundle = join(dir, 'pagefind');
  const partial = join(dir, `.pagefind-${process.pid}`);
  try {
    const created = await pagefind.createIndex({});
    assertPagefindResponse(created, 'start', dir);
    const index = created.index;
    if (!index) throw new Error(`Pagefind could not start for the site in ${dir}: it returned no index.`);
    const added = await index.addDirectory({ path: dir });
    assertPagefindResponse(added, 'read the pages', dir);
    if (added.page_count === 0) {
      throw new Error(`Pagefind found no HTML page in ${dir}. Build the site into that folder first.`);
    }
    await rm(partial, { recursive: true, force: true });
    assertPagefindResponse(await index.writeFiles({ outputPath: partial }), 'write the index', dir);
    await rm(bundle, { recursive: true, force: true });
    await rename(partial, bundle);
    const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, unknown>;
    };
    return { pages: added.page_count, languages: Object.keys(entry.languages).sort() };
  } finally {
    await rm(partial, { recursive: true, force: true });
    await pagefind.close();
  }
}
