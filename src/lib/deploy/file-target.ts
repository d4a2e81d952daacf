/**
 * A local folder as a deploy target, standing in for a web root (or served by any web server).
 * A folder keeps no headers: a server serving it picks them itself, by file extension.
 *
 * Each file is written to a temporary name beside its place and renamed into it, so a reader
 * (or a crash) never sees half a file. A temporary file left by a killed deploy is an ordinary
 * file that the site does not have, so the next deploy deletes it with the other stale files.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { CliError } from '../cli-error.ts';
import type { DeployTarget, TargetFile, UploadSource } from './deploy-target.ts';

/** How temporary files are named, for messages and tests. */
export const PARTIAL_SUFFIX = '.tidende-partial';

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
      const info = await lstat(full).catch(() => null);
      if (!info || info.isDirectory()) continue;
      yield {
        path: full
          .slice(root.length + 1)
          .split(sep)
          .join('/'),
        bytes: info.size,
      };
    }
  }

  async function read(path: string): Promise<Buffer | null> {
    return readFile(place(path)).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
  }

  async function upload(path: string, source: UploadSource): Promise<void> {
    const destination = place(path);
    await mkdir(dirname(destination), { recursive: true });
    const partial = `${destination}.${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`;
    try {
      if ('file' in source) await copyFile(source.file, partial);
      else await writeFile(partial, source.data);
      await rename(partial, destination);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async function create(path: string, data: Buffer): Promise<boolean> {
    const destination = place(path);
    await mkdir(dirname(destination), { recursive: true });
    return writeFile(destination, data, { flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return false;
        throw error;
      },
    );
  }

  async function remove(path: string): Promise<void> {
    await rm(place(path), { force: true });
    // Empty folders left behind go too, up to the root, so the folder holds just the site.
    for (let dir = dirname(place(path)); dir.length > root.length; dir = dirname(dir)) {
      const removed = await rmdir(dir).then(
        () => true,
        () => false,
      );
      if (!removed) break;
    }
  }

  return { url, list, read, upload, create, delete: remove };
}
