/**
 * Site stage: renders the gazette website with Astro from the exported site data, copies the
 * documents the pages show, puts the open datasets under `/data/`, removes every file no stage
 * made, and indexes the result for search (Pagefind, one index per language, and the number lookup
 * that takes a typed application or registration number to its page).
 * A rebuild into the same folder renders only the pages whose data changed and leaves the others
 * in place (src/lib/site/astro-render.ts); Astro's cache for it is kept beside the site data.
 * Because the folder is kept (and may come from a cache anyone could have written to), it must
 * hold exactly what this build made: the deploy uploads whatever it holds, and the search index
 * reads every page in it. So before the search index is written, each file is checked against the
 * stages that own it (src/lib/site/stray-files.ts): Astro's files, the documents, and the folders
 * of the open data (`data/`), the search bundles and the number index, each of which its stage
 * keeps exact itself; any other file is removed, and reported.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../../src/lib/cli-error.ts';
import { forEachConcurrently } from '../../src/lib/for-each-concurrently.ts';
import { renderWithAstro } from '../../src/lib/site/astro-render.ts';
import { writeNumberIndex } from '../../src/lib/site/number-index.ts';
import { NUMBER_INDEX_DIR } from '../../src/lib/site/number-key.ts';
import { archivePages } from '../../src/lib/site/search-archive.ts';
import { isBundleDir } from '../../src/lib/site/search-bundles.ts';
import { indexSite } from '../../src/lib/site/search-index.ts';
import { siteDataReader } from '../../src/lib/site/site-data.ts';
import { type StageTiming, timeStage } from '../../src/lib/site/stage-timings.ts';
import { describeRemoved, removeStrayFiles } from '../../src/lib/site/stray-files.ts';
import { DATA_IN_SITE_DIR, syncDataIntoSite } from './data-into-site.ts';
import type { DocumentSource } from './site-data.ts';

/** The project root, where astro.config.mjs is. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RenderSiteOptions {
  /** Folder the site is written to. */
  outDir: string;
  /** Folder of the site data (from exportSiteData). */
  siteDataDir: string;
  /** Folder of the open datasets (from exportDatasets), put under the site's `/data/`. */
  dataDir: string;
  /** Absolute URL the site is served at, for feeds and the sitemap. */
  siteUrl: string;
  /** Where each stage's time is appended (see stage-timings.ts). */
  timings?: StageTiming[];
}

async function countPages(dir: string): Promise<number> {
  let pages = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) pages++;
  }
  return pages;
}

/** Documents checked or copied at once. */
const CONCURRENT_DOCUMENTS = 16;

/** SHA-256 of a file's bytes, hex, read as a stream. */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Copies each document to its href under the site, unless the file there already holds its bytes
 * (a file of the same size whose SHA-256 is the document's: the document store names each file by
 * its SHA-256, document-store.ts). Returns how many were copied and the hrefs, as paths inside the
 * site.
 */
async function copyDocuments(
  siteDataDir: string,
  outDir: string,
): Promise<{ copied: number; hrefs: string[] }> {
  const documents = JSON.parse(
    await readFile(join(siteDataDir, 'documents.json'), 'utf8'),
  ) as DocumentSource[];
  const site = resolve(outDir);
  const hrefs: string[] = [];
  let copied = 0;
  await forEachConcurrently(documents, CONCURRENT_DOCUMENTS, async ({ href, source }) => {
    const target = resolve(site, href);
    if (!target.startsWith(site + sep)) return; // an href may not point outside the site
    hrefs.push(relative(site, target).split(sep).join('/'));
    const [from, to] = await Promise.all([stat(source).catch(() => null), lstat(target).catch(() => null)]);
    if (!from)
      throw new CliError(`Document ${href} is missing: expected it at ${source}, beside its extract.`);
    if (to?.isFile() && to.size === from.size && (await fileSha256(target)) === basename(source)) return;
    // Whatever is there goes first: a link would have the copy written where it leads.
    if (to) await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
    copied++;
  });
  return { copied, hrefs };
}

/**
 * Whether a path inside the site (a file, or a folder with a trailing slash) belongs to a stage
 * that keeps it exact itself: the open data, the search bundles, the number index.
 */
function ownedByItsStage(path: string): boolean {
  return (
    path === DATA_IN_SITE_DIR ||
    path === NUMBER_INDEX_DIR ||
    (/^[^/]+\/$/.test(path) && isBundleDir(path.slice(0, -1)))
  );
}

/** What {@link renderSite} did. */
export interface RenderSiteSummary {
  /** HTML pages in the site. */
  pages: number;
  /** Documents copied (the others were there already). */
  documents: number;
  /** Pages indexed for search. */
  indexed: number;
  /** Files of the open data under `/data/`. */
  dataFiles: number;
}

/**
 * Renders the site into `outDir`, copies the documents and the open data into it, removes what no
 * stage made, and indexes it for search (see the module comment).
 */
export async function renderSite(options: RenderSiteOptions): Promise<RenderSiteSummary> {
  // The pages read their data and the site URL from the environment (see astro.config.mjs).
  process.env.TIDENDE_SITE_DATA = resolve(options.siteDataDir);
  process.env.TIDENDE_SITE_URL = options.siteUrl;
  const timings = options.timings ?? [];
  const rendered = await timeStage(
    timings,
    'astro render',
    async () => {
      try {
        return await renderWithAstro({
          root: PROJECT_ROOT,
          outDir: options.outDir,
          cacheRoot: join(dirname(resolve(options.siteDataDir)), 'astro-cache'),
        });
      } catch (error) {
        throw new CliError(`The site could not be rendered: ${(error as Error).message}`, { cause: error });
      }
    },
    (r) =>
      `${r.outputs} files, ${r.written} written${r.full ? ' (full build)' : ''}, ${r.outputs - r.written} kept, ${r.removed} removed`,
  );
  const documents = await timeStage(
    timings,
    'documents',
    () => copyDocuments(options.siteDataDir, options.outDir),
    (d) => `${d.copied} copied`,
  );
  // After rendering: a full Astro build empties the output folder first.
  const data = await timeStage(
    timings,
    'open data into site',
    () => syncDataIntoSite(options.dataDir, options.outDir),
    (d) => `${d.files} files${d.removed.length > 0 ? `, ${describeRemoved(d.removed)}` : ''}`,
  );
  // Before the search index, which would index any page it finds.
  const owned = new Set([...rendered.files, ...documents.hrefs]);
  await timeStage(
    timings,
    'stray files',
    () => removeStrayFiles(options.outDir, (path) => owned.has(path) || ownedByItsStage(path)),
    describeRemoved,
  );
  const site = await siteDataReader(options.siteDataDir).site();
  const search = await timeStage(
    timings,
    'search index',
    () => indexSite(options.outDir, { archivePages: archivePages(site) }),
    (s) =>
      `${s.pages} pages read, ${s.indexed} indexed in ${s.bundles.length} bundles ` +
      `(${s.bundles.filter((b) => b.reused).length} kept, their pages unchanged)` +
      (s.strayFiles.length > 0 ? `; stray files in kept bundles: ${describeRemoved(s.strayFiles)}` : ''),
  );
  await timeStage(
    timings,
    'number index',
    async () => writeNumberIndex(options.outDir, await siteDataReader(options.siteDataDir).rightsIndex()),
    (n) => `${n.numbers} numbers`,
  );
  return {
    pages: await countPages(options.outDir),
    documents: documents.copied,
    indexed: search.indexed,
    dataFiles: data.files,
  };
}
