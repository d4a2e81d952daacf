/**
 * Streams the lines of an NDJSON extract, plain or gzipped (told by its magic bytes, not its name),
 * with the sha256 and size of the file as stored. Memory stays bounded by the chunk size and the
 * longest line, whatever the size of the file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One line of an extract, its terminator (LF or CRLF) and, on line 1, a UTF-8 BOM removed. */
export interface RawLine {
  /** 1-based line number in the (decompressed) file. */
  number: number;
  /** The line's bytes; a view that is valid until the next batch is read. */
  bytes: Buffer;
}

/** What is known of the file once every line has been read. */
export interface FileDigest {
  /** sha256 of the file as stored (compressed bytes for a gzipped file), hex. */
  sha256: string;
  /** Size of the file as stored, in bytes. */
  bytes: number;
  /** Whether the file was gzipped. */
  gzip: boolean;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * Opens an extract for reading line by line. `batches()` yields the lines of each chunk read;
 * `digest()` is ready once they have all been read. `onBytes` reports stored bytes read so far,
 * against `size`, for progress.
 */
export async function openLineReader(path: string, onBytes?: (read: number, size: number) => void) {
  const [gzip, { size }] = await Promise.all([isGzip(path), stat(path)]);
  const hash = createHash('sha256');
  let storedBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      storedBytes += chunk.length;
      onBytes?.(storedBytes, size);
      done(null, chunk);
    },
  });
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let source: NodeJS.ReadableStream = file.pipe(tap);
  if (gzip) source = source.pipe(createGunzip());
  // pipe() does not forward errors; surface a failed read or a corrupt gzip from the stream we iterate.
  file.on('error', (error) => tap.destroy(error));
  if (gzip) tap.on('error', (error) => (source as Transform).destroy(error));

  let finished: FileDigest | undefined;

  async function* batches(): AsyncGenerator<RawLine[]> {
    let rest: Buffer | undefined;
    let number = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const data = rest ? Buffer.concat([rest, chunk]) : chunk;
      const lines: RawLine[] = [];
      let start = 0;
      for (let end = data.indexOf(LF); end !== -1; end = data.indexOf(LF, start)) {
        number++;
        lines.push({ number, bytes: trimLine(data.subarray(start, end), number) });
        start = end + 1;
      }
      rest = start < data.length ? data.subarray(start) : undefined;
      if (lines.length > 0) yield lines;
    }
    // A last line without a terminator is still a line.
    if (rest && rest.length > 0) {
      number++;
      yield [{ number, bytes: trimLine(rest, number) }];
    }
    finished = { sha256: hash.digest('hex'), bytes: storedBytes, gzip };
  }

  return {
    batches,
    digest(): FileDigest {
      if (!finished) throw new Error(`digest() of ${path} asked for before all its lines were read`);
      return finished;
    },
  };
}

function trimLine(line: Buffer, number: number): Buffer {
  let bytes = line;
  if (number === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
  if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
  return bytes;
}
