/**
 * The `<title>` of a page: the page's own title and the site's name, so that a tab or a bookmark
 * says where it is from, but never the name twice ("Tidende 2026-40", not
 * "Tidende 2026-40 – Tidende"). The home page, which has no title of its own, gets the name and
 * the tagline.
 */

/** Whether `title` already names the site as a word of its own. */
function namesSite(title: string, siteName: string): boolean {
  const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(title);
}

/**
 * @example
 * pageTitle('Tidende 2026-40', 'Tidende', 'Kunngjøringer …') // 'Tidende 2026-40'
 * pageTitle('Om Tidende', 'Tidende', '…')                    // 'Om Tidende'
 * pageTitle('Søk', 'Tidende', '…')                           // 'Søk – Tidende'
 * pageTitle(undefined, 'Tidende', 'Kunngjøringer …')         // 'Tidende – Kunngjøringer …'
 */
export function pageTitle(title: string | undefined, siteName: string, tagline: string): string {
  if (!title) return `${siteName} – ${tagline}`;
  return namesSite(title, siteName) ? title : `${title} – ${siteName}`;
}
