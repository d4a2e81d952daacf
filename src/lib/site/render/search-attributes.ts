/**
 * What issue and register pages carry for the search index (see src/lib/site/search-index.ts):
 * a one-line summary shown under a result's title, and filter values as `KEY:VALUE` strings for
 * `data-pagefind-filter`, in the page's language exactly as the page shows them.
 */
import type { ClassView, IssueData, Language, RightData, SiteData } from '../site-data.ts';
import { formatDate } from './format.ts';
import { groupEntries } from './issue-view.ts';
import { currentStatusLine } from './legal-status.ts';
import { makeTranslator } from './translator.ts';

export interface SearchAttributes {
  /** For `data-pagefind-meta="summary:..."`. */
  summary: string;
  /** Each a `KEY:VALUE` for `data-pagefind-filter`, without duplicates. */
  filters: string[];
}

/** A class as the class filter names it: Nice and Locarno whole, IPC and CPC by subclass; Vienna not. */
export function classFilterValue(item: ClassView): string | null {
  switch (item.scheme) {
    case 'nice':
      return `Nice ${item.code}`;
    case 'locarno':
      return `Locarno ${item.code}`;
    case 'ipc':
    case 'cpc':
      return `${item.scheme.toUpperCase()} ${item.code.slice(0, 4)}`;
    case 'vienna':
      return null;
  }
}

/** Summary and filters of a register page. */
export function registerSearchAttributes(
  right: RightData,
  standards: SiteData['standards'],
  lang: Language,
): SearchAttributes {
  const t = makeTranslator(lang);
  const rightName = t(`right.${right.right}`);
  const state = currentStatusLine(right, standards, lang)?.state;
  const summary = [`${rightName} ${right.applicationNumber}`, right.registrationNumber, state]
    .filter(Boolean)
    .join(' · ');
  const filters = [
    `right:${rightName}`,
    ...(state ? [`state:${state}`] : []),
    ...right.classes.flatMap((c) => {
      const value = classFilterValue(c);
      return value ? [`class:${value}`] : [];
    }),
    ...right.history.flatMap((event) => (event.issue ? [`year:${event.issue.slice(0, 4)}`] : [])),
    // The sections it was published in, as issue pages name them; not those of unpublished events.
    ...right.history.flatMap((event) => (event.issue ? [`section:${t(`section.${event.section}`)}`] : [])),
  ];
  return { summary, filters: [...new Set(filters)] };
}

/** Summary and filters of an issue page. */
export function issueSearchAttributes(issue: IssueData, lang: Language): SearchAttributes {
  const t = makeTranslator(lang);
  const groups = groupEntries(issue.entries);
  const filters = [
    `year:${issue.id.slice(0, 4)}`,
    ...groups.map((g) => `right:${t(`right.${g.right}`)}`),
    ...groups.map((g) => `section:${t(`section.${g.section}`)}`),
  ];
  return {
    summary: `${t('site.name')} ${issue.id} · ${formatDate(issue.monday, lang)}`,
    filters: [...new Set(filters)],
  };
}
