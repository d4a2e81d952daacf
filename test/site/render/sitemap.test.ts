import { describe, expect, it } from 'vitest';
import {
  RIGHTS_PER_SITEMAP,
  rightsSitemapCount,
  rightsSitemapPaths,
  sitemapFiles,
  sitemapIndexXml,
  sitemapUrlsetXml,
  sitePagePaths,
} from '../../../src/lib/site/render/sitemap.ts';
import { fixture } from '../fixture-data.ts';
import { childElements, parseXml, textOf } from '../xml-well-formed.ts';

describe('sitePagePaths(site)', () => {
  it('lists home, archive, years, issues and editorial pages', async () => {
    expect(sitePagePaths(await fixture.site())).toEqual([
      '',
      'issues/',
      'issues/2021/',
      'issues/2020/',
      'issues/2021-01/',
      'issues/2020-53/',
      'issues/2020-52/',
      'about/',
      'accessibility/',
      'data/',
      'search/',
    ]);
  });
});

describe('rightsSitemapCount(rights) and rightsSitemapPaths(index, chunk)', () => {
  it('splits register pages so that no file passes 50,000 URLs', () => {
    expect(RIGHTS_PER_SITEMAP * 3).toBeLessThanOrEqual(50_000);
    expect(rightsSitemapCount(0)).toBe(1);
    expect(rightsSitemapCount(RIGHTS_PER_SITEMAP)).toBe(1);
    expect(rightsSitemapCount(RIGHTS_PER_SITEMAP + 1)).toBe(2);
    const index = Array.from({ length: RIGHTS_PER_SITEMAP + 2 }, (_, n) => ({
      right: 'design' as const,
      applicationNumber: String(n),
    }));
    expect(rightsSitemapPaths(index, 2)).toEqual([
      `design/${RIGHTS_PER_SITEMAP}/`,
      `design/${RIGHTS_PER_SITEMAP + 1}/`,
    ]);
  });
});

describe('sitemapUrlsetXml(paths, siteUrl)', () => {
  it('has a url per page and language, each with all hreflang alternates', () => {
    const urlset = parseXml(sitemapUrlsetXml(['issues/'], 'https://tidende.example/'));
    const urls = childElements(urlset, 'url');
    expect(urls.map((u) => textOf(childElements(u, 'loc')[0]))).toEqual([
      'https://tidende.example/issues/',
      'https://tidende.example/nn/issues/',
      'https://tidende.example/en/issues/',
    ]);
    expect(
      childElements(urls[1] ?? urlset, 'xhtml:link').map(
        (l) => `${l.attributes.hreflang} ${l.attributes.href}`,
      ),
    ).toEqual([
      'nb https://tidende.example/issues/',
      'nn https://tidende.example/nn/issues/',
      'en https://tidende.example/en/issues/',
      'x-default https://tidende.example/issues/',
    ]);
  });
});

describe('sitemapIndexXml(paths, siteUrl)', () => {
  it('lists the sitemap files by absolute URL', () => {
    const index = parseXml(sitemapIndexXml(sitemapFiles(RIGHTS_PER_SITEMAP * 2), 'https://tidende.example/'));
    expect(childElements(index, 'sitemap').map((s) => textOf(childElements(s, 'loc')[0]))).toEqual([
      'https://tidende.example/sitemaps/pages.xml',
      'https://tidende.example/sitemaps/rights-1.xml',
      'https://tidende.example/sitemaps/rights-2.xml',
    ]);
  });
});
