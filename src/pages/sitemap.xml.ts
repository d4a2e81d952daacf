/** `/sitemap.xml`: the index of the sitemap files (see src/lib/site/render/sitemap.ts). */
import type { APIRoute } from 'astro';
import { siteUrl, xmlResponse } from '../lib/site/render/endpoint-response.ts';
import { sitemapFiles, sitemapIndexXml } from '../lib/site/render/sitemap.ts';
import { siteDataReader } from '../lib/site/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const index = await siteDataReader().rightsIndex();
  return xmlResponse(sitemapIndexXml(sitemapFiles(index.length), siteUrl(site)));
};
