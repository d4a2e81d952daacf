/**
 * Which page goes in which search bundle (see search-bundles.ts for the bundles): past years'
 * issues in the archive bundle; every other page in order of its path without the language
 * prefix, so that a page's languages share a bundle and a right added later, with a higher
 * number, lands in the last bundles rather than moving every bundle's boundary.
 */
import { ARCHIVE_BUNDLE_DIR, MAIN_BUNDLE_DIR } from './search-bundles.ts';
import { DEFAULT_LANGUAGE, LANGUAGES } from './site-data.ts';

/**
 * Memory a Pagefind process takes per page while it indexes, with room to spare: measured about
 * 120 KB per register page (25,000 pages of a 100,000-right site, 3.0 GB; one index of all its
 * 303,457 pages grew past 21 GB before the system stopped it).
 */
export const PAGEFIND_BYTES_PER_PAGE = 160_000;

/** Pages per bundle: a bundle then takes about 3 GB while it is indexed. */
export const DEFAULT_MAX_BUNDLE_PAGES = 25_000;

/** A bundle to write: its folder under the site root and its pages (paths inside the site). */
export interface PlannedBundle {
  dir: string;
  pages: string[];
}

/** A page's path without its language prefix: `nn/patent/1/index.html` → `patent/1/index.html`. */
export function pageWithoutLanguage(page: string): string {
  const slash = page.indexOf('/');
  const first = page.slice(0, slash);
  return slash > 0 && first !== DEFAULT_LANGUAGE && (LANGUAGES as readonly string[]).includes(first)
    ? page.slice(slash + 1)
    : page;
}

/**
 * Splits the pages to index into bundles (see the module comment). The main bundle is always
 * there, even empty; the archive bundle only when one of `archivePages` is among `pages`.
 *
 * @example
 * planBundles(['patent/1/index.html', 'en/patent/1/index.html', 'issues/2020-01/index.html'],
 *   { archivePages: ['issues/2020-01/index.html'], maxPages: 25_000 });
 * // → [{ dir: 'pagefind-archive', pages: ['issues/2020-01/index.html'] },
 * //    { dir: 'pagefind', pages: ['en/patent/1/index.html', 'patent/1/index.html'] }]
 */
export function planBundles(
  pages: readonly string[],
  options: { archivePages?: readonly string[]; maxPages?: number } = {},
): PlannedBundle[] {
  const maxPages = options.maxPages ?? DEFAULT_MAX_BUNDLE_PAGES;
  if (!Number.isInteger(maxPages) || maxPages < LANGUAGES.length) {
    throw new Error(
      `A search bundle must be able to hold at least ${LANGUAGES.length} pages, got ${maxPages}.`,
    );
  }
  const archived = new Set(options.archivePages ?? []);
  const archive = pages.filter((page) => archived.has(page)).sort();

  // The other pages by their path without language; each group stays in one bundle.
  const groups = new Map<string, string[]>();
  for (const page of pages) {
    if (archived.has(page)) continue;
    const key = pageWithoutLanguage(page);
    const group = groups.get(key);
    if (group) group.push(page);
    else groups.set(key, [page]);
  }
  const chunks: string[][] = [[]];
  for (const key of [...groups.keys()].sort()) {
    const group = (groups.get(key) as string[]).sort();
    let last = chunks[chunks.length - 1] as string[];
    if (last.length + group.length > maxPages) {
      last = [];
      chunks.push(last);
    }
    last.push(...group);
  }
  const bundles = chunks.map((chunk, i) => ({
    dir: i === 0 ? MAIN_BUNDLE_DIR : `${MAIN_BUNDLE_DIR}-${i + 1}`,
    pages: chunk,
  }));
  return archive.length > 0 ? [{ dir: ARCHIVE_BUNDLE_DIR, pages: archive }, ...bundles] : bundles;
}
