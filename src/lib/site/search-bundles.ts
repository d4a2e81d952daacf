/**
 * How the search index is split into Pagefind bundles (search-index.ts writes them, the search
 * page merges them). Pagefind holds everything it indexes in memory until it writes: one index of
 * 100,000 rights (about 300,000 pages) took more than 21 GB before the system stopped it (it would
 * need about 36 GB). So the pages are indexed in bundles of bounded size, each in a Pagefind
 * process of its own (search-bundle-plan.ts says how large):
 *
 * - `pagefind-archive/`: the pages of past years' issues (see search-archive.ts), which change
 *   once a year;
 * - `pagefind/`, `pagefind-2/`, `pagefind-3/`, …: every other page.
 *
 * `pagefind/` holds pagefind.js and `bundles.json`, which names the bundles the search page merges
 * in (Pagefind's `mergeIndex`: results, filters and counts of all, as one). search-bundle-plan.ts
 * says which page goes in which bundle. This module runs in the browser too: no Node imports.
 *
 * The price of more than one bundle: when no word of a bundle begins with a searched word, Pagefind
 * matches, in that bundle, the longest indexed word the searched word begins with (`hall` for
 * `hallstrøm`). In one index that happens only for words the site does not have at all; across
 * bundles, such near matches from the other bundles come with the exact ones. So bundles are as
 * large as memory allows, to be few.
 */

/** The bundle that holds pagefind.js and the list of the others, under the site root. */
export const MAIN_BUNDLE_DIR = 'pagefind';
/** The bundle of past years' issues, under the site root. */
export const ARCHIVE_BUNDLE_DIR = 'pagefind-archive';
/** The list of bundles to merge, in `pagefind/`. */
export const BUNDLE_LIST_FILE = 'bundles.json';
/** In each bundle: what it was written from and the files it holds (search-index.ts). */
export const BUNDLE_KEY_FILE = 'bundle-key.json';

/** `pagefind/bundles.json`, which the search page reads before searching. */
export interface BundleList {
  /** The other bundles' paths under the site root, e.g. `/pagefind-2/`, merged into every search. */
  merge: string[];
}

/** Whether a top-level folder of the site is a search bundle. */
export function isBundleDir(name: string): boolean {
  // `pagefind-2`, and `pagefind.partial-…` that a stopped build left.
  return name === MAIN_BUNDLE_DIR || /^pagefind[-.]/.test(name);
}
