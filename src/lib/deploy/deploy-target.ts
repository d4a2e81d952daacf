/**
 * Where a deploy writes: the few operations the deploy needs from a static host, so that the
 * plan and its execution are the same for a local folder and a blob container (file-target.ts,
 * azure-target.ts). Paths are relative to the site root, with forward slashes, no leading slash.
 */
import type { ContentHeaders } from './content-headers.ts';

/** A file found at the target by listing it. */
export interface TargetFile {
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** The headers stored with it, when the target stores headers (blob hosts do, folders do not). */
  headers?: ContentHeaders;
}

/** What to upload: a local file, or bytes in memory (the deploy's own state files). */
export type UploadSource = { file: string } | { data: Buffer };

export interface DeployTarget {
  /** The target as the user named it, for messages: `file:///srv/www`, `azure://acct/$web`. */
  readonly url: string;
  /** Every file at the target, its deploy state under `.tidende/` included, in no set order. */
  list(): AsyncIterable<TargetFile>;
  /** The bytes of the file at `path`, or null when there is none. */
  read(path: string): Promise<Buffer | null>;
  /**
   * Writes the file at `path` with `headers`, replacing any there. Readers see the old file or the
   * new one, never a part of it.
   */
  upload(path: string, source: UploadSource, headers: ContentHeaders): Promise<void>;
  /**
   * Writes `data` at `path` only if no file is there, in one step no other writer can come
   * between; resolves to false when a file was there. Publish takes its lock with it.
   */
  create(path: string, data: Buffer, headers: ContentHeaders): Promise<boolean>;
  /** Removes the file at `path`; nothing happens when there is none. */
  delete(path: string): Promise<void>;
}
