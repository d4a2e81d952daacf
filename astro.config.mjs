// Astro site configuration. The gazette site is built from the event store; until its pages
// exist this holds the settings every page will share: static output and the three languages.
export default {
  output: 'static',
  trailingSlash: 'always',
  i18n: {
    locales: ['nb', 'nn', 'en'],
    defaultLocale: 'nb',
  },
};
