/** `/robots.txt`: everything may be crawled; the sitemap is named with its absolute URL. */
import type { APIRoute } from 'astro';
import { siteUrl } from '../lib/site/render/endpoint-response.ts';
import { absoluteUrl } from '../lib/site/render/site-urls.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(siteUrl(site), '/sitemap.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
