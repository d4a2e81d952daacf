import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_LINE_BYTES,
  type LineReaderOptions,
  OVERSIZE_PREFIX_BYTES,
  openLineReader,
} from '../../src/lib/ndjson/read-lines.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function fileOf(bytes: Buffer, name = 'x.ndjson'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  return path;
}

/** Reads every batch; the lines' bytes are copied, since they are valid only until the next batch. */
async function read(bytes: Buffer, options?: LineReaderOptions, name = 'x.ndjson') {
  const reader = await openLineReader(await fileOf(bytes, name), options);
  const lines: { number: number; bytes: Buffer; oversize?: number }[] = [];
  let emptyLines = 0;
  let count = 0;
  for await (const batch of reader.batches()) {
    for (const line of batch.lines) lines.push({ ...line, bytes: Buffer.from(line.bytes) });
    emptyLines += batch.emptyLines;
    count += batch.lines.length + batch.emptyLines;
  }
  return { lines, emptyLines, count, digest: reader.digest() };
}

async function linesOf(bytes: Buffer, options?: LineReaderOptions, name?: string) {
  const result = await read(bytes, options, name);
  return {
    ...result,
    lines: result.lines.map((l) => ({
      number: l.number,
      text: l.bytes.toString('utf8'),
      ...(l.oversize === undefined ? {} : { oversize: l.oversize }),
    })),
  };
}

describe('openLineReader(path)', () => {
  it('splits LF and CRLF lines, counts empty lines, and keeps a last line without a terminator', async () => {
    const { lines, emptyLines, count } = await linesOf(Buffer.from('a\r\nb\n\nc'));
    expect(lines).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b' },
      { number: 4, text: 'c' },
    ]);
    expect([emptyLines, count]).toEqual([1, 4]);
  });

  it('removes a UTF-8 byte order mark at the start of the file only', async () => {
    const bom = '\uFEFF';
    const { lines } = await linesOf(Buffer.from(`${bom}a\n${bom}b\n`));
    expect(lines.map((l) => l.text)).toEqual(['a', `${bom}b`]);
  });

  it('reads gzipped files whatever their name, and hashes the stored bytes', async () => {
    const stored = gzipSync(Buffer.from('é\nü\n'));
    const { lines, digest } = await linesOf(stored, {}, 'extract.ndjson');
    expect(lines.map((l) => l.text)).toEqual(['é', 'ü']);
    expect(digest).toEqual({
      sha256: createHash('sha256').update(stored).digest('hex'),
      bytes: stored.length,
      gzip: true,
    });
  });

  it('hashes a plain file as stored', async () => {
    const stored = Buffer.from('{"a":1}\n{"b":2}\n'.repeat(25_000));
    const { digest, count } = await read(stored);
    expect(count).toBe(50_000);
    expect(digest).toEqual({
      sha256: createHash('sha256').update(stored).digest('hex'),
      bytes: stored.length,
      gzip: false,
    });
  });

  it('assembles a line read in many chunks into exactly its bytes', async () => {
    const long = randomBytes(3 * 1024 * 1024);
    for (let i = 0; i < long.length; i++) if (long[i] === 0x0a || long[i] === 0x0d) long[i] = 0x20;
    long[0] = 0x7b;
    const { lines } = await read(Buffer.concat([Buffer.from('a\n'), long, Buffer.from('\nb\n')]));
    expect(lines.map((l) => [l.number, l.bytes.length, l.oversize])).toEqual([
      [1, 1, undefined],
      [2, long.length, undefined],
      [3, 1, undefined],
    ]);
    expect(lines[1]?.bytes.equals(long)).toBe(true);
  });

  it('fails with the reason when a gzipped file is cut short', async () => {
    const stored = gzipSync(Buffer.from('a\n'.repeat(10_000)));
    const reader = await openLineReader(
      await fileOf(stored.subarray(0, stored.length - 20), 'cut.ndjson.gz'),
    );
    await expect(async () => {
      for await (const _ of reader.batches()) {
        // drain
      }
    }).rejects.toThrow(/unexpected end of file/);
  });

  it('stops reading when the caller stops early', async () => {
    const reader = await openLineReader(await fileOf(Buffer.from(`${'a'.repeat(99)}\n`.repeat(50_000))));
    for await (const batch of reader.batches()) {
      expect(batch.lines.length).toBeGreaterThan(0);
      break;
    }
    expect(() => reader.digest()).toThrow(/before all its lines were read/);
  });

  it('refuses a maximum line size that is not a positive integer', async () => {
    const path = await fileOf(Buffer.from('a\n'));
    await expect(openLineReader(path, { maxLineBytes: 0 })).rejects.toThrow(RangeError);
    await expect(openLineReader(path, { maxLineBytes: 1.5 })).rejects.toThrow(RangeError);
  });

  it('defaults to a 4 MiB maximum and a 1 KiB prefix', () => {
    expect(DEFAULT_MAX_LINE_BYTES).toBe(4 * 1024 * 1024);
    expect(OVERSIZE_PREFIX_BYTES).toBe(1024);
  });
});

describe('openLineReader(path, { maxLineBytes })', () => {
  const max = 200_000; // more than a read chunk, so lines at the maximum span chunks

  it('skips an oversize line in the middle, keeping its first KiB and its length', async () => {
    const long = Buffer.alloc(1_000_000, 'y');
    long.write('{"start":true}', 0);
    const { lines, count } = await read(
      Buffer.concat([Buffer.from('a\n\n'), long, Buffer.from('\nb\n\nc\n')]),
      {
        maxLineBytes: max,
      },
    );
    expect(lines.map((l) => [l.number, l.bytes.length, l.oversize])).toEqual([
      [1, 1, undefined],
      [3, OVERSIZE_PREFIX_BYTES, long.length],
      [4, 1, undefined],
      [6, 1, undefined],
    ]);
    expect(lines[1]?.bytes.equals(long.subarray(0, OVERSIZE_PREFIX_BYTES))).toBe(true);
    expect(lines.map((l) => l.bytes.toString()).filter((t) => t.length === 1)).toEqual(['a', 'b', 'c']);
    expect(count).toBe(6);
  });

  it('skips an oversize last line without a terminator', async () => {
    const long = Buffer.alloc(max * 3 + 7, 'z');
    const { lines } = await read(Buffer.concat([Buffer.from('a\n'), long]), { maxLineBytes: max });
    expect(lines.map((l) => [l.number, l.bytes.length, l.oversize])).toEqual([
      [1, 1, undefined],
      [2, OVERSIZE_PREFIX_BYTES, long.length],
    ]);
  });

  it('keeps a line of exactly the maximum, not counting CRLF or the BOM, and rejects one byte more', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const at = Buffer.alloc(max, 'x');
    const over = Buffer.alloc(max + 1, 'x');
    const file = Buffer.concat([
      bom,
      at,
      Buffer.from('\r\n'),
      at,
      Buffer.from('\n'),
      over,
      Buffer.from('\r\n'),
      at,
    ]);
    const { lines } = await read(file, { maxLineBytes: max });
    expect(lines.map((l) => [l.number, l.bytes.length, l.oversize])).toEqual([
      [1, max, undefined],
      [2, max, undefined],
      [3, OVERSIZE_PREFIX_BYTES, max + 1],
      [4, max, undefined],
    ]);
    expect(lines.every((l) => l.bytes.every((b) => b === 0x78))).toBe(true);
  });

  it('skips an oversize first line after removing its BOM and CR', async () => {
    const long = Buffer.alloc(max * 2, 'w');
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), long, Buffer.from('\r\nb\n')]);
    const { lines } = await read(file, { maxLineBytes: max });
    expect(lines.map((l) => [l.number, l.bytes.toString(), l.oversize])).toEqual([
      [1, 'w'.repeat(OVERSIZE_PREFIX_BYTES), long.length],
      [2, 'b', undefined],
    ]);
  });

  it('keeps the whole of an oversize line shorter than the prefix', async () => {
    const { lines } = await linesOf(Buffer.from('short\nthirty-one bytes of one line\r\nend'), {
      maxLineBytes: 10,
    });
    expect(lines).toEqual([
      { number: 1, text: 'short' },
      { number: 2, text: 'thirty-one bytes of one line', oversize: 28 },
      { number: 3, text: 'end' },
    ]);
  });

  it('keeps the first KiB of an oversize line found oversize before its first full read chunk', async () => {
    // Line 2 starts 10 bytes before the end of the first 64 KiB read chunk: oversize already there.
    const first = Buffer.alloc(64 * 1024 - 11, 'x');
    const second = Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x30 + (i % 10)));
    const { lines } = await read(Buffer.concat([first, Buffer.from('\n'), second, Buffer.from('\nend\n')]), {
      maxLineBytes: 5,
    });
    expect(lines.map((l) => [l.number, l.bytes.length, l.oversize])).toEqual([
      [1, OVERSIZE_PREFIX_BYTES, first.length],
      [2, OVERSIZE_PREFIX_BYTES, second.length],
      [3, 3, undefined],
    ]);
    expect(lines[1]?.bytes.equals(second.subarray(0, OVERSIZE_PREFIX_BYTES))).toBe(true);
  });

  it('skips an oversize line inside a gzipped file', async () => {
    const long = Buffer.alloc(5_000_000, 'q');
    const stored = gzipSync(Buffer.concat([Buffer.from('a\n'), long, Buffer.from('\nb\n')]));
    const { lines, digest } = await read(stored, { maxLineBytes: max });
    expect(lines.map((l) => [l.number, l.bytes.length, l.oversize])).toEqual([
      [1, 1, undefined],
      [2, OVERSIZE_PREFIX_BYTES, long.length],
      [3, 1, undefined],
    ]);
    expect(digest.gzip).toBe(true);
  });
});

describe('openLineReader(path) on empty lines', () => {
  it('counts runs of empty lines, and yields lines of spaces or tabs', async () => {
    const { lines, emptyLines, count } = await linesOf(Buffer.from('\n\na\n\n\r\n \n\t\n\n\nb\n\n'));
    expect(lines).toEqual([
      { number: 3, text: 'a' },
      { number: 6, text: ' ' },
      { number: 7, text: '\t' },
      { number: 10, text: 'b' },
    ]);
    expect([emptyLines, count]).toEqual([7, 11]);
  });

  it('counts a gzipped run of 50 MB of LF without yielding a line for each', async () => {
    const lineFeeds = 50 * 1024 * 1024;
    const stored = gzipSync(
      Buffer.concat([Buffer.from('a\n'), Buffer.alloc(lineFeeds, 0x0a), Buffer.from('b')]),
    );
    const reader = await openLineReader(await fileOf(stored));
    const lines: { number: number; text: string }[] = [];
    let emptyLines = 0;
    let batches = 0;
    for await (const batch of reader.batches()) {
      batches++;
      emptyLines += batch.emptyLines;
      for (const line of batch.lines) lines.push({ number: line.number, text: line.bytes.toString() });
    }
    expect(lines).toEqual([
      { number: 1, text: 'a' },
      { number: lineFeeds + 2, text: 'b' },
    ]);
    expect(emptyLines).toBe(lineFeeds);
    expect(batches).toBeGreaterThan(10);
  });
});

describe('openLineReader(path, { onBytes })', () => {
  it('reports the compressed bytes decompressed so far, not those read ahead', async () => {
    // 20 MB, mostly LF: a line, then 99,993 empty lines.
    const block = Buffer.alloc(100_000, 0x0a);
    block.write('{"n":1}', 0);
    const total = 200 * 99_993;
    const plain = Buffer.concat(Array.from({ length: 200 }, () => block));
    const stored = gzipSync(plain, { level: 9 });
    expect(plain.length / stored.length).toBeGreaterThan(500);

    const reports: number[] = [];
    const reader = await openLineReader(await fileOf(stored), {
      onBytes: (read, size) => reports.push(read / size),
    });
    let count = 0;
    let atHalf: number | undefined;
    const atBatches = new Set<number>();
    for await (const batch of reader.batches()) {
      count += batch.lines.length + batch.emptyLines;
      const fraction = reports.at(-1) as number;
      atBatches.add(fraction);
      if (atHalf === undefined && count >= total / 2) atHalf = fraction;
    }
    expect(count).toBe(total);
    expect(atHalf).toBeGreaterThan(0.3);
    expect(atHalf).toBeLessThan(0.7);
    expect(atBatches.size).toBeGreaterThan(10);
    expect(reports.at(-1)).toBe(1);
    expect(reports.every((r, i) => i === 0 || r >= (reports[i - 1] as number))).toBe(true);
  });

  it('reports the bytes of a plain file read so far, up to its size', async () => {
    const stored = Buffer.from(`${'b'.repeat(99)}\n`.repeat(100_000));
    const reports: [number, number][] = [];
    const reader = await openLineReader(await fileOf(stored), {
      onBytes: (read, size) => reports.push([read, size]),
    });
    for await (const _ of reader.batches()) {
      // drain
    }
    expect(reports.length).toBeGreaterThan(10);
    expect(reports.at(-1)).toEqual([stored.length, stored.length]);
    expect(reports.every(([r], i) => i === 0 || r >= (reports[i - 1] as [number, number])[0])).toBe(true);
  });
});
