/** Helpers of the site's XML and text endpoints (feeds, sitemap, robots.txt). */

/**
 * Where the site is served when no site URL is given (--site-url, TIDENDE_SITE_URL): the local
 * preview of `tidende serve` and `npm start`. Every absolute URL the build writes then says so.
 */
export const LOCAL_SITE_URL = 'http://localhost:4321';

/** The site's absolute URL from Astro's `site` (set from TIDENDE_SITE_URL in astro.config.mjs). */
export function siteUrl(site: URL | undefined): string {
  return (site ?? new URL(`${LOCAL_SITE_URL}/`)).href;
}

/** An XML document as a response with its media type and charset. */
export function xmlResponse(xml: string, mediaType = 'application/xml'): Response {
  return new Response(xml, { headers: { 'Content-Type': `${mediaType}; charset=utf-8` } });
}
