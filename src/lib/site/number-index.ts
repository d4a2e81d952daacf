/**
 * Number lookup for the search page: typing an application or registration number leads straight
 * to the right's page. From the rights index this writes small JSON shards into the built site
 * (`search/numbers/manifest.json` and `search/numbers/<shard>.json`, see number-key.ts), so the
 * browser fetches one shard of a few kilobytes, whatever the size of the register.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  NUMBER_INDEX_DIR,
  type NumberIndexManifest,
  type NumberMatch,
  type NumberShard,
  normaliseNumber,
  numberShardFile,
} from './number-key.ts';
import { rightPath } from './right-path.ts';
import type { RightIndexEntry } from './site-data.ts';

/** Numbers per shard the shard count aims at: about 10 kB of JSON, one quick fetch. */
const NUMBERS_PER_SHARD = 256;
/** At most 2^16 shards, enough for 16 million numbers at the aim above. */
const MAX_BITS = 16;

/** The number of hash bits that keeps shards near {@link NUMBERS_PER_SHARD} numbers. */
export function shardBitsFor(numbers: number): number {
  let bits = 0;
  while (bits < MAX_BITS && numbers / 2 ** bits > NUMBERS_PER_SHARD) bits++;
  return bits;
}

/** What was written. */
export interface NumberIndexSummary {
  numbers: number;
  shards: number;
}

/**
 * Writes the number shards of `rights` into the site folder `outDir`, replacing any there.
 * Both the application and the registration number of each right lead to it; a number shared by
 * rights of several types leads to all of them, and the search page lets the user choose.
 *
 * @example
 * await writeNumberIndex('dist', await siteDataReader().rightsIndex());
 */
export async function writeNumberIndex(
  outDir: string,
  rights: Iterable<RightIndexEntry>,
): Promise<NumberIndexSummary> {
  const byNumber = new Map<string, NumberMatch[]>();
  for (const entry of rights) {
    const match: NumberMatch = {
      path: rightPath(entry.right, entry.applicationNumber),
      right: entry.right,
      applicationNumber: entry.applicationNumber,
      title: entry.title,
    };
    const numbers = new Set([entry.applicationNumber, entry.registrationNumber ?? ''].map(normaliseNumber));
    for (const number of numbers) {
      if (number === '') continue;
      const matches = byNumber.get(number);
      if (matches === undefined) byNumber.set(number, [match]);
      else if (!matches.some((m) => m.path === match.path)) matches.push(match);
    }
  }

  const bits = shardBitsFor(byNumber.size);
  const shards = new Map<string, NumberShard>();
  for (const [number, matches] of [...byNumber].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = numberShardFile(number, bits);
    let shard = shards.get(file);
    if (shard === undefined) {
      shard = {};
      shards.set(file, shard);
    }
    shard[number] = matches;
  }

  // Written beside, then swapped in: a half-written folder never looks finished.
  const dir = resolve(outDir, NUMBER_INDEX_DIR);
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    for (const [file, shard] of shards) await writeFile(join(partial, file), JSON.stringify(shard));
    const manifest: NumberIndexManifest = { version: 1, bits, numbers: byNumber.size };
    await writeFile(join(partial, 'manifest.json'), JSON.stringify(manifest));
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return { numbers: byNumber.size, shards: shards.size };
}
