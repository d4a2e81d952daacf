/**
 * The site's URL scheme. Paths are language-independent and end in a slash; Norwegian Bokmål is
 * at the root and the other languages under a prefix: `/issues/2024-09/`, `/nn/issues/2024-09/`,
 * `/en/issues/2024-09/`. URLs are cited in legal proceedings, so they never change.
 */
import type { RightType } from '../../event-record.ts';
import type { GazetteSection } from '../../mappings/mapping-row.ts';
import { rightPath } from '../right-path.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../site-data.ts';

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  en: 'English',
};

/** The `[...lang]` route parameter of a language: undefined for the default language at the root. */
export function langToParam(lang: Language): string | undefined {
  return lang === DEFAULT_LANGUAGE ? undefined : lang;
}

/** The language of a `[...lang]` route parameter; anything else is an error naming the value. */
export function paramToLang(param: string | undefined): Language {
  if (param === undefined || param === '') return DEFAULT_LANGUAGE;
  if (param !== DEFAULT_LANGUAGE && (LANGUAGES as readonly string[]).includes(param))
    return param as Language;
  throw new Error(`"${param}" is not a language prefix of the site: expected one of nn, en, or none for nb`);
}

/** `getStaticPaths` entries for a page in every language: `[{ params: { lang: undefined } }, ...]`. */
export function languagePaths(): { params: { lang: string | undefined }; props: { lang: Language } }[] {
  return LANGUAGES.map((lang) => ({ params: { lang: langToParam(lang) }, props: { lang } }));
}

/**
 * The path of a page in a language, from its language-independent path without leading slash:
 * `localizedPath('en', 'issues/')` is `/en/issues/`, `localizedPath('nb', '')` is `/`.
 */
export function localizedPath(lang: Language, path: string): string {
  const clean = path.replace(/^\/+/, '');
  return lang === DEFAULT_LANGUAGE ? `/${clean}` : `/${lang}/${clean}`;
}

/** The page in every language, for hreflang links and the language switch. */
export function languageAlternates(path: string): { lang: Language; href: string }[] {
  return LANGUAGES.map((lang) => ({ lang, href: localizedPath(lang, path) }));
}

/** An absolute URL on the site: `absoluteUrl('https://tidende.example', '/en/')`. */
export function absoluteUrl(site: string | URL, path: string): string {
  return new URL(path, site).href;
}

/** Language-independent path of an issue: `issues/2024-09/`. */
export function issuePath(issue: string): string {
  return `issues/${issue}/`;
}

/** Language-independent path of a year of the archive: `issues/2024/`. */
export function issueYearPath(year: number): string {
  return `issues/${year}/`;
}

/**
 * Language-independent path of a right's register page: `trademark/202312345/`; an application
 * number with characters a URL cannot hold is written by the rule of right-path.ts
 * (`2023/01234` is at `trademark/2023_01234/`).
 */
export function registerPath(right: RightType, applicationNumber: string): string {
  return rightPath(right, applicationNumber);
}

/** The id of a section of an issue page, and the fragment that links to it: `trademark-applications`. */
export function sectionAnchor(right: RightType, section: GazetteSection): string {
  return `${right}-${section}`;
}

/** The id of an event's entry on an issue page or row on a register page. */
export function eventAnchor(eventId: string): string {
  return `event-${eventId}`;
}

/** The fragment that links to an event's anchor, percent-encoded. */
export function eventFragment(eventId: string): string {
  return `#${encodeURIComponent(eventAnchor(eventId))}`;
}

/**
 * Where a document is served: documents are copied to the site under their href, so
 * `documents/trademark/1.svg` is at `/documents/trademark/1.svg`. A URL to another host gives null:
 * the site makes no third-party requests.
 */
export function documentSrc(href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null;
  return `/${encodeURI(href.replace(/^\/+/, ''))}`;
}

/** Where the about page explains the WIPO code lists and which are provisional: `about/#code-lists`. */
export const CODE_LISTS_PATH = 'about/#code-lists';
