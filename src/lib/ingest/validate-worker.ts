/**
 * Worker thread that validates batches of lines, so that validation, the costliest step of
 * ingest, runs on every core. Receives the lines packed in one transferred buffer.
 */
import { parentPort } from 'node:worker_threads';
import { judgeLines } from './line-verdicts.ts';

export interface ValidateRequest {
  id: number;
  data: Uint8Array;
  /** End offset of each line in `data`. */
  ends: Uint32Array;
}

parentPort?.on('message', (request: ValidateRequest) => {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (const end of request.ends) {
    lines.push(request.data.subarray(start, end));
    start = end;
  }
  const verdicts = judgeLines(lines);
  parentPort?.postMessage({ id: request.id, ...verdicts }, [
    verdicts.kinds.buffer as ArrayBuffer,
    verdicts.hashes.buffer as ArrayBuffer,
  ]);
});
