/**
 * The home page and the archive of issues: the latest issue with its counts per right type and
 * section, every year with its issues, and each year's issues in a table.
 */
import type { IssueSummary, Language, SiteData } from '../site-data.ts';
import type { LinkView } from './entry-view.ts';
import { formatCount, formatInstantDate } from './format.ts';
import { countsView, type RightSectionsView } from './issue-view.ts';
import { issuePath, issueYearPath, localizedPath } from './site-urls.ts';
import { makeTranslator, pluralKey } from './translator.ts';

/** How many issues the home page lists after the latest. */
export const RECENT_ISSUES = 5;

export interface IssueRowView {
  id: string;
  href: string;
  week: number;
  published: { text: string; datetime: string };
  entries: string;
}

export interface HomePageView {
  latest: {
    heading: string;
    link: LinkView;
    published: { text: string; datetime: string };
    total: string;
    /** Counts per right type and section, linking to the sections of the issue page. */
    rights: RightSectionsView<number>[];
  } | null;
  recent: IssueRowView[];
}

function issueRowView(issue: IssueSummary, lang: Language): IssueRowView {
  const t = makeTranslator(lang);
  return {
    id: issue.id,
    href: localizedPath(lang, issuePath(issue.id)),
    week: issue.week,
    published: { text: formatInstantDate(issue.publishedAt, lang), datetime: issue.publishedAt },
    entries: t(pluralKey('issue.entries', issue.entryCount, lang), {
      count: formatCount(issue.entryCount, lang),
    }),
  };
}

/** The home page: the issue due at the build's as-of time, and the few before it. */
export function homePageView(site: Pick<SiteData, 'dueIssue' | 'issues'>, lang: Language): HomePageView {
  const t = makeTranslator(lang);
  const index = site.issues.findIndex((issue) => issue.id === site.dueIssue);
  const due = site.issues[index];
  if (!due) return { latest: null, recent: [] };
  const href = localizedPath(lang, issuePath(due.id));
  return {
    latest: {
      heading: t('issue.heading', { issue: due.id, week: due.week, year: due.year }),
      link: { href, text: t('home.readIssue', { issue: due.id }) },
      published: {
        text: t('issue.published', { date: formatInstantDate(due.publishedAt, lang) }),
        datetime: due.publishedAt,
      },
      total: t(pluralKey('issue.entries', due.entryCount, lang), {
        count: formatCount(due.entryCount, lang),
      }),
      rights: countsView(due.counts, lang).map((right) => ({
        ...right,
        sections: right.sections.map((s) => ({ ...s, anchor: `${href}#${s.anchor}` })),
      })),
    },
    recent: site.issues.slice(index + 1, index + 1 + RECENT_ISSUES).map((issue) => issueRowView(issue, lang)),
  };
}

/** The years that have issues, newest first. */
export function issueYears(issues: Pick<IssueSummary, 'year'>[]): number[] {
  return [...new Set(issues.map((issue) => issue.year))].sort((a, b) => b - a);
}

/** The archive: each year with its number of issues, newest first. */
export function archivePageView(
  site: Pick<SiteData, 'issues'>,
  lang: Language,
): { years: (LinkView & { count: string })[] } {
  const t = makeTranslator(lang);
  return {
    years: issueYears(site.issues).map((year) => {
      const count = site.issues.filter((issue) => issue.year === year).length;
      return {
        href: localizedPath(lang, issueYearPath(year)),
        text: t('archive.yearLink', { year }),
        count: t(pluralKey('archive.issues', count, lang), { count: formatCount(count, lang) }),
      };
    }),
  };
}

/** A year of the archive: its issues, newest first. */
export function yearPageView(
  site: Pick<SiteData, 'issues'>,
  year: number,
  lang: Language,
): { issues: IssueRowView[] } {
  return {
    issues: site.issues.filter((issue) => issue.year === year).map((issue) => issueRowView(issue, lang)),
  };
}
