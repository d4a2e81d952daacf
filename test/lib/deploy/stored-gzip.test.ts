import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storedGzip, storedGzipStream } from '../../../src/lib/deploy/stored-gzip.ts';

const text = Buffer.from('<!doctype html><p>Tidende</p>\n'.repeat(2000));

describe('storedGzip(data) and storedGzipStream(source)', () => {
  it('compress at level 9 to the same bytes each time, with no time or file name in the header', async () => {
    const once = await storedGzip(text);
    expect(gunzipSync(once)).toEqual(text);
    expect(await storedGzip(text)).toEqual(once);
    // Gzip, deflate, no flags (so no file name), time 0, best compression, Unix.
    expect([...once.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    expect(once.length).toBeLessThan(text.length / 20);
  });

  it('stream the same bytes, whatever the chunks', async () => {
    const chunks = Array.from({ length: 7 }, (_, i) => text.subarray(i * 9000, (i + 1) * 9000));
    const streamed = await buffer(storedGzipStream(Readable.from(chunks)));
    expect(streamed).toEqual(await storedGzip(text));
    expect(await buffer(storedGzipStream(Readable.from([Buffer.alloc(0)])))).toEqual(
      await storedGzip(Buffer.alloc(0)),
    );
  });

  it('fail the stream when its source fails', async () => {
    const source = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(buffer(storedGzipStream(source))).rejects.toThrow('disk gone');
  });
});
