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
  /**
   * A token the target changes whenever the file is written (see {@link FileVersion}); the deploy
   * trusts its record of a file's content only while the token is the one it saw after its upload.
   */
  version: FileVersion;
}

/**
 * What tells one write of a file from any other: a blob's ETag, or a file's inode, modification
 * time (in nanoseconds) and size. A file changed at the target by anyone, even to the same size,
 * gets another version.
 */
export type FileVersion = string;

/** A file read with the version it had when read. */
export interface VersionedFile {
  data: Buffer;
  version: FileVersion;
}

/** What to upload: a local file, or bytes in memory (the deploy's own state files). */
export type UploadSource = { file: string } | { data: Buffer };

/**
 * How a target stores the files worth compressing in transit (content-headers.ts):
 * - `gzip`: gzip-compressed, with Content-Encoding gzip: for a host that serves each file with
 *   the headers stored with it, without negotiating (Azure Blob static websites);
 * - `none`: as they are: for a folder, whose web server compresses per request as clients accept.
 */
export type TargetCompression = 'gzip' | 'none';

/** A compression a target applies to a file as it stores it: sent as its Content-Encoding. */
export type StoredEncoding = Exclude<TargetCompression, 'none'>;

export interface DeployTarget {
  /** The target as the user named it, for messages: `file:///srv/www`, `azure://acct/$web`. */
  readonly url: string;
  /** How it stores files worth compressing; the deploy plans by it (deploy-plan.ts). */
  readonly compression: TargetCompression;
  /** Every file at the target, its deploy state under `.tidende/` included, in no set order. */
  list(): AsyncIterable<TargetFile>;
  /**
   * The bytes of the file at `path` as stored, and their version, or null when there is none.
   * Only the deploy's state under `.tidende/` is read, which is always stored as it is.
   */
  read(path: string): Promise<VersionedFile | null>;
  /**
   * Writes the file at `path` with `headers`, replacing any there, and resolves to the version
   * written. Readers see the old file or the new one, never a part of it. With `encoding` (only
   * a target whose {@link compression} it is), the bytes are stored compressed so, and the
   * encoding as their Content-Encoding.
   */
  upload(
    path: string,
    source: UploadSource,
    headers: ContentHeaders,
    encoding?: StoredEncoding,
  ): Promise<FileVersion>;
  /**
   * Writes `data` at `path` only if no file is there, in one step no other writer can come
   * between; resolves to the version written, or null when a file was there. Publish takes its
   * lock with it.
   */
  create(path: string, data: Buffer, headers: ContentHeaders): Promise<FileVersion | null>;
  /**
   * Replaces the file at `path` only while it is still at `version`, in one step no other writer
   * using these calls can come between; resolves to the new version, or null when the file was
   * changed or removed meanwhile. Publish renews and takes over its lock with it.
   */
  replace(
    path: string,
    data: Buffer,
    headers: ContentHeaders,
    version: FileVersion,
  ): Promise<FileVersion | null>;
  /**
   * Removes the file at `path`; nothing happens when there is none. With `version`, only while it
   * is still at that version; resolves to whether a file was removed.
   */
  delete(path: string, version?: FileVersion): Promise<boolean>;
}
