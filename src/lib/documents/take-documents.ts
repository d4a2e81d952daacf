/**
 * Takes the documents of a valid event record into the document store, or says why it cannot.
 * A document's `href` is a path relative to the extract's folder; once links are resolved it must
 * be a regular file inside that folder, no larger than the limit, with the bytes its `sha256`
 * declares, of an allowed media type that its bytes agree with. An SVG is made inert
 * (sanitize-svg.ts) and the sanitized bytes are what the site publishes; the bytes as received are
 * kept too, under their own hash. Synchronous: it runs in ingest's worker threads.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { EventRecord } from '../event-record.ts';
import type { FieldError } from '../validation-errors.ts';
import { publishedDocumentPath } from './document-policy.ts';
import { putDocumentSync, sha256Hex } from './document-store.ts';
import { checkDocumentBytes } from './media-type.ts';
import { sanitizeSvg } from './sanitize-svg.ts';

/** What ingest needs to take documents in; the same for every line of one extract. */
export interface DocumentContext {
  /** The extract's folder, links resolved (realpath). */
  extractDir: string;
  /** The document store folder (document-store.ts). */
  storeDir: string;
  /** Media types accepted. */
  mediaTypes: readonly string[];
  /** Largest document accepted, in bytes. */
  maxBytes: number;
}

/** A document taken in: what it was declared as, and the file the site publishes. */
export interface TakenDocument {
  /** The document's position in the record's `documents`. */
  seq: number;
  /** SHA-256 of the bytes as received (the record's `sha256`). */
  sourceSha256: string;
  /** SHA-256 of the bytes published (after sanitizing, for SVG). */
  sha256: string;
  mediaType: string;
  /** Size of the published bytes. */
  bytes: number;
  /** Where the site publishes it: `documents/<sha256>.<extension>`, chosen here and nowhere else. */
  path: string;
}

/** Reads a regular file inside `context.extractDir`, or says what is wrong with its href. */
function readInside(
  href: string,
  context: DocumentContext,
): { bytes: Buffer } | { expected: string; found: string } {
  const expected = `a path relative to the extract's folder (${context.extractDir}) to a regular file inside it`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//'))
    return { expected, found: `${JSON.stringify(href)} (a URL)` };
  if (isAbsolute(href) || href.includes('\\'))
    return { expected, found: `${JSON.stringify(href)} (an absolute path or a backslash)` };
  const lexical = resolve(context.extractDir, href);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { expected, found: `${JSON.stringify(href)} (${code === 'ENOENT' ? 'no such file' : code})` };
  }
  const inside = relative(context.extractDir, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return { expected, found: `${JSON.stringify(href)} (leads outside the folder, to ${real})` };
  let fd: number;
  try {
    fd = openSync(real, 'r');
  } catch (error) {
    return { expected, found: `${JSON.stringify(href)} (${(error as NodeJS.ErrnoException).code})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { expected, found: `${JSON.stringify(href)} (not a regular file)` };
    if (stats.size > context.maxBytes)
      return {
        expected: `a document of at most ${context.maxBytes} bytes`,
        found: `${stats.size} bytes`,
      };
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Documents this thread has already taken in, by store and hash of the bytes received: an extract
 * names the same mark image on every event of its right, and sanitizing an SVG costs about a
 * millisecond (measured), a hundred times reading and hashing it. Bounded: cleared when full.
 */
const TAKEN_CACHE_SIZE = 50_000;
const takenBefore = new Map<string, { sha256: string; bytes: number }>();

/** Sanitizes (SVG) and stores a document once per thread; the published hash and size. */
function publish(
  context: DocumentContext,
  bytes: Buffer,
  sourceSha256: string,
  mediaType: string,
): { sha256: string; bytes: number } | { reason: string } {
  const key = `${context.storeDir}\0${sourceSha256}`;
  const known = takenBefore.get(key);
  if (known) return known;
  let published: Uint8Array = bytes;
  if (mediaType === 'image/svg+xml') {
    const sanitized = sanitizeSvg(bytes);
    if (!sanitized.ok) return { reason: sanitized.reason };
    published = sanitized.bytes;
    putDocumentSync(context.storeDir, bytes);
  }
  const result = { sha256: putDocumentSync(context.storeDir, published), bytes: published.byteLength };
  if (takenBefore.size >= TAKEN_CACHE_SIZE) takenBefore.clear();
  takenBefore.set(key, result);
  return result;
}

/**
 * Checks every document of `record` and keeps the good ones in the store. Returns the documents
 * taken, or the errors of each document that fails (then the line is rejected; documents already
 * kept are harmless: the store is by content, and nothing refers to them).
 */
export function takeDocuments(
  record: EventRecord,
  context: DocumentContext,
): { taken: TakenDocument[]; errors: FieldError[] } {
  const taken: TakenDocument[] = [];
  const errors: FieldError[] = [];
  record.documents.forEach((document, seq) => {
    const field = (name: string) => `documents[${seq}].${name}`;
    const read = readInside(document.href, context);
    if (!('bytes' in read)) {
      errors.push({ field: field('href'), expected: read.expected, found: read.found });
      return;
    }
    const sourceSha256 = sha256Hex(read.bytes);
    if (sourceSha256 !== document.sha256) {
      errors.push({
        field: field('sha256'),
        expected: `the SHA-256 of the file ${JSON.stringify(document.href)}`,
        found: `${document.sha256} (the file's is ${sourceSha256})`,
      });
      return;
    }
    const checked = checkDocumentBytes(read.bytes, document.mediaType, context.mediaTypes);
    if (!checked.ok) {
      errors.push({ field: field('mediaType'), expected: checked.expected, found: checked.found });
      return;
    }
    const published = publish(context, read.bytes, sourceSha256, document.mediaType);
    if ('reason' in published) {
      errors.push({
        field: field('href'),
        expected: 'an SVG image that can be made safe',
        found: published.reason,
      });
      return;
    }
    taken.push({
      seq,
      sourceSha256,
      sha256: published.sha256,
      mediaType: document.mediaType,
      bytes: published.bytes,
      path: publishedDocumentPath(published.sha256, document.mediaType),
    });
  });
  return errors.length > 0 ? { taken: [], errors } : { taken, errors };
}
