/** `/sitemaps/rights-N.xml`: register pages, RIGHTS_PER_SITEMAP rights (in every language) per file. */
import type { APIRoute } from 'astro';
import { siteUrl, xmlResponse } from '../../lib/site/render/endpoint-response.ts';
import { rightsSitemapCount, rightsSitemapPaths, sitemapUrlsetXml } from '../../lib/site/render/sitemap.ts';
import { siteDataReader } from '../../lib/site/site-data.ts';

export async function getStaticPaths() {
  const index = await siteDataReader().rightsIndex();
  return Array.from({ length: rightsSitemapCount(index.length) }, (_, i) => ({
    params: { chunk: String(i + 1) },
    props: { chunk: i + 1, index },
  }));
}

export const GET: APIRoute = ({ props, site }) => {
  const { chunk, index } = props as { chunk: number; index: Parameters<typeof rightsSitemapPaths>[0] };
  return xmlResponse(sitemapUrlsetXml(rightsSitemapPaths(index, chunk), siteUrl(site)));
};
