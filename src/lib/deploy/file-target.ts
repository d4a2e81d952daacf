/**
 * A local folder as a deploy target, standing in for a web root (or served by any web server).
 * A folder keeps no headers: a server serving it picks them itself, by file extension. Files are
 * stored as they are, byte for byte (`compression: 'none'`): the server compresses text per
 * request, as each client accepts.
 *
 * Each file is written to a temporary name beside its place and renamed into it, so a reader
 * (or a crash) never sees half a file. A temporary file left by a killed deploy is an ordinary
 * file that the site does not have, so the next deploy deletes it with the other stale files.
 *
 * A file's version is its inode, modification time in nanoseconds and size: every write here
 * makes a new inode, and a write by anything else changes the modification time. The conditional
 * calls (`replace`, `delete` with a version) hold a small mutex file beside the file while they
 * compare and swap, so two tidende processes cannot both replace the same version.
 */
import { randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import {
  copyFile,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../cli-error.ts';
import type { ContentHeaders } from './content-headers.ts';
import type {
  DeployTarget,
  FileVersion,
  StoredEncoding,
  TargetFile,
  UploadSource,
  VersionedFile,
} from './deploy-target.ts';

/** How temporary files are named, for messages and tests. */
export const PARTIAL_SUFFIX = '.tidende-partial';
/** Held beside a file while a conditional call compares and swaps it. */
export const MUTEX_SUFFIX = '.tidende-mutex';
/** A mutex older than this was left by a process that died while it held it. */
const MUTEX_STALE_MS = 30_000;
/** How long a conditional call waits for another one's mutex. */
const MUTEX_WAIT_MS = 10_000;

function versionOf(info: BigIntStats): FileVersion {
  return `${info.ino}-${info.mtimeNs}-${info.size}`;
}

/** A temporary name beside `destination`. */
function partialName(destination: string): string {
  return `${destination}.${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`;
}

/** Writes `source` to a temporary file beside `destination`; resolves to it and its version. */
async function writePartial(destination: string, source: UploadSource): Promise<[string, FileVersion]> {
  await mkdir(dirname(destination), { recursive: true });
  const partial = partialName(destination);
  try {
    if ('file' in source) await copyFile(source.file, partial);
    else await writeFile(partial, source.data);
    // A rename or a link keeps the inode and the modification time: the version stays.
    return [partial, versionOf(await lstat(partial, { bigint: true }))];
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The version of the file at `file`, or null when there is none. */
async function currentVersion(file: string): Promise<FileVersion | null> {
  return lstat(file, { bigint: true }).then(versionOf, (error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
}

/** Runs `action` holding the mutex of `file` (see the module comment). */
async function withMutex<T>(file: string, action: () => Promise<T>): Promise<T> {
  const mutex = `${file}${MUTEX_SUFFIX}`;
  const deadline = Date.now() + MUTEX_WAIT_MS;
  for (;;) {
    const taken = await writeFile(mutex, `${process.pid}\n`, { flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return false;
        throw error;
      },
    );
    if (taken) break;
    const since = await stat(mutex).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (since > MUTEX_STALE_MS) await rm(mutex, { force: true });
    else if (Date.now() > deadline)
      throw new CliError(`${mutex} has been held for ${Math.round(since / 1000)} s; try again.`);
    else await sleep(10 + Math.random() * 40);
  }
  try {
    return await action();
  } finally {
    await rm(mutex, { force: true });
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The folder `root` as a deploy target; `url` is how the user named it. The folder is made at
 * the first upload if it does not exist.
 */
export function fileTarget(folder: string, url: string): DeployTarget {
  const root = resolve(folder);
  const place = (path: string) => join(root, ...path.split('/'));

  async function* list(): AsyncGenerator<TargetFile> {
    const top = await lstat(root).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!top) return;
    if (!top.isDirectory()) throw new CliError(`The target ${url} is not a folder: ${root} is a file.`);
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      const full = join(entry.parentPath, entry.name);
      const info = await lstat(full, { bigint: true }).catch(() => null);
      if (!info || info.isDirectory()) continue;
      yield {
        path: full
          .slice(root.length + 1)
          .split(sep)
          .join('/'),
        bytes: Number(info.size),
        version: versionOf(info),
      };
    }
  }

  async function read(path: string): Promise<VersionedFile | null> {
    const handle = await open(place(path), 'r').catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!handle) return null;
    try {
      // Read through one handle: the bytes and the version are of the same file.
      const version = versionOf(await handle.stat({ bigint: true }));
      return { data: await handle.readFile(), version };
    } finally {
      await handle.close();
    }
  }

  async function upload(
    path: string,
    source: UploadSource,
    _headers?: ContentHeaders,
    encoding?: StoredEncoding,
  ): Promise<FileVersion> {
    if (encoding !== undefined) throw new Error(`${url} stores files as they are, not ${encoding}`);
    const destination = place(path);
    const [partial, version] = await writePartial(destination, source);
    try {
      await rename(partial, destination);
      return version;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async function create(path: string, data: Buffer): Promise<FileVersion | null> {
    const destination = place(path);
    // Written whole beside it, then linked into place: a link fails if a file is there, and a
    // reader never sees the file before its content.
    const [partial, version] = await writePartial(destination, { data });
    try {
      return await link(partial, destination).then(
        () => version,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return null;
          throw error;
        },
      );
    } finally {
      await rm(partial, { force: true });
    }
  }

  async function replace(path: string, data: Buffer, _headers: unknown, version: FileVersion) {
    const destination = place(path);
    return withMutex(destination, async () => {
      if ((await currentVersion(destination)) !== version) return null;
      return upload(path, { data });
    });
  }

  async function removeEmptyFolders(path: string): Promise<void> {
    // Empty folders left behind go too, up to the root, so the folder holds just the site.
    for (let dir = dirname(place(path)); dir.length > root.length; dir = dirname(dir)) {
      const removed = await rmdir(dir).then(
        () => true,
        () => false,
      );
      if (!removed) break;
    }
  }

  async function remove(path: string, version?: FileVersion): Promise<boolean> {
    const file = place(path);
    const removeIf = async (wanted: (found: FileVersion) => boolean) => {
      const found = await currentVersion(file);
      if (found === null || !wanted(found)) return false;
      await rm(file, { force: true });
      return true;
    };
    const removed =
      version === undefined
        ? await removeIf(() => true)
        : await withMutex(file, () => removeIf((found) => found === version));
    await removeEmptyFolders(path);
    return removed;
  }

  return { url, compression: 'none', list, read, upload, create, replace, delete: remove };
}
