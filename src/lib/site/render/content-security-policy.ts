/**
 * The Content-Security-Policy every page carries in a `<meta http-equiv>`: everything from the
 * site itself and nothing else. Directives a meta tag cannot carry (frame-ancestors, report-uri,
 * sandbox) are left out, since browsers ignore them there with a console warning.
 */

/** Directives and their sources; a page may add sources, e.g. `'wasm-unsafe-eval'` for search. */
export type CspDirectives = Partial<Record<CspDirective, string[]>>;

export type CspDirective =
  | 'default-src'
  | 'script-src'
  | 'style-src'
  | 'img-src'
  | 'font-src'
  | 'connect-src'
  | 'worker-src'
  | 'object-src'
  | 'base-uri'
  | 'form-action';

/** The policy of every page: only 'self', no plugins. */
export const BASE_CSP: Readonly<Record<CspDirective, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** Sources the search page adds: Pagefind compiles its WebAssembly index reader. */
export const SEARCH_CSP: CspDirectives = { 'script-src': ["'wasm-unsafe-eval'"] };

/** The policy as a header value, with a page's extra sources added to the base. */
export function contentSecurityPolicy(extra: CspDirectives = {}): string {
  return Object.entries(BASE_CSP)
    .map(([directive, sources]) => {
      const all = [...sources, ...(extra[directive as CspDirective] ?? [])];
      return `${directive} ${[...new Set(all)].join(' ')}`;
    })
    .join('; ');
}
