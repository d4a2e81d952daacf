/**
 * Worker thread that validates batches of lines, so that validation, the costliest step of
 * ingest, runs on every core. Receives the lines packed in one transferred buffer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentContext } from '../documents/take-documents.ts';
import { judgeLines } from './line-verdicts.ts';

/** What every batch of one extract shares, given when the worker starts. */
export interface ValidateWorkerData {
  documents: DocumentContext | null;
  maxLineBytes: number;
}

export interface ValidateRequest {
  id: number;
  data: Uint8Array;
  /** End offset of each line in `data`. */
  ends: Uint32Array;
  /** Lines over the size limit: [index in the batch, whole size]. */
  oversize: [number, number][];
}

const shared = workerData as ValidateWorkerData;

parentPort?.on('message', (request: ValidateRequest) => {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (const end of request.ends) {
    lines.push(request.data.subarray(start, end));
    start = end;
  }
  const verdicts = judgeLines(lines, shared.documents, {
    maxLineBytes: shared.maxLineBytes,
    oversize: new Map(request.oversize),
  });
  parentPort?.postMessage({ id: request.id, ...verdicts }, [
    verdicts.kinds.buffer as ArrayBuffer,
    verdicts.hashes.buffer as ArrayBuffer,
  ]);
});
