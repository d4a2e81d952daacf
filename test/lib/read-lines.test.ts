import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openLineReader } from '../../src/lib/ndjson/read-lines.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function linesOf(bytes: Buffer, name = 'x.ndjson') {
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  const reader = await openLineReader(path);
  const lines: { number: number; text: string }[] = [];
  for await (const batch of reader.batches()) {
    for (const line of batch) lines.push({ number: line.number, text: line.bytes.toString('utf8') });
  }
  return { lines, digest: reader.digest() };
}

describe('openLineReader(path)', () => {
  it('splits LF and CRLF lines, and keeps a last line without a terminator', async () => {
    const { lines } = await linesOf(Buffer.from('a\r\nb\n\nc'));
    expect(lines).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b' },
      { number: 3, text: '' },
      { number: 4, text: 'c' },
    ]);
  });

  it('removes a UTF-8 byte order mark at the start of the file only', async () => {
    const bom = '\uFEFF';
    const { lines } = await linesOf(Buffer.from(`${bom}a\n${bom}b\n`));
    expect(lines.map((l) => l.text)).toEqual(['a', `${bom}b`]);
  });

  it('reads gzipped files whatever their name, and hashes the stored bytes', async () => {
    const stored = gzipSync(Buffer.from('é\nü\n'));
    const { lines, digest } = await linesOf(stored, 'extract.ndjson');
    expect(lines.map((l) => l.text)).toEqual(['é', 'ü']);
    expect(digest).toEqual({
      sha256: createHash('sha256').update(stored).digest('hex'),
      bytes: stored.length,
      gzip: true,
    });
  });

  it('keeps lines that span read chunks whole', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const { lines } = await linesOf(Buffer.from(`a\n${long}\nb\n`));
    expect(lines.map((l) => l.text.length)).toEqual([1, long.length, 1]);
  });

  it('fails with the reason when a gzipped file is cut short', async () => {
    const stored = gzipSync(Buffer.from('a\n'.repeat(10_000)));
    const path = join(await tempDir(), 'cut.ndjson.gz');
    await writeFile(path, stored.subarray(0, stored.length - 20));
    const reader = await openLineReader(path);
    await expect(async () => {
      for await (const _ of reader.batches()) {
        // drain
      }
    }).rejects.toThrow(/unexpected end of file/);
  });
});
