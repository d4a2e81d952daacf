/**
 * Stray files of a build folder. `tidende build --out DIR` builds into a folder kept between
 * builds (CI restores it from a cache), and the deploy uploads whatever that folder holds; the
 * search index reads every page in it. So the folder must hold exactly what the build made: a file
 * no stage of the build owns (planted in the cache, or left by an older build) is removed, and so
 * are the folders it leaves empty.
 *
 * Each stage says what it owns: a file by its path, or a whole folder, whose content that stage
 * keeps exact itself (the search bundles, the number index, the open data). This module knows no
 * stage; scripts/build-data/site.ts puts their answers together.
 */
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether the stages own a path inside the folder, with `/`: a file (`issues/2026-47/index.html`),
 * or a folder and all its content, asked with a trailing slash (`pagefind/`).
 */
export type OwnsPath = (path: string) => boolean;

/**
 * Removes, under `dir`, every file `owns` does not own, and then the folders left empty; a folder
 * `owns` owns is left as it is, with all its content. Anything that is neither a file nor a folder
 * (a symbolic link) is removed even where a file is owned: no stage makes one, and the deploy would
 * upload whatever it leads to. Returns the paths removed (not the folders), sorted; none when there
 * is no folder `dir`.
 *
 * @example
 * const owned = new Set(['index.html']);
 * await removeStrayFiles('dist', (path) => owned.has(path) || path === 'pagefind/');
 * // → ['evil.html', 'old/page/index.html']
 */
export async function removeStrayFiles(dir: string, owns: OwnsPath): Promise<string[]> {
  const removed: string[] = [];
  // No folder: nothing in it is stray.
  const found = await stat(dir).catch(() => null);
  if (found?.isDirectory()) await pruneFolder(dir, '', owns, removed);
  return removed.sort();
}

/** Prunes the folder `prefix` (`''`, or `issues/` …) of `root`; returns whether it is now empty. */
async function pruneFolder(
  root: string,
  prefix: string,
  owns: OwnsPath,
  removed: string[],
): Promise<boolean> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  let left = entries.length;
  for (const entry of entries) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      if (owns(`${path}/`)) continue;
      if (await pruneFolder(root, `${path}/`, owns, removed)) {
        await rmdir(join(root, path));
        left--;
      }
    } else if (!entry.isFile() || !owns(path)) {
      await rm(join(root, path), { force: true });
      removed.push(path);
      left--;
    }
  }
  return left === 0;
}

/** Removed files a report names, at most. */
const NAMED = 3;

/**
 * The few words a build prints for files removed: `2 removed: evil.html, _astro/evil.js`, naming
 * at most three (a control character in a name shown as `?`, so the report stays one line).
 */
export function describeRemoved(paths: readonly string[]): string {
  if (paths.length === 0) return '0 removed';
  const named = paths.slice(0, NAMED).map((path) => path.replace(/\p{Cc}/gu, '?'));
  return `${paths.length} removed: ${named.join(', ')}${paths.length > NAMED ? ', …' : ''}`;
}
