/**
 * Where a right lives on the site and in the site data: its register page `trademark/2023_01234/`
 * and its data file `rights/trademark/2023_01234.json`. Both name the right by the same segment,
 * made from its application number by one rule, so that every link (issues, search, number
 * lookup, sitemap) agrees with the page and the page with its file. No Node imports here.
 *
 * ## The rule
 *
 * Application numbers are free text (`2023/01234`, `PCT/NO2023/050123`, `VA 2023 01234`), but a
 * URL path segment and a file name cannot hold every character: `/` would split the path, `?` and
 * `#` end it, `%` and spaces get decoded or re-encoded differently by browsers, servers and blob
 * hosts. Percent-encoding is no way out: `%2F` is decoded back to `/` by many static hosts before
 * they look up the file. So the segment is written with URL-safe characters only (RFC 3986
 * "unreserved": letters, digits, `-`, `.`, `_`, `~`), which no browser, server or host changes:
 *
 * - ASCII letters, digits, `-` and `.` stay as they are (but a `.` first is escaped, so that no
 *   segment is `.`, `..` or a hidden file);
 * - `/` becomes `_`: `2023/01234` is at `2023_01234`;
 * - any other character becomes `~` followed by its UTF-8 bytes in upper-case hex, two digits
 *   per byte, each byte with its own `~`: a space is `~20`, `_` is `~5F`, `~` is `~7E`, `?` is
 *   `~3F`, `#` is `~23`, `%` is `~25`, `ø` is `~C3~B8`.
 *
 * The rule is one-to-one (a real `_` or `~` is always escaped, so `_` can only mean `/` and `~`
 * only an escape), so two numbers never share a page, and {@link applicationNumberOf} gives the
 * number back. It depends on nothing but the number, so a page's URL never changes when other
 * rights come and go: URLs are cited in legal proceedings. Letter case is kept: numbers that
 * differ only in case get different URLs (the build writes to a case-sensitive file system, and
 * blob hosting is case-sensitive).
 */
import type { RightType } from '../event-record.ts';

/** Longest segment allowed: a file name holds 255 bytes, and `.json` goes after it. */
export const MAX_SEGMENT_LENGTH = 240;

const KEPT = /[A-Za-z0-9.-]/;
const encoder = new TextEncoder();

/**
 * The path segment of an application number, by the rule above.
 *
 * @example
 * rightSegment('2023/01234') === '2023_01234';
 * rightSegment('VA 2023 01234') === 'VA~202023~2001234';
 */
export function rightSegment(applicationNumber: string): string {
  if (applicationNumber === '') throw new Error('An empty application number has no register page.');
  const segment = unboundedSegment(applicationNumber);
  if (segment.length > MAX_SEGMENT_LENGTH) {
    throw new Error(
      `Application number "${applicationNumber.slice(0, 60)}…" is too long for a page URL: its path segment has ${segment.length} characters, at most ${MAX_SEGMENT_LENGTH} fit in a file name.`,
    );
  }
  return segment;
}

/** The length of an application number's path segment, however long (the record schema checks it). */
export function rightSegmentLength(applicationNumber: string): number {
  return unboundedSegment(applicationNumber).length;
}

function unboundedSegment(applicationNumber: string): string {
  let segment = '';
  for (const char of applicationNumber) {
    if (char === '/') segment += '_';
    else if (KEPT.test(char) && !(char === '.' && segment === '')) segment += char;
    else {
      for (const byte of encoder.encode(char))
        segment += `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return segment;
}

/**
 * The application number a segment names: the inverse of {@link rightSegment}. Throws for a
 * segment the rule never writes (another character, a broken escape, an escape where the
 * character would stand as it is), so that one number has exactly one segment.
 */
export function applicationNumberOf(segment: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    const char = segment.charAt(i);
    if (char === '~') {
      const hex = segment.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) throw new Error(`"${segment}" is not a right's path segment.`);
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (char === '_') bytes.push(0x2f);
    else if (KEPT.test(char)) bytes.push(char.charCodeAt(0));
    else throw new Error(`"${segment}" is not a right's path segment.`);
  }
  let number: string;
  try {
    number = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    throw new Error(`"${segment}" is not a right's path segment.`);
  }
  if (number === '' || rightSegment(number) !== segment)
    throw new Error(`"${segment}" is not a right's path segment.`);
  return number;
}

/** The path of a right's register page, without language prefix: `trademark/2023_01234/`. */
export function rightPath(right: RightType, applicationNumber: string): string {
  return `${right}/${rightSegment(applicationNumber)}/`;
}

/** The file of a right's data inside the site data folder: `rights/trademark/2023_01234.json`. */
export function rightFile(right: RightType, applicationNumber: string): string {
  return `rights/${right}/${rightSegment(applicationNumber)}.json`;
}
