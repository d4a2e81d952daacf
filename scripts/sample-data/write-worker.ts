/**
 * The worker thread that does a sample run's file writing: NDJSON chunks (through gzip when asked)
 * and document files. Writing in a thread of its own keeps file system time off the generator's thread.
 *
 * Messages in: `{ type: 'chunk', text }`, `{ type: 'files', files: [path, content][] }`, `{ type: 'end' }`.
 * Messages out: `{ type: 'ack' }` per message done, `{ type: 'done' }`, or `{ type: 'error', message }`.
 * Imports only Node built-ins: it is loaded on its own, outside any bundler or test runner.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createGzip } from 'node:zlib';

/** What the worker is started with. */
export interface WriteWorkerData {
  /** Path of the NDJSON file being written. */
  path: string;
  gzip: boolean;
}

/** A message to the worker. */
export type WriteWorkerMessage =
  | { type: 'chunk'; text: string }
  | { type: 'files'; files: [path: string, content: string][] }
  | { type: 'end' };

const port = parentPort;
if (port) {
  const { path, gzip } = workerData as WriteWorkerData;
  const file = createWriteStream(path);
  const zipper = gzip ? createGzip() : undefined;
  const sink: Writable = zipper ?? file;
  const finished = zipper ? pipeline(zipper, file) : once(file, 'finish');
  finished.catch(() => {});
  const folders = new Set<string>();

  const handle = async (message: WriteWorkerMessage): Promise<void> => {
    if (message.type === 'chunk') {
      if (!sink.write(message.text)) await once(sink, 'drain');
    } else if (message.type === 'files') {
      for (const [filePath, content] of message.files) {
        const folder = dirname(filePath);
        if (!folders.has(folder)) {
          mkdirSync(folder, { recursive: true });
          folders.add(folder);
        }
        writeFileSync(filePath, content);
      }
    } else {
      sink.end();
      await finished;
      port.postMessage({ type: 'done' });
      return;
    }
    port.postMessage({ type: 'ack' });
  };

  // Messages are handled one after another, in the order they were sent.
  let queue = Promise.resolve();
  port.on('message', (message: WriteWorkerMessage) => {
    queue = queue
      .then(() => handle(message))
      .catch((error: unknown) => {
        port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      });
  });
}
