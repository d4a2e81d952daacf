/**
 * Puts the open datasets into the built site under `/data/`, beside the data page Astro wrote
 * there: each file hard-linked from the data folder (copied when the two folders are on different
 * file systems), and files of an earlier release that this one no longer has removed, with
 * anything else found there.
 */
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { removeStrayFiles } from '../../src/lib/site/stray-files.ts';

/** The open data's folder in the site; this stage makes it exact (so the whole folder is its own). */
export const DATA_IN_SITE_DIR = 'data/';

/** What Astro writes in the site's `data/` folder: the data page itself. */
const PAGE_FILES = new Set(['index.html']);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

async function placeFile(source: string, target: string): Promise<void> {
  const [from, to] = await Promise.all([stat(source), stat(target).catch(() => null)]);
  if (to && to.ino === from.ino && to.dev === from.dev) return;
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await rm(partial, { force: true });
  try {
    await link(source, partial);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(source, partial);
  }
  await rename(partial, target);
}

/**
 * Makes `<outDir>/data/` hold exactly the files of `dataDir` (and the data page); returns how many
 * files it holds and those it removed, as paths inside the site (`data/deltas/…`).
 */
export async function syncDataIntoSite(
  dataDir: string,
  outDir: string,
): Promise<{ files: number; removed: string[] }> {
  const target = join(outDir, DATA_IN_SITE_DIR);
  // Dot files are the export's own state, not data.
  const files = (await filesUnder(dataDir)).filter((file) => !basename(file).startsWith('.'));
  for (const file of files) await placeFile(join(dataDir, file), join(target, file));
  // Anything else there goes: files of an earlier release, and whatever else was put there.
  const wanted = new Set(files.map((file) => file.split(sep).join('/')));
  const removed = await removeStrayFiles(target, (path) => wanted.has(path) || PAGE_FILES.has(path));
  return { files: files.length, removed: removed.map((path) => `${DATA_IN_SITE_DIR}${path}`) };
}
