/**
 * Makes an SVG image that an applicant sent inert before the site publishes it. An SVG is a
 * document, not a picture: opened from the site's own origin it can run script, load other
 * resources and link elsewhere. What is published keeps the drawing (shapes, paths, text,
 * gradients, filters, same-document references such as `<use href="#a">`) and nothing else: no
 * script, event handlers, `<foreignObject>`, `<style>` element, `<animate>`/`<set>`, links or
 * references to anything outside the document, comments or processing instructions.
 *
 * The file is parsed as XML and refused, rather than repaired, when it is not well-formed UTF-8
 * XML with an `<svg>` root in the SVG namespace, or when it has a DOCTYPE (entity declarations
 * live there; billion laughs and external entities are refused before anything expands), or when
 * it nests elements more than 256 deep (parsing takes time that grows with the square of the
 * depth). An `<svg>` root without the namespace is refused too: browsers render no such file as an
 * image, and the offices' extracts always declare it. The rest is DOMPurify's SVG profile with
 * stricter rules for URLs, on a jsdom window made once per thread, since ingest runs this in
 * worker threads for thousands of documents.
 */
import { createRequire } from 'node:module';
import type { Config, DOMPurify } from 'dompurify';
import type { JSDOM } from 'jsdom';

// jsdom takes about half a second to load: loaded on the first SVG, not by every ingest thread.
const require = createRequire(import.meta.url);

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
// jsdom's DOMParser answers a document that is not well-formed with this root element.
const PARSER_ERROR_NAMESPACE = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';

/** The result of sanitizing: the bytes to publish, or why the file is refused. */
export type SanitizedSvg =
  | {
      ok: true;
      /** The sanitized SVG: UTF-8, one root `<svg>` with its namespace declaration, a final newline. */
      bytes: Buffer;
      /** How many elements and attributes were removed (for a log line). */
      removed: number;
    }
  | {
      ok: false;
      /** What is wrong with the file, to follow "found" in a message, e.g. "a DOCTYPE declaration …". */
      reason: string;
    };

/*
 * The options, and why:
 * - USE_PROFILES svg + svgFilters: SVG elements and attributes only (no HTML, no MathML).
 * - NAMESPACE svg: DOMPurify then builds an XML document in the SVG namespace, so nothing is
 *   re-parsed as HTML. PARSER_MEDIA_TYPE stays at its default: with 'application/xhtml+xml' its
 *   allow-lists, which are lower case, are compared case-sensitively, and `viewBox`,
 *   `linearGradient`, `clipPath`, `textPath` and every `fe*` filter would be removed.
 * - ALLOWED_NAMESPACES svg only: an HTML or MathML element inside an SVG is removed.
 * - ADD_TAGS use: DOMPurify refuses `<use>` because it can pull in other files; here every
 *   href is limited to `#fragment` (below), which makes it a same-document reference.
 * - FORBID_TAGS style: a style sheet can `@import` and load fonts and images from elsewhere.
 *   (`<animate>` and `<set>`, which can rewrite attributes such as href, are refused by the
 *   profile already.)
 * - RETURN_DOM: the result is serialized as XML here, with its namespace declarations.
 */
const CONFIG = {
  USE_PROFILES: { svg: true, svgFilters: true },
  NAMESPACE: SVG_NAMESPACE,
  ALLOWED_NAMESPACES: [SVG_NAMESPACE],
  ADD_TAGS: ['use'],
  FORBID_TAGS: ['style'],
  RETURN_DOM: true,
} satisfies Config;

// A reference inside the same document; anything else (http:, file:, data:, javascript:, a
// relative path) makes the browser fetch or run something.
const SAME_DOCUMENT = /^#/;
const CSS_URL = /url\s*\(\s*(['"]?)\s*([^'")\s]*)/gi;
// CSS features that load a resource without `url(`, and backslash escapes, which can spell
// `url(` so that the pattern above does not see it.
const CSS_LOADS = /\\|@import|\b(?:image-set|src|expression)\s*\(/i;
const SCRIPT_URL = /(?:javascript|vbscript):/i;

/** Whether an attribute value may stay: no URL to another document, in any attribute. */
function isInertValue(name: string, value: string): boolean {
  const localName = name.slice(name.indexOf(':') + 1);
  if ((localName === 'href' || localName === 'src') && !SAME_DOCUMENT.test(value)) return false;
  // Tabs and newlines can split "java\tscript:", and browsers drop them from URLs (XML allows no
  // other control characters).
  if (SCRIPT_URL.test(value.replace(/\s/g, ''))) return false;
  if (CSS_LOADS.test(value)) return false;
  for (const [, , target] of value.matchAll(CSS_URL)) if (!SAME_DOCUMENT.test(target ?? '')) return false;
  return true;
}

interface Sanitizer {
  window: JSDOM['window'];
  purify: DOMPurify;
  /** Entries DOMPurify lists as removed for any input: its own container and placeholder. */
  bookkeeping: number;
}

let sanitizer: Sanitizer | undefined;

/** The jsdom window and DOMPurify of this thread, made on first use and kept. */
function threadSanitizer(): Sanitizer {
  if (sanitizer) return sanitizer;
  const { JSDOM: Window } = require('jsdom') as typeof import('jsdom');
  const createDOMPurify = require('dompurify') as typeof import('dompurify').default;
  // No scripts run and no resources load in this window: jsdom's defaults.
  const { window } = new Window('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  // Set once, so that DOMPurify does not parse the options again for each of thousands of files.
  // Calls still pass CONFIG, for its types; DOMPurify ignores per-call options once it has set ones.
  purify.setConfig(CONFIG);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (!isInertValue(data.attrName, data.attrValue)) data.keepAttr = false;
  });
  // DOMPurify counts nodes of its own among the removed ones (the element it sanitizes in, a
  // placeholder comment); sanitizing an empty SVG tells how many, to leave them out of the count.
  const empty = new window.DOMParser().parseFromString(`<svg xmlns="${SVG_NAMESPACE}"/>`, 'image/svg+xml');
  purify.sanitize(empty.documentElement, CONFIG);
  sanitizer = { window, purify, bookkeeping: purify.removed.length };
  return sanitizer;
}

const DOCTYPE = /<!DOCTYPE/i;
// The DOCTYPE drawing programs write (SVG 1.0 or 1.1, a public identifier and the DTD's URL, no
// internal subset): it declares no entity, and no parser here fetches the DTD, so it is dropped.
const PLAIN_SVG_DOCTYPE =
  /^(\s*(?:<\?xml\s[^?]*\?>)?(?:\s*<!--[\s\S]*?-->)*\s*)<!DOCTYPE\s+svg\s+PUBLIC\s+"-\/\/W3C\/\/DTD SVG 1\.[01](?: Basic| Tiny)?\/\/EN"\s+"[^"<>[\]]*"\s*>/;
const DOCTYPE_REASON = 'a DOCTYPE declaration (DTDs and entities are not accepted)';
const XML_ENCODING = /^<\?xml\s[^?]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

/** Decodes UTF-8 text, or says why the bytes are not UTF-8 text. */
function decodeUtf8(bytes: Uint8Array): { text: string } | { reason: string } {
  let text: string;
  try {
    // The BOM, if any, is dropped here.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { reason: 'bytes that are not valid UTF-8' };
  }
  const declared = XML_ENCODING.exec(text.trimStart())?.[2];
  if (declared !== undefined && declared.toLowerCase() !== 'utf-8')
    return { reason: `an XML declaration of the encoding ${declared} (only UTF-8 is accepted)` };
  return { text };
}

// jsdom's parser takes time that grows with the square of the nesting depth (20,000 levels, 60 kB
// of `<g>`, take seconds), and copying and serializing a tree recurse once per level, so a few
// thousand levels overflow the stack. Drawing programs nest groups a few tens deep.
const MAX_DEPTH = 256;
// What is skipped whole when counting levels, as it may hold `<` and `>`: comments, CDATA sections,
// processing instructions (the XML declaration too) and other declarations.
const SKIPPED: readonly (readonly [open: string, close: string])[] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!', '>'],
];

/**
 * Whether elements in `text` are nested more than `limit` deep (the root is 1), read from the text
 * before it is parsed, in one pass (a regular expression would backtrack on unclosed markup). Text
 * that is not well-formed may be counted wrong; the parser refuses it.
 */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at)) {
    const skipped = SKIPPED.find(([open]) => text.startsWith(open, at));
    if (skipped) {
      const end = text.indexOf(skipped[1], at + skipped[0].length);
      if (end === -1) return false;
      at = end + skipped[1].length;
      continue;
    }
    // A tag ends at the first `>` outside its quoted attribute values.
    let end = at + 1;
    while (end < text.length && text[end] !== '>') {
      const char = text[end];
      end = char === '"' || char === "'" ? text.indexOf(char, end + 1) + 1 : end + 1;
      if (end === 0) return false;
    }
    // Never below 0: stray end tags must not buy depth for what follows them.
    if (text[at + 1] === '/') depth = Math.max(0, depth - 1);
    else if (text[end - 1] === '/' ? depth + 1 > limit : ++depth > limit) return true;
    at = end;
  }
  return false;
}

/**
 * Sanitizes an SVG image: the bytes of an inert SVG that draws the same picture, or the reason the
 * file is refused. Deterministic: the same bytes give the same result, and sanitizing the result
 * again gives it back unchanged.
 */
export function sanitizeSvg(bytes: Uint8Array): SanitizedSvg {
  const utf8 = decodeUtf8(bytes);
  if ('reason' in utf8) return { ok: false, reason: utf8.reason };
  const decoded = { text: utf8.text.replace(PLAIN_SVG_DOCTYPE, '$1') };
  // Refused before parsing: jsdom's parser expands internal entities (one level deep, so billion
  // laughs stays small, but a 100 kB entity used 20,000 times in a 160 kB file makes 2 GB of
  // text). `<!DOCTYPE` can stand nowhere else in well-formed XML but in comments, CDATA and
  // processing instructions, which a picture can do without.
  if (DOCTYPE.test(decoded.text)) return { ok: false, reason: DOCTYPE_REASON };
  if (nestedDeeperThan(decoded.text, MAX_DEPTH))
    return { ok: false, reason: `elements nested more than ${MAX_DEPTH} deep` };
  const { window, purify, bookkeeping } = threadSanitizer();
  const document = new window.DOMParser().parseFromString(decoded.text, 'image/svg+xml');
  const root = document.documentElement;
  if (root.namespaceURI === PARSER_ERROR_NAMESPACE)
    return { ok: false, reason: `text that is not well-formed XML (${root.textContent?.trim()})` };
  if (document.doctype !== null) return { ok: false, reason: DOCTYPE_REASON };
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NAMESPACE) {
    const namespace = root.namespaceURI ? `the namespace ${root.namespaceURI}` : 'no namespace';
    return {
      ok: false,
      reason: `a root element <${root.nodeName}> in ${namespace}, not <svg> in the SVG namespace`,
    };
  }
  // DOMPurify drops CDATA sections, and elements whose text looks like markup; as plain text the
  // same characters are kept, escaped.
  const walker = document.createTreeWalker(root, window.NodeFilter.SHOW_CDATA_SECTION);
  const sections: Node[] = [];
  while (walker.nextNode()) sections.push(walker.currentNode);
  for (const section of sections)
    section.parentNode?.replaceChild(document.createTextNode(section.nodeValue ?? ''), section);
  const clean = purify.sanitize(root, CONFIG);
  const svg = clean.firstChild;
  if (
    clean.childNodes.length !== 1 ||
    svg?.nodeType !== window.Node.ELEMENT_NODE ||
    (svg as Element).localName !== 'svg' ||
    (svg as Element).namespaceURI !== SVG_NAMESPACE
  )
    return { ok: false, reason: 'an SVG with no drawing left once made safe' };
  const xml = new window.XMLSerializer().serializeToString(svg);
  return { ok: true, bytes: Buffer.from(`${xml}\n`, 'utf8'), removed: purify.removed.length - bookkeeping };
}
