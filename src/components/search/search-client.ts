/**
 * The search page in the browser: Pagefind's JavaScript API (`/pagefind/pagefind.js`, the index
 * of the page's `<html lang>`) behind a plain form, filters as selects, results as a list of
 * links, and the number lookup of number-key.ts. The form works as a GET form: its state is the
 * URL (`?q=…&right=…`), so a search can be bookmarked, shared and reached from any page.
 */
import {
  looksLikeNumber,
  NUMBER_INDEX_DIR,
  type NumberIndexManifest,
  type NumberMatch,
  type NumberShard,
  normaliseNumber,
  numberShardFile,
} from '../../lib/site/number-key.ts';
import { BUNDLE_LIST_FILE, type BundleList, MAIN_BUNDLE_DIR } from '../../lib/site/search-bundles.ts';
import { element, fill, type PagefindResult, renderResult, sortValues } from './search-render.ts';

/** The UI strings the page hands over, with `{placeholders}`. */
export interface SearchStrings {
  loading: string;
  unavailable: string;
  results: { zero: string; one: string; other: string };
  filtered: string;
  all: string;
  more: string;
  numberHeading: string;
  numberMatch: string;
  filters: Record<string, string>;
  rights: Record<string, string>;
}

/** The filters the pages carry (see src/lib/site/search-index.ts), in the order shown. */
export const FILTER_KEYS = ['right', 'section', 'year', 'state', 'class'] as const;

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 300;

interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindResult> }[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(bundlePath: string, options: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<PagefindSearch | null>;
}

function wasBackOrForward(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.type === 'back_forward';
}

/**
 * Loads Pagefind's API; it picks the index of the page's `<html lang>`. The index is in several
 * bundles (see src/lib/site/search-bundles.ts); the others are merged into the main one.
 */
async function loadPagefind(base: string): Promise<Pagefind> {
  const main = `${base}${MAIN_BUNDLE_DIR}/`;
  const [pagefind, list] = await Promise.all([
    import(/* @vite-ignore */ `${main}pagefind.js`) as Promise<Pagefind>,
    fetch(`${main}${BUNDLE_LIST_FILE}`).then((r) => (r.ok ? (r.json() as Promise<BundleList>) : null)),
  ]);
  const options = { excerptLength: 24 };
  await pagefind.options({ bundlePath: main, ...options });
  await pagefind.init();
  for (const bundle of list?.merge ?? [])
    await pagefind.mergeIndex(`${base}${bundle.replace(/^\/+/, '')}`, options);
  return pagefind;
}

/** Looks numbers up in the shards of number-index.ts, fetching the manifest once. */
function numberLookup(base: string): (query: string) => Promise<NumberMatch[]> {
  let manifest: Promise<NumberIndexManifest | null> | undefined;
  return async (query) => {
    const number = normaliseNumber(query);
    if (!looksLikeNumber(number)) return [];
    manifest ??= fetch(`${base}${NUMBER_INDEX_DIR}manifest.json`).then((r) => (r.ok ? r.json() : null));
    const found = await manifest;
    if (found?.version !== 1) return [];
    const shard = await fetch(`${base}${NUMBER_INDEX_DIR}${numberShardFile(number, found.bits)}`);
    if (!shard.ok) return [];
    return ((await shard.json()) as NumberShard)[number] ?? [];
  };
}

/**
 * Starts the search UI inside `root`, the element the search page renders with its data
 * attributes. The form answers at once; searches wait for Pagefind to load.
 */
export async function startSearch(root: HTMLElement): Promise<void> {
  const strings = JSON.parse(
    root.querySelector('script[type="application/json"]')?.textContent ?? '{}',
  ) as SearchStrings;
  const base = root.dataset.base ?? '/';
  const langPrefix = root.dataset.langPrefix ?? base;
  const lang = document.documentElement.lang || 'en';
  const form = root.querySelector('form') as HTMLFormElement;
  const input = form.querySelector('input[name="q"]') as HTMLInputElement;
  const filterDisclosure = root.querySelector('[data-search-filters-box]') as HTMLDetailsElement;
  const filterBox = root.querySelector('[data-search-filters]') as HTMLElement;
  const status = root.querySelector('[data-search-status]') as HTMLElement;
  const numberBox = root.querySelector('[data-search-numbers]') as HTMLElement;
  const resultBox = root.querySelector('[data-search-results]') as HTMLElement;
  const list = resultBox.querySelector('ol') as HTMLOListElement;
  const more = resultBox.querySelector('button') as HTMLButtonElement;
  const selects = new Map<string, HTMLSelectElement>();
  const params = new URL(location.href).searchParams;
  const numberMatches = numberLookup(base);
  const rightUrl = (match: NumberMatch) => `${langPrefix}${match.path}`;

  // A number in the URL (from a search box elsewhere) goes straight to its right, before
  // anything loads; not when coming Back, or Back would never leave this page.
  input.value = params.get('q') ?? '';
  if (input.value && !wasBackOrForward()) {
    const matches = await numberMatches(input.value);
    if (matches.length === 1 && matches[0]) {
      // Replace, so that Back from the right's page leaves the search for where it came from.
      location.replace(rightUrl(matches[0]));
      return;
    }
  }

  status.textContent = strings.loading;
  // The closed filter box takes its one line now, before anything loads: its selects arrive
  // later inside it without moving the page. Open when the address asks for a filter.
  filterDisclosure.hidden = false;
  filterDisclosure.open = FILTER_KEYS.some((key) => params.get(key));
  const ready = loadPagefind(base).catch((error: unknown) => {
    status.textContent = strings.unavailable;
    throw new Error('The search index could not be loaded.', { cause: error });
  });

  function showNumberMatches(query: string, matches: NumberMatch[]) {
    numberBox.replaceChildren();
    numberBox.hidden = matches.length === 0;
    if (matches.length === 0) return;
    numberBox.append(
      element('h2', {
        id: 'search-number-heading',
        textContent: fill(strings.numberHeading, { number: query.trim() }),
      }),
      element(
        'ul',
        {},
        matches.map((match) =>
          element('li', {}, [
            element('a', {
              href: rightUrl(match),
              className: 'ds-link',
              textContent: fill(strings.numberMatch, {
                right: strings.rights[match.right] ?? match.right,
                number: match.applicationNumber,
                title: match.title,
              }),
            }),
          ]),
        ),
      ),
    );
  }

  const activeFilters = () =>
    Object.fromEntries(
      [...selects].filter(([, select]) => select.value !== '').map(([key, s]) => [key, s.value]),
    );

  function syncUrl(query: string) {
    const url = new URL(location.href);
    url.search = '';
    if (query) url.searchParams.set('q', query);
    for (const [key, value] of Object.entries(activeFilters())) url.searchParams.set(key, value);
    history.replaceState(null, '', url);
  }

  let current: PagefindSearch['results'] = [];
  let shown = 0;
  let sequence = 0;

  /** Shows the next page of results; the first page replaces what was shown. */
  async function showMore(options: { first: boolean; focus: boolean }) {
    const mine = sequence;
    const page = await Promise.all(current.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
    if (mine !== sequence) return;
    const items = page.map(renderResult);
    if (options.first) list.replaceChildren(...items);
    else list.append(...items);
    shown += page.length;
    more.hidden = shown >= current.length;
    if (options.focus) items[0]?.querySelector('a')?.focus();
  }

  /** Marks the results as being updated (aria-busy) until the latest search has shown them. */
  const setBusy = (busy: boolean) => resultBox.setAttribute('aria-busy', String(busy));

  async function runSearch() {
    const mine = ++sequence;
    setBusy(true);
    const pagefind = await ready;
    const query = input.value.trim();
    const filters = activeFilters();
    syncUrl(query);
    const [search, matches] = await Promise.all([
      query || Object.keys(filters).length > 0 ? pagefind.search(query || null, { filters }) : null,
      numberMatches(query),
    ]);
    if (mine !== sequence) return;
    showNumberMatches(query, matches);
    current = search?.results ?? [];
    shown = 0;
    // No hit, no "Hits" heading over an empty list: the status line says there is none.
    resultBox.hidden = search === null || current.length === 0;
    if (search === null) {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      setBusy(false);
      return;
    }
    await showMore({ first: true, focus: false });
    if (mine !== sequence) return;
    // Announced once the results are on the page.
    const count = current.length;
    const template =
      count === 0 ? strings.results.zero : count === 1 ? strings.results.one : strings.results.other;
    status.textContent = query
      ? fill(template, { count: count.toLocaleString(lang), query })
      : fill(strings.filtered, { count: count.toLocaleString(lang) });
    setBusy(false);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(runSearch, DEBOUNCE_MS);
  });
  more.addEventListener('click', () => showMore({ first: false, focus: true }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    setBusy(true);
    // Enter on a number that names one right goes to its page; anything else searches.
    const matches = await numberMatches(input.value);
    if (matches.length === 1 && matches[0]) {
      location.assign(rightUrl(matches[0]));
      return;
    }
    await runSearch();
  });

  // Filters: one select per filter key the index holds, values with their page counts.
  const available = await (await ready).filters();
  for (const key of FILTER_KEYS) {
    const values = Object.keys(available[key] ?? {});
    if (values.length === 0) continue;
    const id = `search-filter-${key}`;
    const select = element('select', { id, name: key, className: 'ds-input' }, [
      element('option', { value: '', textContent: strings.all }),
      ...sortValues(key, values, lang).map((value) =>
        element('option', { value, textContent: `${value} (${available[key]?.[value]})` }),
      ),
    ]);
    select.value = params.get(key) ?? '';
    select.addEventListener('change', () => runSearch());
    selects.set(key, select);
    filterBox.append(
      element('div', { className: 'ds-field search-filter' }, [
        element('label', { htmlFor: id, className: 'ds-label', textContent: strings.filters[key] ?? key }),
        select,
      ]),
    );
  }
  filterDisclosure.hidden = selects.size === 0;
  await runSearch();
}
