/**
 * An issue page: its entries grouped by right type, then by section in the gazette's order, with
 * a table of contents and links to the issues before and after it.
 */
import { RIGHT_TYPES, type RightType } from '../../event-record.ts';
import { GAZETTE_SECTIONS, type GazetteSection } from '../../mappings/mapping-row.ts';
import type { EntryView, IssueData, IssueSummary, Language, SiteData } from '../site-data.ts';
import { type EntryCardView, entryCardView, type LinkView } from './entry-view.ts';
import { formatCount, formatInstantDate } from './format.ts';
import { titleText } from './right-title.ts';
import { eventFragment, issuePath, localizedPath, registerPath, sectionAnchor } from './site-urls.ts';
import { makeTranslator, pluralKey } from './translator.ts';

/** Entries of one right type and section, in the order given. */
export interface EntryGroup<T = EntryView> {
  right: RightType;
  section: GazetteSection;
  entries: T[];
}

/**
 * Groups entries by right type (patents, trademarks, designs) and section (GAZETTE_SECTIONS order),
 * keeping the order of entries within a group.
 */
export function groupEntries(entries: EntryView[]): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const entry of entries) {
    const key = `${entry.right}/${entry.section}`;
    let group = groups.get(key);
    if (!group) {
      group = { right: entry.right, section: entry.section, entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  const rank = (g: EntryGroup) =>
    RIGHT_TYPES.indexOf(g.right) * GAZETTE_SECTIONS.length + GAZETTE_SECTIONS.indexOf(g.section);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

export interface SectionView<T> {
  section: GazetteSection;
  heading: string;
  anchor: string;
  count: string;
  entries: T;
}

export interface RightSectionsView<T> {
  right: RightType;
  heading: string;
  anchor: string;
  count: string;
  sections: SectionView<T>[];
}

/**
 * A section's heading under its right type: named for that right where the name differs
 * ("Meddelte patenter", "Registreringer"), else the section's name across rights (as in feeds and
 * the search filter, "Registreringer og meddelte patenter").
 */
export function sectionHeading(right: RightType, section: GazetteSection, lang: Language): string {
  const t = makeTranslator(lang);
  const own = `section.${section}.${right}`;
  return t.has(own) ? t(own) : t(`section.${section}`);
}

/** Counts per right type and section (from an issue summary) as nested headings with anchors. */
export function countsView(counts: IssueSummary['counts'], lang: Language): RightSectionsView<number>[] {
  const t = makeTranslator(lang);
  return RIGHT_TYPES.flatMap((right) => {
    const sections = GAZETTE_SECTIONS.flatMap((section) => {
      const entries = counts
        .filter((c) => c.right === right && c.section === section)
        .reduce((sum, c) => sum + c.entries, 0);
      return entries
        ? [
            {
              section,
              heading: sectionHeading(right, section, lang),
              anchor: sectionAnchor(right, section),
              count: formatCount(entries, lang),
              entries,
            },
          ]
        : [];
    });
    if (!sections.length) return [];
    const total = sections.reduce((sum, s) => sum + s.entries, 0);
    return [
      { right, heading: t(`rights.${right}`), anchor: right, count: formatCount(total, lang), sections },
    ];
  });
}

export interface IssuePageView {
  id: string;
  title: string;
  heading: string;
  published: { text: string; datetime: string };
  total: string;
  /** The page's meta description: the heading, when it came out and how many announcements. */
  description: string;
  previous: LinkView | null;
  next: LinkView | null;
  rights: RightSectionsView<EntryCardView[]>[];
  /** Withdrawal notices: each a sentence and a link to the withdrawn announcement or the right. */
  withdrawals: { text: string; href: string }[];
}

/** The issues before and after one, from the site's list (newest first). */
export function neighbourIssues(
  id: string,
  issues: Pick<IssueSummary, 'id'>[],
): { previous: string | null; next: string | null } {
  const index = issues.findIndex((issue) => issue.id === id);
  if (index < 0) return { previous: null, next: null };
  return { previous: issues[index + 1]?.id ?? null, next: issues[index - 1]?.id ?? null };
}

/** An issue page in a language. */
export function issuePageView(issue: IssueData, site: SiteData, lang: Language): IssuePageView {
  const t = makeTranslator(lang);
  const { previous, next } = neighbourIssues(issue.id, site.issues);
  const groups = groupEntries(issue.entries);
  const counts = groups.map((g) => ({ right: g.right, section: g.section, entries: g.entries.length }));
  const rights = countsView(counts, lang).map((right) => ({
    ...right,
    sections: right.sections.map((section) => ({
      ...section,
      entries: (
        groups.find((g) => g.right === right.right && g.section === section.section)?.entries ?? []
      ).map((entry) => entryCardView(entry, site.standards, lang)),
    })),
  }));
  const link = (id: string | null, key: 'issue.previous' | 'issue.next') =>
    id ? { href: localizedPath(lang, issuePath(id)), text: t(key, { issue: id }) } : null;
  const heading = t('issue.heading', { issue: issue.id, week: issue.week, year: issue.year });
  const published = t('issue.published', { date: formatInstantDate(issue.publishedAt, lang) });
  const total = t(pluralKey('issue.entries', issue.entryCount, lang), {
    count: formatCount(issue.entryCount, lang),
  });
  return {
    id: issue.id,
    title: t('issue.title', { issue: issue.id }),
    heading,
    published: { text: published, datetime: issue.publishedAt },
    total,
    previous: link(previous, 'issue.previous'),
    next: link(next, 'issue.next'),
    description: `${heading}. ${published}. ${total}.`,
    rights,
    withdrawals: (issue.withdrawals ?? []).map((w) => {
      const words = { right: t(`right.${w.right}`), number: w.applicationNumber, title: titleText(w, lang) };
      return w.issue
        ? {
            text: t('issue.withdrawal', { ...words, issue: w.issue }),
            href: `${localizedPath(lang, issuePath(w.issue))}${eventFragment(w.eventId)}`,
          }
        : {
            text: t('issue.withdrawalRegister', words),
            href: localizedPath(lang, registerPath(w.right, w.applicationNumber)),
          };
    }),
  };
}
