/**
 * How an application or registration number is looked up from the search box: the shape of the
 * number shards and the two functions both their writer (number-index.ts, in Node) and the
 * search page's script (in the browser) use, so both always agree. No Node imports here.
 */

/** Where the shards live, under the site root. */
export const NUMBER_INDEX_DIR = 'search/numbers/';

/** `search/numbers/manifest.json`: how the numbers are split into shards. */
export interface NumberIndexManifest {
  /** Format version; a reader refuses another. */
  version: 1;
  /** Shards are named by the low `bits` bits of the number's hash: 2^bits shards. */
  bits: number;
  /** How many distinct numbers the shards hold. */
  numbers: number;
}

/** A right a number belongs to. */
export interface NumberMatch {
  /**
   * The register page, without language prefix, as `rightPath()` (right-path.ts) gives it:
   * `trademark/200503952/`, `trademark/2023_01234/`.
   */
  path: string;
  right: string;
  applicationNumber: string;
  title: string;
}

/** `search/numbers/<shard>.json`: normalised number to the rights it is a number of. */
export type NumberShard = Record<string, NumberMatch[]>;

/**
 * The form a number is looked up in, so that it is found however people type it: lower case,
 * without white space or the separators `/ - . ,`, without Norway's country code in front, and an
 * EP number without its kind code (`B1`, `A2`, `T3`).
 * @example
 * normaliseNumber('2008/03019') === '200803019'
 * normaliseNumber('NO 2008 03019') === '200803019'
 * normaliseNumber('EP 1 234 567 B1') === 'ep1234567'
 */
export function normaliseNumber(input: string): string {
  return input
    .toLowerCase()
    .replace(/[\s/.,-]+/g, '')
    .replace(/^no(?=\d)/, '')
    .replace(/^(ep\d{7})[abct]\d?$/, '$1');
}

/** Whether a normalised query could be a number: a digit in it, and only letters and digits. */
export function looksLikeNumber(normalised: string): boolean {
  return /^[0-9a-z]{3,40}$/.test(normalised) && /\d/.test(normalised);
}

/**
 * The shard file a normalised number is in, e.g. `3f.json`. Numbers share their first
 * characters (filing year, `EP`), so shards are named by a hash (32-bit FNV-1a) to stay even.
 */
export function numberShardFile(normalised: string, bits: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < normalised.length; i++) {
    hash ^= normalised.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const shard = bits === 0 ? 0 : hash & ((1 << bits) - 1);
  return `${shard.toString(16).padStart(Math.max(1, Math.ceil(bits / 4)), '0')}.json`;
}
