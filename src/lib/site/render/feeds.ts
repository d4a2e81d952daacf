/**
 * The site's feeds, per language: one of issues (`/feed.xml`, `/nn/feed.xml`, `/en/feed.xml`) and
 * one per gazette section (`/feeds/applications.xml`, `/en/feeds/applications.xml`, ...), each
 * entry an issue that has that section.
 */
import { GAZETTE_SECTIONS, type GazetteSection } from '../../mappings/mapping-row.ts';
import type { IssueSummary, Language, SiteData } from '../site-data.ts';
import { type AtomFeed, atomFeedXml } from './atom-feed.ts';
import { formatCount } from './format.ts';
import { countsView } from './issue-view.ts';
import { absoluteUrl, issuePath, localizedPath, sectionAnchor } from './site-urls.ts';
import { makeTranslator, pluralKey } from './translator.ts';

/** How many issues a feed holds: a year of weekly issues. */
export const FEED_ISSUES = 53;

/** Language-independent path of the issues feed. */
export const ISSUES_FEED_PATH = 'feed.xml';

/** Language-independent path of a section's feed: `feeds/applications.xml`. */
export function sectionFeedPath(section: GazetteSection): string {
  return `feeds/${section}.xml`;
}

function feedUpdated(issues: IssueSummary[], site: Pick<SiteData, 'asOf'>): string {
  return issues[0]?.publishedAt ?? site.asOf;
}

function countsSummary(counts: IssueSummary['counts'], lang: Language): string {
  return countsView(counts, lang)
    .map((right) => `${right.heading}: ${right.count}`)
    .join(', ');
}

/** The feed of issues in a language, newest first. */
export function issuesFeedXml(
  site: Pick<SiteData, 'asOf' | 'issues'>,
  lang: Language,
  siteUrl: string,
): string {
  const t = makeTranslator(lang);
  const url = (path: string) => absoluteUrl(siteUrl, localizedPath(lang, path));
  const issues = site.issues.slice(0, FEED_ISSUES);
  const feed: AtomFeed = {
    id: url(ISSUES_FEED_PATH),
    title: t('feed.issues.title'),
    subtitle: t('feed.issues.subtitle'),
    updated: feedUpdated(issues, site),
    selfHref: url(ISSUES_FEED_PATH),
    alternateHref: url('issues/'),
    lang,
    author: { name: t('site.publisher'), uri: url('') },
    entries: issues.map((issue) => {
      const total = t(pluralKey('issue.entries', issue.entryCount, lang), {
        count: formatCount(issue.entryCount, lang),
      });
      const details = countsSummary(issue.counts, lang);
      return {
        id: url(issuePath(issue.id)),
        title: t('feed.entry.title', { issue: issue.id, week: issue.week, year: issue.year }),
        updated: issue.publishedAt,
        href: url(issuePath(issue.id)),
        summary: details ? `${total}. ${details}.` : `${total}.`,
      };
    }),
  };
  return atomFeedXml(feed);
}

/** The feed of one section in a language: the issues that have it, newest first. */
export function sectionFeedXml(
  site: Pick<SiteData, 'asOf' | 'issues'>,
  section: GazetteSection,
  lang: Language,
  siteUrl: string,
): string {
  const t = makeTranslator(lang);
  const url = (path: string) => absoluteUrl(siteUrl, localizedPath(lang, path));
  const sectionName = t(`section.${section}`);
  const issues = site.issues
    .filter((issue) => issue.counts.some((c) => c.section === section && c.entries > 0))
    .slice(0, FEED_ISSUES);
  const feed: AtomFeed = {
    id: url(sectionFeedPath(section)),
    title: t('feed.section.title', { section: sectionName }),
    subtitle: t('feed.section.subtitle', { section: sectionName }),
    updated: feedUpdated(issues, site),
    selfHref: url(sectionFeedPath(section)),
    alternateHref: url('issues/'),
    lang,
    author: { name: t('site.publisher'), uri: url('') },
    entries: issues.map((issue) => {
      const counts = issue.counts.filter((c) => c.section === section);
      const first = counts.find((c) => c.entries > 0);
      const fragment = first ? `#${sectionAnchor(first.right, section)}` : '';
      return {
        // The section's anchor on the issue page is unique per issue, so it serves as a permanent id.
        id: `${url(issuePath(issue.id))}#${section}`,
        title: t('feed.sectionEntry.title', { section: sectionName, issue: issue.id }),
        updated: issue.publishedAt,
        href: `${url(issuePath(issue.id))}${fragment}`,
        summary: `${countsSummary(counts, lang)}.`,
      };
    }),
  };
  return atomFeedXml(feed);
}

/** Every section that has a feed. */
export const FEED_SECTIONS: readonly GazetteSection[] = GAZETTE_SECTIONS;
