/** The Atom feed of each gazette section in each language: `/feeds/applications.xml`, `/en/feeds/...`. */
import type { APIRoute } from 'astro';
import type { GazetteSection } from '../../../lib/mappings/mapping-row.ts';
import { siteUrl, xmlResponse } from '../../../lib/site/render/endpoint-response.ts';
import { FEED_SECTIONS, sectionFeedXml } from '../../../lib/site/render/feeds.ts';
import { languagePaths } from '../../../lib/site/render/site-urls.ts';
import { type Language, siteDataReader } from '../../../lib/site/site-data.ts';

export function getStaticPaths() {
  return FEED_SECTIONS.flatMap((section) =>
    languagePaths().map(({ params, props }) => ({
      params: { ...params, section },
      props: { ...props, section },
    })),
  );
}

export const GET: APIRoute = async ({ props, site }) => {
  const { lang, section } = props as { lang: Language; section: GazetteSection };
  const data = await siteDataReader().site();
  return xmlResponse(sectionFeedXml(data, section, lang, siteUrl(site)), 'application/atom+xml');
};
