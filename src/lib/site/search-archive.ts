/**
 * Which pages the search index keeps in its archive bundle (see search-index.ts): the pages of
 * the issues of the years before the latest issue's year. Published issues are locked, so these
 * pages stay as they are until a new year's first issue comes out (it changes the "next issue"
 * link of the year before's last); the archive bundle is then indexed again, once a year.
 */
import { issuePath, localizedPath } from './render/site-urls.ts';
import { LANGUAGES, type SiteData } from './site-data.ts';

/** The issues (ids) whose pages go into the archive bundle: those of years before the latest issue's. */
export function archivedIssues(site: Pick<SiteData, 'issues'>): string[] {
  const latestYear = Math.max(...site.issues.map((issue) => issue.year));
  return site.issues.filter((issue) => issue.year < latestYear).map((issue) => issue.id);
}

/** The archived issues' pages in every language, as paths inside the site: `nn/issues/2020-52/index.html`. */
export function archivePages(site: Pick<SiteData, 'issues'>): string[] {
  return archivedIssues(site).flatMap((id) =>
    LANGUAGES.map((lang) => `${localizedPath(lang, issuePath(id)).slice(1)}index.html`),
  );
}
