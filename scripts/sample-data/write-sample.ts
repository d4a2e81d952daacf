/**
 * Writes a sample extract: NDJSON event records (gzipped when the name ends in .gz) and the
 * documents they reference. Generation runs here; a worker thread writes, and the number of
 * messages it has not yet written is bounded, so memory stays flat however large the sample.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CliError } from '../../src/lib/cli-error.ts';
import { generateSampleLines, type SampleOptions } from './sample-events.ts';
import type { WriteWorkerData, WriteWorkerMessage } from './write-worker.ts';

/** What a sample run wrote. */
export interface SampleSummary {
  /** Rights with at least one event. */
  rights: number;
  /** Event records written. */
  events: number;
  /** Document files written. */
  documents: number;
  /** Size of the extract file in bytes (compressed size for .gz). */
  bytes: number;
}

// Lines are joined into chunks of about this size: fewer, larger messages and writes are faster.
const CHUNK_CHARS = 256 * 1024;
// Documents are sent to the writer this many at a time.
const DOCUMENT_BATCH = 256;
// At most this many messages wait in the writer: about 8 MB of text.
const MAX_PENDING = 32;
const PROGRESS_EVERY = 10_000;

/** A worker thread that writes, with a bound on unwritten messages (the backpressure). */
class ExtractWriter {
  private readonly worker: Worker;
  private pending = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private closing = false;
  private readonly done: Promise<void>;

  constructor(data: WriteWorkerData) {
    this.worker = new Worker(new URL('./write-worker.ts', import.meta.url), { workerData: data });
    this.done = new Promise((resolve, reject) => {
      this.worker.on('message', (message: { type: string; message?: string }) => {
        if (message.type === 'ack') this.pending--;
        else if (message.type === 'done') resolve();
        else if (message.type === 'error') this.fail(new Error(message.message), reject);
        this.wake?.();
      });
      this.worker.on('error', (error) => this.fail(error, reject));
      this.worker.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          this.fail(new Error(`The writer thread stopped with exit code ${code}.`), reject);
      });
    });
    this.done.catch(() => {});
  }

  private fail(error: Error, reject: (error: Error) => void): void {
    this.failure ??= error;
    reject(this.failure);
    this.wake?.();
  }

  /** Sends a message; waits while too many are unwritten. */
  async send(message: WriteWorkerMessage): Promise<void> {
    if (this.failure) throw this.failure;
    this.worker.postMessage(message);
    this.pending++;
    while (this.pending >= MAX_PENDING && !this.failure) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
    if (this.failure) throw this.failure;
  }

  /** Ends the extract and waits until everything is on disk. */
  async finish(): Promise<void> {
    await this.send({ type: 'end' });
    await this.done;
    this.closing = true;
    await this.worker.terminate();
  }

  /** Stops the writer after a failure. */
  async abort(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}

/**
 * Writes the NDJSON extract to `out` (gzipped when `out` ends in .gz) and its documents under
 * `<dirname(out)>/documents/`; writes to a temp path and renames when done; respects stream
 * backpressure. `onProgress` is called every ~10,000 events.
 */
export async function writeSample(
  options: SampleOptions & { out: string; onProgress?: (events: number) => void },
): Promise<SampleSummary> {
  const { out, onProgress } = options;
  const folder = dirname(out);
  const partial = `${out}.partial`;
  const summary: SampleSummary = { rights: 0, events: 0, documents: 0, bytes: 0 };
  let writer: ExtractWriter | undefined;
  let files: [string, string][] = [];
  let chunk = '';
  let lastRight = '';
  try {
    await mkdir(folder, { recursive: true });
    writer = new ExtractWriter({ path: partial, gzip: out.endsWith('.gz') });
    for (const line of generateSampleLines(options)) {
      const { record } = line;
      const right = `${record.right}/${record.applicationNumber}`;
      if (right !== lastRight) {
        summary.rights++;
        lastRight = right;
      }
      for (const document of line.files) files.push([join(folder, document.path), document.content]);
      if (files.length >= DOCUMENT_BATCH) {
        summary.documents += files.length;
        await writer.send({ type: 'files', files });
        files = [];
      }
      chunk += `${line.json}\n`;
      summary.events++;
      if (chunk.length >= CHUNK_CHARS) {
        await writer.send({ type: 'chunk', text: chunk });
        chunk = '';
      }
      if (onProgress && summary.events % PROGRESS_EVERY === 0) onProgress(summary.events);
    }
    if (files.length > 0) await writer.send({ type: 'files', files });
    summary.documents += files.length;
    if (chunk) await writer.send({ type: 'chunk', text: chunk });
    await writer.finish();
    summary.bytes = (await stat(partial)).size;
    await rename(partial, out);
  } catch (error) {
    await writer?.abort();
    // Best effort: the partial file may not exist, or its folder may be what failed.
    await rm(partial, { force: true }).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`Could not write the sample extract ${out}: ${reason}`, { cause: error });
  }
  return summary;
}
