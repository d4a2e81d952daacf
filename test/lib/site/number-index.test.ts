import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shardBitsFor, writeNumberIndex } from '../../../src/lib/site/number-index.ts';
import {
  looksLikeNumber,
  type NumberIndexManifest,
  type NumberShard,
  normaliseNumber,
  numberShardFile,
} from '../../../src/lib/site/number-key.ts';
import type { RightIndexEntry } from '../../../src/lib/site/site-data.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const right = (over: Partial<RightIndexEntry>): RightIndexEntry => ({
  right: 'trademark',
  applicationNumber: '200503952',
  title: 'Glade Hav',
  cacheKey: 'k',
  ...over,
});

async function lookUp(dir: string, query: string) {
  const numbers = join(dir, 'search', 'numbers');
  const manifest = JSON.parse(await readFile(join(numbers, 'manifest.json'), 'utf8')) as NumberIndexManifest;
  const number = normaliseNumber(query);
  const shard = JSON.parse(
    await readFile(join(numbers, numberShardFile(number, manifest.bits)), 'utf8'),
  ) as NumberShard;
  return shard[number] ?? [];
}

describe('normaliseNumber(input)', () => {
  it('drops white space and lowers the case', () => {
    expect(normaliseNumber(' EP 1234\t567 ')).toBe('ep1234567');
  });
  it.each([
    ['2008/03019', '200803019'],
    ['200803019', '200803019'],
    ['NO 2008 03019', '200803019'],
    ['no2008/03019', '200803019'],
    ['2008-03019', '200803019'],
    ['EP 1 234 567 B1', 'ep1234567'],
    ['EP1234567A2', 'ep1234567'],
    ['ep 1234567', 'ep1234567'],
    ['DM/123 456', 'dm123456'],
  ])('finds %s as %s, as people type numbers', (typed, key) => {
    expect(normaliseNumber(typed)).toBe(key);
  });
});

describe('looksLikeNumber(normalised)', () => {
  it.each(['200503952', 'ep1234567', 'dm123456', '202312345'])('takes %s for a number', (query) => {
    expect(looksLikeNumber(query)).toBe(true);
  });
  it.each(['nordlys', 'a1', '', 'hav<script>', '2023/12345'])('does not take %s for one', (query) => {
    expect(looksLikeNumber(query)).toBe(false);
  });
});

describe('numberShardFile(normalised, bits)', () => {
  it('puts everything in one shard with 0 bits', () => {
    expect(numberShardFile('200503952', 0)).toBe('0.json');
  });
  it('names shards by as many hex digits as the bits need', () => {
    expect(numberShardFile('200503952', 4)).toMatch(/^[0-9a-f]\.json$/);
    expect(numberShardFile('200503952', 12)).toMatch(/^[0-9a-f]{3}\.json$/);
  });
  it('spreads numbers that share their first characters', () => {
    const files = new Set(
      Array.from({ length: 1000 }, (_, i) => numberShardFile(`2023${String(i).padStart(5, '0')}`, 4)),
    );
    expect(files.size).toBe(16);
  });
});

describe('shardBitsFor(numbers)', () => {
  it('keeps shards near 256 numbers', () => {
    expect(shardBitsFor(0)).toBe(0);
    expect(shardBitsFor(256)).toBe(0);
    expect(shardBitsFor(257)).toBe(1);
    expect(shardBitsFor(4_000)).toBe(4);
    expect(shardBitsFor(1_200_000)).toBe(13);
  });
});

describe('writeNumberIndex(outDir, rights)', () => {
  it('leads application and registration numbers, in any case and spacing, to the right', async () => {
    const dir = await tempDir();
    const summary = await writeNumberIndex(dir, [
      right({ registrationNumber: '301234' }),
      right({ right: 'patent', applicationNumber: 'EP1234567', title: 'Varmeveksler' }),
    ]);
    expect(summary).toEqual({ numbers: 3, shards: 1 });
    const glade = {
      path: 'trademark/200503952/',
      right: 'trademark',
      applicationNumber: '200503952',
      title: 'Glade Hav',
    };
    expect(await lookUp(dir, '200503952')).toEqual([glade]);
    expect(await lookUp(dir, '301 234')).toEqual([glade]);
    expect(await lookUp(dir, 'ep 1234567')).toEqual([
      { path: 'patent/EP1234567/', right: 'patent', applicationNumber: 'EP1234567', title: 'Varmeveksler' },
    ]);
    expect(await lookUp(dir, '999')).toEqual([]);
  });

  it('leads a number shared by rights of two types to both', async () => {
    const dir = await tempDir();
    await writeNumberIndex(dir, [
      right({ registrationNumber: '301234' }),
      right({ right: 'patent', applicationNumber: '20051234', registrationNumber: '301234', title: 'Pumpe' }),
    ]);
    expect((await lookUp(dir, '301234')).map((m) => m.path)).toEqual([
      'trademark/200503952/',
      'patent/20051234/',
    ]);
  });

  it('encodes the application number in the path as the register page URL does', async () => {
    const dir = await tempDir();
    await writeNumberIndex(dir, [right({ applicationNumber: '2023/12 345' })]);
    expect((await lookUp(dir, '2023/12345'))[0]?.path).toBe('trademark/2023_12~20345/');
  });

  it('splits many numbers into shards and replaces the shards of an earlier run', async () => {
    const dir = await tempDir();
    const many = Array.from({ length: 3000 }, (_, i) =>
      right({ applicationNumber: `2023${String(i).padStart(5, '0')}` }),
    );
    expect(await writeNumberIndex(dir, many)).toEqual({ numbers: 3000, shards: 16 });
    expect(await lookUp(dir, '202302999')).toHaveLength(1);
    expect(await writeNumberIndex(dir, many.slice(0, 10))).toEqual({ numbers: 10, shards: 1 });
    expect((await readdir(join(dir, 'search', 'numbers'))).sort()).toEqual(['0.json', 'manifest.json']);
    expect(await readdir(join(dir, 'search'))).toEqual(['numbers']);
  });
});
