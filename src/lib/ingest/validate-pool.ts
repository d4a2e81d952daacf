/**
 * Validates batches of lines in worker threads and yields the verdicts in the order the batches
 * came in. At most two batches per worker are in flight, so memory stays bounded.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentContext } from '../documents/take-documents.ts';
import type { RawLine } from '../ndjson/read-lines.ts';
import { type BatchVerdicts, judgeLines } from './line-verdicts.ts';
import type { ValidateRequest, ValidateWorkerData } from './validate-worker.ts';

/** The default worker count: one per core. */
export function defaultValidateWorkers(): number {
  return availableParallelism();
}

interface Pending {
  lines: RawLine[];
  verdicts: Promise<BatchVerdicts>;
}

export interface ValidateOptions {
  /** Validation threads; 0 validates on the calling thread, faster for small extracts. */
  workers: number;
  /** Where documents are read from and kept; null when the lines come from no folder. */
  documents: DocumentContext | null;
  /** The line size limit the reader enforced (for the message of a line over it). */
  maxLineBytes: number;
}

/** The lines of a batch that were over the size limit: index in the batch → whole size. */
function oversizeOf(lines: readonly RawLine[]): Map<number, number> {
  const oversize = new Map<number, number>();
  lines.forEach((line, index) => {
    if (line.oversize !== undefined) oversize.set(index, line.oversize);
  });
  return oversize;
}

/** Yields each batch with its verdicts, in the order the batches came in. */
export async function* validateBatches(
  batches: AsyncIterable<RawLine[]>,
  options: ValidateOptions,
): AsyncGenerator<{ lines: RawLine[]; verdicts: BatchVerdicts }> {
  const { workers, documents, maxLineBytes } = options;
  if (workers <= 0) {
    for await (const lines of batches) {
      const limits = { maxLineBytes, oversize: oversizeOf(lines) };
      yield {
        lines,
        verdicts: judgeLines(
          lines.map((l) => l.bytes),
          documents,
          limits,
        ),
      };
    }
    return;
  }
  const workerData: ValidateWorkerData = { documents, maxLineBytes };
  const pool = Array.from(
    { length: workers },
    () => new Worker(new URL('./validate-worker.ts', import.meta.url), { workerData }),
  );
  const waiting = new Map<number, { resolve: (v: BatchVerdicts) => void; reject: (e: unknown) => void }>();
  for (const worker of pool) {
    worker.on('message', (reply: BatchVerdicts & { id: number }) => {
      waiting.get(reply.id)?.resolve(reply);
      waiting.delete(reply.id);
    });
    worker.on('error', (error) => {
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
  }
  let next = 0;
  const send = (lines: RawLine[]): Promise<BatchVerdicts> => {
    const id = next++;
    const ends = new Uint32Array(lines.length);
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      offset += (lines[i] as RawLine).bytes.length;
      ends[i] = offset;
    }
    const data = new Uint8Array(offset);
    offset = 0;
    for (const line of lines) {
      data.set(line.bytes, offset);
      offset += line.bytes.length;
    }
    const verdicts = new Promise<BatchVerdicts>((resolve, reject) => waiting.set(id, { resolve, reject }));
    // A worker's failure is raised where the batch is awaited; until then it is not unhandled.
    verdicts.catch(() => {});
    const request: ValidateRequest = { id, data, ends, oversize: [...oversizeOf(lines)] };
    (pool[id % workers] as Worker).postMessage(request, [data.buffer]);
    return verdicts;
  };

  const queue: Pending[] = [];
  try {
    for await (const lines of batches) {
      queue.push({ lines, verdicts: send(lines) });
      if (queue.length >= workers * 2) {
        const head = queue.shift() as Pending;
        yield { lines: head.lines, verdicts: await head.verdicts };
      }
    }
    for (const head of queue) yield { lines: head.lines, verdicts: await head.verdicts };
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
