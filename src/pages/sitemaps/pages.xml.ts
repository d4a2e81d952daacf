/** `/sitemaps/pages.xml`: every page but the register pages, in every language. */
import type { APIRoute } from 'astro';
import { siteUrl, xmlResponse } from '../../lib/site/render/endpoint-response.ts';
import { sitemapUrlsetXml, sitePagePaths } from '../../lib/site/render/sitemap.ts';
import { siteDataReader } from '../../lib/site/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const data = await siteDataReader().site();
  return xmlResponse(sitemapUrlsetXml(sitePagePaths(data), siteUrl(site)));
};
