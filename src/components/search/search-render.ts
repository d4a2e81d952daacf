/**
 * What the search page draws: DOM nodes built with textContent, never HTML from the index,
 * except Pagefind's excerpts, of which only text and `<mark>` are kept.
 */

/** A search result as Pagefind's `data()` gives it. */
export interface PagefindResult {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: { url: string; title: string; excerpt: string }[];
}

/** A UI string with its `{placeholders}` filled; the values are never read as placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** An element with its properties and children. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Pagefind's excerpt is escaped text with `<mark>`s; keep only text and marks, whatever it holds. */
export function excerptNodes(html: string): Node[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) =>
    node.nodeName === 'MARK'
      ? element('mark', {}, [node.textContent ?? ''])
      : document.createTextNode(node.textContent ?? ''),
  );
}

/** Sorts filter values as people expect: years newest first, numbers by value, text by letters. */
export function sortValues(key: string, values: string[], lang: string): string[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const sorted = values.sort(collator.compare);
  return key === 'year' ? sorted.reverse() : sorted;
}

/** An issue page's URL: its sub-results are its entries, worth a link each. */
const ISSUE_PAGE = /\/issues\/\d{4}-\d{2}\/$/;

/**
 * One result: its title linking to the page, the page's summary, the excerpt, and for an issue up
 * to three entries the words were found in. A register page is one link: its sections ("Register
 * data", "History") are on every register page and say nothing of the hit.
 */
export function renderResult(result: PagefindResult): HTMLLIElement {
  const subResults = ISSUE_PAGE.test(new URL(result.url, 'http://x/').pathname)
    ? (result.sub_results ?? []).filter((sub) => sub.url !== result.url).slice(0, 3)
    : [];
  return element('li', { className: 'search-result' }, [
    element('h3', {}, [
      element('a', { href: result.url, className: 'ds-link', textContent: result.meta.title ?? result.url }),
    ]),
    ...(result.meta.summary
      ? [element('p', { className: 'search-summary', textContent: result.meta.summary })]
      : []),
    element('p', { className: 'search-excerpt' }, excerptNodes(result.excerpt)),
    ...(subResults.length > 0
      ? [
          element(
            'ul',
            { className: 'search-subresults' },
            subResults.map((sub) =>
              element('li', {}, [
                element('a', { href: sub.url, className: 'ds-link', textContent: sub.title }),
              ]),
            ),
          ),
        ]
      : []),
  ]);
}
