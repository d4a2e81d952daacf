/**
 * Gzip as the deploy stores text on a host that serves it with Content-Encoding gzip
 * (content-headers.ts): the best compression (level 9), and the same bytes for the same content
 * from the same zlib: no time and no file name in the header (Node's zlib writes neither), and the
 * header's operating-system byte set to Unix's on every platform (zlib writes the one it was built
 * for). The deploy decides what to upload by the uncompressed content's hash, so these bytes
 * never need to match an earlier upload's; the same ones are simply what one expects.
 */
import { pipeline, type Readable, Transform } from 'node:stream';
import { promisify } from 'node:util';
import { constants, createGzip, gzip } from 'node:zlib';

const OPTIONS = { level: constants.Z_BEST_COMPRESSION };
const gzipAsync = promisify(gzip);

/** Where the header keeps the operating system (RFC 1952, 2.3), and Unix's code. */
const OS_OFFSET = 9;
const OS_UNIX = 3;

/**
 * `data` gzip-compressed; the work is done off the main thread.
 * @example
 * gunzipSync(await storedGzip(Buffer.from('<p>hi</p>'))).toString(); // '<p>hi</p>'
 */
export async function storedGzip(data: Buffer): Promise<Buffer> {
  const compressed = await gzipAsync(data, OPTIONS);
  compressed[OS_OFFSET] = OS_UNIX;
  return compressed;
}

/**
 * The bytes of `source` gzip-compressed as a stream, for files too large to hold in memory; a
 * failure of `source` fails the stream returned.
 */
export function storedGzipStream(source: Readable): Readable {
  let offset = 0;
  const fixHeader = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (offset <= OS_OFFSET && OS_OFFSET < offset + chunk.length) chunk[OS_OFFSET - offset] = OS_UNIX;
      offset += chunk.length;
      done(null, chunk);
    },
  });
  // pipeline destroys every stream with the first error, the one returned included.
  return pipeline(source, createGzip(OPTIONS), fixHeader, () => {});
}
