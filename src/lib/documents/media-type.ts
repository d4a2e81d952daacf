/**
 * The media types of the documents applicants send (images of marks and designs, PDFs), and what
 * a document's bytes really are. A document's declared media type is only a claim: the file is
 * accepted when its bytes, sniffed from their content, are of that same type, so a page of HTML
 * is never published under an image's name.
 */
import { showValue } from '../validation-errors.ts';

/** The media types accepted by default, each with the file extension it is published under. */
export const DEFAULT_DOCUMENT_MEDIA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
});

/** The extension a document of `mediaType` is published under, e.g. `jpg` for `image/jpeg`. */
export function mediaTypeExtension(mediaType: string): string {
  const extension = Object.hasOwn(DEFAULT_DOCUMENT_MEDIA_TYPES, mediaType)
    ? DEFAULT_DOCUMENT_MEDIA_TYPES[mediaType]
    : undefined;
  if (extension === undefined) throw new Error(`No file extension is known for the media type ${mediaType}.`);
  return extension;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SOI = [0xff, 0xd8, 0xff];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
// What may come before the root element of an SVG file: whitespace, the XML declaration, comments,
// and a DOCTYPE (sniffed so that sanitize-svg.ts can refuse it by name rather than as "no type").
const XML_DECLARATION = /^<\?xml\s[^?]*\?>/;
const COMMENT = /^<!--[\s\S]*?-->/;
const DOCTYPE_SVG = /^<!DOCTYPE\s+svg(?:\s[^[>]*)?(?:\[[\s\S]*?\]\s*)?>/;
// The root start tag with its attributes; quoted values may hold `>`.
const SVG_START_TAG = /^<svg((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;
const SVG_XMLNS = new RegExp(`(?:^|\\s)xmlns\\s*=\\s*(["'])${SVG_NAMESPACE.replace(/[./]/g, '\\$&')}\\1`);

/**
 * Whether the text is an SVG document: after whitespace, an optional XML declaration, comments and
 * a DOCTYPE, the root start tag is `<svg` and declares the SVG namespace as its default. The
 * namespace is required because browsers render no SVG without it, and it is what tells an SVG
 * from an HTML page that happens to begin with `<svg>`.
 */
function isSvgText(text: string): boolean {
  let rest = text.trimStart();
  const declaration = XML_DECLARATION.exec(rest);
  if (declaration) rest = rest.slice(declaration[0].length).trimStart();
  for (;;) {
    const prolog = COMMENT.exec(rest) ?? DOCTYPE_SVG.exec(rest);
    if (!prolog) break;
    rest = rest.slice(prolog[0].length).trimStart();
  }
  const start = SVG_START_TAG.exec(rest);
  return start !== null && SVG_XMLNS.test(start[1] ?? '');
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * What `bytes` really are, from their content: `image/png`, `image/jpeg`, `image/webp`,
 * `application/pdf` or `image/svg+xml` (UTF-8 only); null when none of those.
 */
export function sniffMediaType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SOI)) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  // Only text that starts with markup is worth decoding; this keeps binary files cheap.
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  if (first !== 0x3c) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
  return isSvgText(text) ? 'image/svg+xml' : null;
}

/** The result of checking a document's bytes against its declared media type. */
export type DocumentBytesCheck = { ok: true } | { ok: false; expected: string; found: string };

const withArticle = (mediaType: string) => `${/^[aeiou]/i.test(mediaType) ? 'an' : 'a'} ${mediaType}`;

/**
 * Checks a document: its declared media type must be one of `allowed`, and its bytes must be of
 * that type (sniffMediaType). A failure says what was expected and what was found, as field
 * errors do (validation-errors.ts).
 */
export function checkDocumentBytes(
  bytes: Uint8Array,
  declaredMediaType: string,
  allowed: readonly string[],
): DocumentBytesCheck {
  if (!allowed.includes(declaredMediaType))
    return { ok: false, expected: `one of ${allowed.join(', ')}`, found: showValue(declaredMediaType) };
  const sniffed = sniffMediaType(bytes);
  if (sniffed === declaredMediaType) return { ok: true };
  let found: string;
  if (bytes.length === 0) found = 'an empty file';
  else if (sniffed === null) found = 'bytes of no allowed type';
  else found = `bytes of ${withArticle(sniffed)}`;
  return { ok: false, expected: `bytes of ${withArticle(declaredMediaType)}`, found };
}
