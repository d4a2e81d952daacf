/**
 * Site stage: renders the gazette website with Astro from the exported site data, copies the
 * documents the pages show, and indexes the result for search (Pagefind, one index per language,
 * and the number lookup that takes a typed application or registration number to its page).
 * A rebuild into the same folder renders only the pages whose data changed and leaves the others
 * in place (src/lib/site/astro-render.ts); Astro's cache for it is kept beside the site data.
 */
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../../src/lib/cli-error.ts';
import { renderWithAstro } from '../../src/lib/site/astro-render.ts';
import { writeNumberIndex } from '../../src/lib/site/number-index.ts';
import { archivePages } from '../../src/lib/site/search-archive.ts';
import { indexSite } from '../../src/lib/site/search-index.ts';
import { siteDataReader } from '../../src/lib/site/site-data.ts';
import { type StageTiming, timeStage } from '../../src/lib/site/stage-timings.ts';
import type { DocumentSource } from './site-data.ts';

/** The project root, where astro.config.mjs is. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RenderSiteOptions {
  /** Folder the site is written to. */
  outDir: string;
  /** Folder of the site data (from exportSiteData). */
  siteDataDir: string;
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

/** Copies each document to its href under the site, unless an identical-size copy is there. */
async function copyDocuments(siteDataDir: string, outDir: string): Promise<number> {
  const documents = JSON.parse(
    await readFile(join(siteDataDir, 'documents.json'), 'utf8'),
  ) as DocumentSource[];
  let copied = 0;
  for (const { href, source } of documents) {
    const target = resolve(outDir, href);
    if (!target.startsWith(resolve(outDir))) continue; // an href may not point outside the site
    const [from, to] = await Promise.all([stat(source).catch(() => null), stat(target).catch(() => null)]);
    if (!from)
      throw new CliError(`Document ${href} is missing: expected it at ${source}, beside its extract.`);
    if (to && to.size === from.size) continue;
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
    copied++;
  }
  return copied;
}

/** Renders the site into `outDir`; returns the number of HTML pages and documents copied. */
export async function renderSite(
  options: RenderSiteOptions,
): Promise<{ pages: number; documents: number; indexed: number }> {
  // The pages read their data and the site URL from the environment (see astro.config.mjs).
  process.env.TIDENDE_SITE_DATA = resolve(options.siteDataDir);
  process.env.TIDENDE_SITE_URL = options.siteUrl;
  const timings = options.timings ?? [];
  await timeStage(
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
    (n) => `${n} copied`,
  );
  const site = await siteDataReader(options.siteDataDir).site();
  const search = await timeStage(
    timings,
    'search index',
    () => indexSite(options.outDir, { archivePages: archivePages(site) }),
    (s) =>
      `${s.pages} pages read, ${s.indexed} indexed in ${s.bundles.length} bundles ` +
      `(${s.bundles.filter((b) => b.reused).length} kept, their pages unchanged)`,
  );
  await timeStage(
    timings,
    'number index',
    async () => writeNumberIndex(options.outDir, await siteDataReader(options.siteDataDir).rightsIndex()),
    (n) => `${n.numbers} numbers`,
  );
  return { pages: await countPages(options.outDir), documents, indexed: search.indexed };
}
