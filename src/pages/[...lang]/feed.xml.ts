/** The Atom feed of issues in each language: `/feed.xml`, `/nn/feed.xml`, `/en/feed.xml`. */
import type { APIRoute } from 'astro';
import { siteUrl, xmlResponse } from '../../lib/site/render/endpoint-response.ts';
import { issuesFeedXml } from '../../lib/site/render/feeds.ts';
import { languagePaths } from '../../lib/site/render/site-urls.ts';
import { type Language, siteDataReader } from '../../lib/site/site-data.ts';

export function getStaticPaths() {
  return languagePaths();
}

export const GET: APIRoute = async ({ props, site }) => {
  const { lang } = props as { lang: Language };
  return xmlResponse(
    issuesFeedXml(await siteDataReader().site(), lang, siteUrl(site)),
    'application/atom+xml',
  );
};
