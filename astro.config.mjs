// Astro configuration of the gazette website. Pages read the site data folder named by
// TIDENDE_SITE_DATA (default .tidende/site-data); `tidende build` sets it and the output folder.
import { defineConfig } from 'astro/config';

export default defineConfig({
  // Absolute URLs in feeds, the sitemap and hreflang links; TIDENDE_SITE_URL in production.
  site: process.env.TIDENDE_SITE_URL || 'http://localhost:4321',
  output: 'static',
  // Every page URL ends in a slash: /issues/2024-09/. Feeds and the sitemap keep their extension.
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // No inline <style>: the Content-Security-Policy allows stylesheets from the site only.
    inlineStylesheets: 'never',
    // Pages wait on reading their JSON; rendering several at once keeps the CPU busy.
    concurrency: 8,
  },
  i18n: {
    locales: ['nb', 'nn', 'en'],
    defaultLocale: 'nb',
    // Norwegian Bokmål at the root (/issues/), the others under a prefix (/nn/issues/, /en/issues/).
    routing: { prefixDefaultLocale: false },
  },
  // Code blocks stay plain: Shiki's colours are inline styles, which the Content-Security-Policy forbids.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  experimental: {
    // Pages of issues and rights carry a cacheKey; a rebuild renders only those whose key changed.
    incrementalBuild: true,
  },
});
