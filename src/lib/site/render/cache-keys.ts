/**
 * Cache keys for Astro's incremental build: a page is rendered again only when its key changes.
 * Each key covers the data the page shows that its own record's cacheKey does not.
 */
import { createHash } from 'node:crypto';
import type { IssueSummary, SiteData } from '../site-data.ts';
import { neighbourIssues } from './issue-view.ts';

/** A short hash of the standards' labels, which issue and register pages show. */
export function standardsCacheKey(standards: SiteData['standards']): string {
  return createHash('sha256').update(JSON.stringify(standards)).digest('hex').slice(0, 16);
}

/** The cache key of a register page: the right's data and the labels. */
export function registerPageCacheKey(rightCacheKey: string, standardsKey: string): string {
  return `${rightCacheKey}|${standardsKey}`;
}

/**
 * The cache key of an issue page: its data, the issues it links to, and the labels it shows. A new
 * issue changes the page before it (its "next" link), so that page is rendered again.
 */
export function issuePageCacheKey(
  issue: IssueSummary,
  site: Pick<SiteData, 'issues'>,
  standardsKey: string,
): string {
  const { previous, next } = neighbourIssues(issue.id, site.issues);
  return [issue.cacheKey, previous ?? '-', next ?? '-', standardsKey].join('|');
}
