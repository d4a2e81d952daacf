/**
 * Streams the lines of an NDJSON extract, plain or gzipped (told by its magic bytes, not its name),
 * with the sha256 and size of the file as stored. Memory stays bounded whatever the file holds: by a
 * batch, a read chunk and the maximum line size. A longer line is skipped while it is read, and
 * yielded as its length and first bytes only; runs of empty lines are counted, not materialised.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';

/**
 * The default longest line kept, in bytes (terminator and BOM not counted): 4 MiB. Far above any
 * real event record (a few KiB), low enough that a hostile extract cannot make a reader hold more.
 */
export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

/** How many of an oversize line's first bytes are kept in its `bytes`, for the quarantine: 1 KiB. */
export const OVERSIZE_PREFIX_BYTES = 1024;

/** One line of an extract, its terminator (LF or CRLF) and, on line 1, a UTF-8 BOM removed. */
export interface RawLine {
  /** 1-based line number in the (decompressed) file. */
  number: number;
  /**
   * The line's bytes; a view that is valid until the next batch is read. For an oversize line,
   * only its first `OVERSIZE_PREFIX_BYTES` (which may end inside a UTF-8 character).
   */
  bytes: Buffer;
  /**
   * Set only when the line is longer than the maximum: its whole length in bytes (terminator and
   * BOM not counted). Its bytes past the prefix were skipped while reading, never held.
   */
  oversize?: number;
}

/** The lines read from one stretch of the file, in order. */
export interface LineBatch {
  /** The lines that are not empty, numbered. */
  lines: RawLine[];
  /**
   * How many empty lines (no byte besides the terminator and a BOM) this stretch held; they are
   * not in `lines` but are numbered, so `lines.length + emptyLines` is the count of lines read.
   * A line of spaces or tabs is not empty: it is in `lines`.
   */
  emptyLines: number;
}

/** How to read an extract. */
export interface LineReaderOptions {
  /** The longest line kept, in bytes (terminator and BOM not counted); `DEFAULT_MAX_LINE_BYTES` if unset. */
  maxLineBytes?: number;
  /**
   * Progress: stored bytes consumed so far, against the stored `size`. For a gzipped file, the
   * compressed bytes the decompressor has actually consumed, not those read ahead.
   */
  onBytes?: (read: number, size: number) => void;
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

/** An opened extract: its lines batch by batch, then its digest. */
export interface LineReader {
  /** Yields the lines batch by batch; to be iterated once. */
  batches(): AsyncGenerator<LineBatch>;
  /** The digest of the file as stored; throws until every batch has been read. */
  digest(): FileDigest;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/**
 * The file is read in chunks this small so that, through gunzip's backpressure, little of it is
 * read ahead of decompression (and decompressed output comes in chunks of this size too).
 */
const READ_CHUNK_BYTES = 64 * 1024;
/** A batch is yielded once this many decompressed bytes have been scanned (and it holds a line). */
const BATCH_BYTES = 1024 * 1024;
/** Compared against to skip runs of LF natively. */
const LF_BLOCK = Buffer.alloc(4096, LF);

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
 * Opens an extract for reading line by line. `batches()` yields the lines about every MiB of
 * (decompressed) data; `digest()` is ready once they have all been read.
 */
export async function openLineReader(path: string, options: LineReaderOptions = {}): Promise<LineReader> {
  const { maxLineBytes = DEFAULT_MAX_LINE_BYTES, onBytes } = options;
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`maxLineBytes must be a positive integer, not ${maxLineBytes}`);
  }
  const [gzip, { size }] = await Promise.all([isGzip(path), stat(path)]).catch((error: unknown) => {
    // Reading a folder fails with EISDIR and no path; give it the path, so the error can name it.
    if (error instanceof Error) (error as NodeJS.ErrnoException).path ??= path;
    throw error;
  });
  let finished: FileDigest | undefined;
  let started = false;

  async function* batches(): AsyncGenerator<LineBatch> {
    if (started) throw new Error(`The lines of ${path} are read only once`);
    started = true;
    const hash = createHash('sha256');
    let storedBytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        storedBytes += chunk.length;
        done(null, chunk);
      },
    });
    const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
    file.pipe(tap);
    // pipe() does not forward errors; surface a failed read or a corrupt gzip from the stream we iterate.
    file.on('error', (error) => tap.destroy(error));
    let gunzip: Gunzip | undefined;
    if (gzip) {
      gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
      tap.pipe(gunzip);
      tap.on('error', (error) => gunzip?.destroy(error));
    }
    const source: AsyncIterable<Buffer> = gunzip ?? tap;

    const lines = new LineSplitter(maxLineBytes);
    /** Bytes handed to the splitter: for a plain file, the stored bytes consumed. */
    let split = 0;
    let scanned = 0;
    try {
      for await (const chunk of source) {
        // gunzip's bytesWritten is the input its engine has consumed, updated per output chunk.
        split += chunk.length;
        onBytes?.(gunzip ? gunzip.bytesWritten : split, size);
        lines.push(chunk);
        scanned += chunk.length;
        if (scanned >= BATCH_BYTES && lines.pending()) {
          yield lines.take();
          scanned = 0;
        }
      }
      lines.end();
      if (lines.pending()) yield lines.take();
      onBytes?.(storedBytes, size);
      finished = { sha256: hash.digest('hex'), bytes: storedBytes, gzip };
    } finally {
      // Stop reading when the caller stops early or a stream failed; harmless once all is read.
      gunzip?.destroy();
      tap.destroy();
      file.destroy();
    }
  }

  return {
    batches,
    digest(): FileDigest {
      if (!finished) throw new Error(`digest() of ${path} asked for before all its lines were read`);
      return finished;
    },
  };
}

/**
 * Cuts chunks of decompressed bytes into lines. A line that spans chunks is kept as a list of
 * pieces joined once at its end, so assembling it is linear in its length; past the maximum, only
 * its first bytes are kept and the rest is counted.
 */
class LineSplitter {
  readonly #max: number;
  /** Raw bytes (BOM and CR included) kept of a partial line before it is known to be oversize. */
  readonly #keepLimit: number;
  /** Raw bytes kept of an oversize line: the prefix, and a BOM on line 1. */
  readonly #prefixLimit = OVERSIZE_PREFIX_BYTES + BOM.length;

  #number = 0;
  #lines: RawLine[] = [];
  #emptyLines = 0;

  /** The pieces of the line that spans chunks, or its prefix once it is oversize. */
  #parts: Buffer[] = [];
  /** Bytes in `#parts`. */
  #kept = 0;
  /** Raw bytes of the partial line seen so far. */
  #length = 0;
  #lastByte = 0;
  #dropping = false;

  constructor(max: number) {
    this.#max = max;
    // A line of max bytes may carry a CR and, on line 1, a BOM; longer than that, it is oversize.
    this.#keepLimit = max + 1 + BOM.length;
  }

  push(data: Buffer): void {
    const length = data.length;
    let start = 0;
    while (start < length) {
      if (this.#length === 0 && data[start] === LF) {
        start = this.#skipLineFeeds(data, start);
        continue;
      }
      const end = data.indexOf(LF, start);
      if (end === -1) {
        this.#append(data.subarray(start));
        return;
      }
      if (this.#length === 0) {
        this.#number++;
        this.#emit(data.subarray(start, end));
      } else {
        this.#append(data.subarray(start, end));
        this.#endPartial();
      }
      start = end + 1;
    }
  }

  /** Ends the file: a last line without a terminator is still a line. */
  end(): void {
    if (this.#length > 0) this.#endPartial();
  }

  pending(): boolean {
    return this.#lines.length > 0 || this.#emptyLines > 0;
  }

  take(): LineBatch {
    const batch = { lines: this.#lines, emptyLines: this.#emptyLines };
    this.#lines = [];
    this.#emptyLines = 0;
    return batch;
  }

  #append(piece: Buffer): void {
    if (piece.length === 0) return;
    this.#length += piece.length;
    this.#lastByte = piece[piece.length - 1] as number;
    if (!this.#dropping) {
      this.#parts.push(piece);
      this.#kept += piece.length;
      if (this.#kept > this.#keepLimit) {
        // Oversize: keep a copy of the prefix only, so the chunks read so far can be freed.
        this.#dropping = true;
        const prefix = Buffer.concat(this.#parts, Math.min(this.#kept, this.#prefixLimit));
        this.#parts = [prefix];
        this.#kept = prefix.length;
      }
    } else if (this.#kept < this.#prefixLimit) {
      const more = piece.subarray(0, this.#prefixLimit - this.#kept);
      this.#parts = [Buffer.concat([...this.#parts, more])];
      this.#kept += more.length;
    }
  }

  #endPartial(): void {
    this.#number++;
    if (this.#dropping) {
      const prefix = this.#parts[0] as Buffer;
      const bom = this.#number === 1 && startsWithBom(prefix) ? BOM.length : 0;
      const length = this.#length - bom - (this.#lastByte === CR ? 1 : 0);
      this.#lines.push({
        number: this.#number,
        bytes: prefix.subarray(bom, bom + Math.min(length, OVERSIZE_PREFIX_BYTES)),
        oversize: length,
      });
    } else {
      this.#emit(
        this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts, this.#kept),
      );
    }
    this.#parts = [];
    this.#kept = 0;
    this.#length = 0;
    this.#dropping = false;
  }

  /** Adds the line numbered `#number`, whole and raw. */
  #emit(raw: Buffer): void {
    const bytes = trimLine(raw, this.#number);
    if (bytes.length === 0) this.#emptyLines++;
    else if (bytes.length > this.#max) {
      this.#lines.push({
        number: this.#number,
        bytes: bytes.subarray(0, OVERSIZE_PREFIX_BYTES),
        oversize: bytes.length,
      });
    } else this.#lines.push({ number: this.#number, bytes });
  }

  /** Counts the run of LF (empty lines) at `start`; returns where it ends. */
  #skipLineFeeds(data: Buffer, start: number): number {
    let i = start;
    const block = LF_BLOCK.length;
    while (i + block <= data.length && data.compare(LF_BLOCK, 0, block, i, i + block) === 0) i += block;
    while (i < data.length && data[i] === LF) i++;
    this.#number += i - start;
    this.#emptyLines += i - start;
    return i;
  }
}

function startsWithBom(bytes: Buffer): boolean {
  return bytes.length >= BOM.length && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

function trimLine(line: Buffer, number: number): Buffer {
  let bytes = line;
  if (number === 1 && startsWithBom(bytes)) bytes = bytes.subarray(BOM.length);
  if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
  return bytes;
}
