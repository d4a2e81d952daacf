/**
 * Runs Astro's build of the gazette site into an output folder, so that a rebuild costs only the
 * pages whose data changed. Astro's incremental build skips a page whose cache key and code did
 * not change; by default it still empties the output folder first and copies every skipped page
 * back from its cache. Here the output folder is kept between builds instead, so a skipped page is
 * simply left where it is (and so are the documents and the search index beside the pages), and
 * what an earlier build made but this one does not (the page of a right that is gone, the CSS of an
 * earlier build under a hash name) is removed: each build records the files Astro owns in the
 * output folder in the cache folder, `outputs.json`.
 *
 * The files Astro owns are those it made (pages, feeds, sitemaps, robots.txt, the favicon: the
 * `astro:build:done` hook's assets), the files its Vite builds wrote under the assets folder
 * (`_astro/`: CSS, fonts, the search page's script; the prerender build writes them elsewhere and
 * Astro moves them in) and the files copied from `public/`. The build stage removes every other
 * file no stage owns (stray-files.ts), so a file missing from this list is a file the site loses.
 *
 * Astro writes its prerender bundle into the output folder when that folder is inside the working
 * directory, else into `<working directory>/.astro/`, and then imports it: from a folder without
 * the project's `node_modules` above it (`tidende build` run from an office's data folder), its
 * packages cannot be found, and two builds at once share one `.astro/`. So Astro builds with a
 * working directory of its own, per output folder, inside the project's `node_modules/.cache/`.
 *
 * The cache folder is one per output folder, so that what it says is always what that folder
 * holds. The first build into a folder, and the build after one that failed (which may have
 * replaced some pages and not others), empties the folder and renders every page.
 */
import { createHash } from 'node:crypto';
import { access, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a build did. */
export interface AstroRenderSummary {
  /** Files Astro owns in the output folder: pages, feeds, sitemaps, assets, public files. */
  outputs: number;
  /** Those files, as paths inside the output folder with `/`, sorted (as in `outputs.json`). */
  files: string[];
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
/** The files (paths inside the output folder) the last build left Astro owning there. */
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
        (text) => {
          const list: unknown = JSON.parse(text);
          return Array.isArray(list) && list.every((file) => typeof file === 'string') ? list : null;
        },
        () => null,
      );
  const full = previous === null;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(running, new Date().toISOString());

  // What Astro owns in outDir (see the module comment), gathered while it builds.
  const owned = new Set<string>();
  let assetsPrefix = '';
  let publicDir = '';
  const started = Date.now();
  const { build } = await import('astro');
  // See the module comment: Astro's prerender bundle lands under this folder, inside the project.
  const workDir = join(options.root, 'node_modules', '.cache', 'tidende-astro', basename(cacheDir));
  await mkdir(workDir, { recursive: true });
  const cwd = process.cwd();
  process.chdir(workDir);
  try {
    await buildSite();
  } finally {
    process.chdir(cwd);
  }
  async function buildSite() {
    await build({
      root: options.root,
      outDir,
      cacheDir,
      logLevel: 'warn',
      // Forget the cache (render everything) when the folder may not match it.
      force: full,
      vite: {
        build: { emptyOutDir: full },
        plugins: [
          {
            name: 'tidende:assets',
            // Called by each of Astro's Vite builds: the client build writes into outDir, the
            // prerender build into a folder of its own, whence Astro moves the assets into outDir.
            writeBundle(output, bundle) {
              const intoOutDir = output.dir !== undefined && resolve(output.dir) === outDir;
              for (const file of Object.keys(bundle)) {
                if (intoOutDir || file.startsWith(assetsPrefix)) owned.add(file);
              }
            },
          },
        ],
      },
      integrations: [
        {
          name: 'tidende:outputs',
          hooks: {
            'astro:config:done': ({ config }) => {
              assetsPrefix = `${config.build.assets}/`;
              publicDir = fileURLToPath(config.publicDir);
            },
            'astro:build:done': ({ assets }) => {
              for (const urls of assets.values()) {
                for (const url of urls) owned.add(toSitePath(outDir, fileURLToPath(url)));
              }
            },
          },
        },
      ],
    });
  }
  for (const file of await filesUnder(publicDir)) owned.add(toSitePath(publicDir, file));

  // Only what is there: an asset of the prerender build Astro did not move in is not the site's.
  const files: string[] = [];
  let written = 0;
  for (const file of [...owned].sort()) {
    // Not through a link: the removal of stray files removes links (stray-files.ts).
    const info = await lstat(join(outDir, file)).catch(() => null);
    if (!info?.isFile()) continue;
    files.push(file);
    if (info.mtimeMs >= started - 1000) written++;
  }
  const kept = new Set(files);
  // An entry that would lead outside outDir is not removed: outputs.json is only a cache.
  const stale = (previous ?? []).filter((file) => !kept.has(file) && isInside(outDir, join(outDir, file)));
  for (const file of stale) await rm(join(outDir, file), { force: true });
  await writeFile(outputsFile, JSON.stringify(files));
  await rm(running, { force: true });
  return { outputs: files.length, files, written, removed: stale.length, full };
}

/** A path under `dir` as a path inside it with `/`: `issues/2026-47/index.html`. */
function toSitePath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join('/');
}

/** Whether `path` is under `dir` (and not `dir` itself). */
function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside !== '' && !isAbsolute(inside) && inside.split(sep)[0] !== '..';
}

/** Every file under `dir`, as absolute paths; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  if (dir === '') return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
