/**
 * The files of a built site folder, each with its sha256 and size, for the deploy to compare
 * with what the target holds. Files are hashed as streams, a few at a time.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CliError } from '../cli-error.ts';
import { forEachConcurrently } from '../for-each-concurrently.ts';
import { DEPLOY_STATE_DIR } from './deploy-manifest.ts';

/** A file of the site folder. */
export interface LocalFile {
  /** Relative to the site folder, forward slashes: `nn/issues/2024-09/index.html`. */
  path: string;
  /** The file on disk. */
  file: string;
  /** sha256 of its bytes, hex. */
  sha256: string;
  bytes: number;
}

/** Files hashed at once: enough to keep a disk busy, few enough for the file descriptor limit. */
const HASH_CONCURRENCY = 8;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Lists and hashes every file under `dir` (symbolic links to files are followed), sorted by path.
 * @throws CliError when `dir` is not a folder, or holds the deploy's reserved `.tidende/` folder.
 */
export async function readLocalFiles(dir: string): Promise<LocalFile[]> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory())
    throw new CliError(`No site folder at ${dir}. Build one first: tidende build --out ${dir}`);
  const files: LocalFile[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const file = join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink() && !(await stat(file).catch(() => null))?.isFile()) continue;
    const path = file
      .slice(root.length + 1)
      .split(sep)
      .join('/');
    if (path.startsWith(DEPLOY_STATE_DIR)) {
      throw new CliError(
        `${dir} holds a ${DEPLOY_STATE_DIR} folder, which deploys keep for their own state at the target. ` +
          'Is it really a built site? Deploy the folder tidende build --out wrote.',
      );
    }
    files.push({ path, file, sha256: '', bytes: 0 });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await forEachConcurrently(files, HASH_CONCURRENCY, async (local) => {
    local.bytes = (await stat(local.file)).size;
    local.sha256 = await sha256Of(local.file);
  });
  return files;
}
