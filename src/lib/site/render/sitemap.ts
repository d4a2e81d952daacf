/**
 * The sitemap (sitemaps.org 0.9): `/sitemap.xml` is an index of `/sitemaps/pages.xml` (every page
 * but register pages) and `/sitemaps/rights-N.xml` (register pages in chunks, so that no file
 * passes the protocol's 50,000 URLs). Every URL lists its versions in each language with hreflang.
 */
import { LANGUAGES, type RightIndexEntry, type SiteData } from '../site-data.ts';
import { issueYears } from './archive-view.ts';
import { escapeXml } from './atom-feed.ts';
import { absoluteUrl, issuePath, issueYearPath, localizedPath, registerPath } from './site-urls.ts';

/** Rights per sitemap file: three languages each, 45,000 URLs, under the protocol's 50,000. */
export const RIGHTS_PER_SITEMAP = 15_000;

/** Language-independent paths of the editorial pages (each exists in every language). */
export const EDITORIAL_PATHS = ['about/', 'accessibility/', 'data/', 'search/'] as const;

/** Every page's language-independent path except register pages. */
export function sitePagePaths(site: Pick<SiteData, 'issues'>): string[] {
  return [
    '',
    'issues/',
    ...issueYears(site.issues).map(issueYearPath),
    ...site.issues.map((issue) => issuePath(issue.id)),
    ...EDITORIAL_PATHS,
  ];
}

/** How many sitemap files the register pages take (at least one, so the index is stable). */
export function rightsSitemapCount(rights: number): number {
  return Math.max(1, Math.ceil(rights / RIGHTS_PER_SITEMAP));
}

/** The register page paths in sitemap file `chunk` (1-based). */
export function rightsSitemapPaths(
  index: Pick<RightIndexEntry, 'right' | 'applicationNumber'>[],
  chunk: number,
): string[] {
  return index
    .slice((chunk - 1) * RIGHTS_PER_SITEMAP, chunk * RIGHTS_PER_SITEMAP)
    .map((entry) => registerPath(entry.right, entry.applicationNumber));
}

/** A `<urlset>` with a `<url>` per page and language, each with its hreflang alternates and x-default. */
export function sitemapUrlsetXml(paths: string[], siteUrl: string): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const path of paths) {
    const alternates = LANGUAGES.map(
      (lang) =>
        `    <xhtml:link rel="alternate" hreflang="${lang}" href="${escapeXml(absoluteUrl(siteUrl, localizedPath(lang, path)))}"/>`,
    );
    alternates.push(
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(absoluteUrl(siteUrl, localizedPath('nb', path)))}"/>`,
    );
    for (const lang of LANGUAGES) {
      out.push(
        '  <url>',
        `    <loc>${escapeXml(absoluteUrl(siteUrl, localizedPath(lang, path)))}</loc>`,
        ...alternates,
        '  </url>',
      );
    }
  }
  out.push('</urlset>', '');
  return out.join('\n');
}

/** The sitemap index: absolute URLs of the sitemap files. */
export function sitemapIndexXml(sitemapPaths: string[], siteUrl: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...sitemapPaths.map((path) => `  <sitemap><loc>${escapeXml(absoluteUrl(siteUrl, path))}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** The files the sitemap index lists, root-relative. */
export function sitemapFiles(rights: number): string[] {
  return [
    '/sitemaps/pages.xml',
    ...Array.from({ length: rightsSitemapCount(rights) }, (_, i) => `/sitemaps/rights-${i + 1}.xml`),
  ];
}
