/**
 * Runs Astro's build of the gazette site into an output folder, so that a rebuild costs only the
 * pages whose data changed. Astro's incremental build skips a page whose cache key and code did
 * not change; by default it still empties the output folder first and copies every skipped page
 * back from its cache. Here the output folder is kept between builds instead, so a skipped page is
 * simply left where it is (and so are the documents and the search index beside the pages), and
 * what an earlier build made but this one does not (the page of a right that is gone) is removed:
 * each build records the files Astro made in the cache folder, `outputs.json`.
 *
 * The cache folder is one per output folder, so that what it says is always what that folder
 * holds. The first build into a folder, and the build after one that failed (which may have
 * replaced some pages and not others), empties the folder and renders every page.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a build did. */
export interface AstroRenderSummary {
  /** Files Astro made: pages, feeds, sitemaps. */
  outputs: number;
  /** Of those, written by this build (rendered, or restored from the cache). */
  written: number;
  /** Files of the previous build removed, as this one no longer makes them. */
  removed: number;
  /** Whether every page was rendered: a first build, or one after a failed build. */
  full: boolean;
}

export interface AstroRenderOptions {
  /** The project folder, where astro.config.mjs is. */
  root: string;
  outDir: string;
  /** Folder under which each output folder gets its cache folder. */
  cacheRoot: string;
}

/** Marks a build under way in its cache folder; still there after a build that failed. */
const RUNNING_FILE = 'build-running';
/** The files (paths inside the output folder) the last build made. */
const OUTPUTS_FILE = 'outputs.json';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The cache folder of an output folder: `<cacheRoot>/<hash of its absolute path>`. */
export function astroCacheDir(cacheRoot: string, outDir: string): string {
  return join(cacheRoot, createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 12));
}

/**
 * Builds the site with Astro into `outDir` (see the module comment). Pages read their data from
 * the folder in TIDENDE_SITE_DATA.
 */
export async function renderWithAstro(options: AstroRenderOptions): Promise<AstroRenderSummary> {
  const outDir = resolve(options.outDir);
  const cacheDir = astroCacheDir(options.cacheRoot, outDir);
  const running = join(cacheDir, RUNNING_FILE);
  const outputsFile = join(cacheDir, OUTPUTS_FILE);
  const previous = (await exists(running))
    ? null
    : await readFile(outputsFile, 'utf8').then(
        (text) => JSON.parse(text) as string[],
        () => null,
      );
  const full = previous === null;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(running, new Date().toISOString());

  const made = new Set<string>();
  const started = Date.now();
  const { build } = await import('astro');
  await build({
    root: options.root,
    outDir,
    cacheDir,
    logLevel: 'warn',
    // Forget the cache (render everything) when the folder may not match it.
    force: full,
    vite: { build: { emptyOutDir: full } },
    integrations: [
      {
        name: 'tidende:outputs',
        hooks: {
          'astro:build:done': ({ assets }) => {
            for (const urls of assets.values()) {
              for (const url of urls) made.add(relative(outDir, fileURLToPath(url)).split(sep).join('/'));
            }
          },
        },
      },
    ],
  });

  const stale = (previous ?? []).filter((file) => !made.has(file));
  for (const file of stale) await rm(join(outDir, file), { force: true });
  let written = 0;
  for (const file of made) {
    const info = await stat(join(outDir, file)).catch(() => null);
    if (info && info.mtimeMs >= started - 1000) written++;
  }
  await writeFile(outputsFile, JSON.stringify([...made].sort()));
  await rm(running, { force: true });
  return { outputs: made.size, written, removed: stale.length, full };
}
