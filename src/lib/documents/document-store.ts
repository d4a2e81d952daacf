/**
 * The document store: every document ingest accepted, kept by the SHA-256 of its bytes in a
 * folder beside the event store (`document-store/sha256/ab/abcd…`). Builds read documents from
 * here and never from an extract's folder, so an extract can be moved or deleted once ingested,
 * and the store can be backed up and synced by hash: a file's name is its content.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** The document store of an event store: a folder beside its database file. */
export function documentStorePath(storePath: string): string {
  return join(dirname(storePath), 'document-store');
}

/** Where the document with this SHA-256 (64 lower-case hex digits) is kept. */
export function documentFile(storeDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`"${sha256}" is not a SHA-256 in hex.`);
  return join(storeDir, 'sha256', sha256.slice(0, 2), sha256);
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Keeps `bytes` in the store and returns their SHA-256. A document already there is left as it
 * is; a new one is written to a temporary name, flushed and renamed, so that a crash never leaves
 * a file under a hash its bytes do not have. Synchronous: it runs in ingest's worker threads,
 * one document at a time.
 */
export function putDocumentSync(storeDir: string, bytes: Uint8Array): string {
  const sha256 = sha256Hex(bytes);
  const file = documentFile(storeDir, sha256);
  if (existsSync(file)) return sha256;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return sha256;
}
