/** Builds the gazette site from a site data folder as `tidende build` does, for tests. */
import { spawn } from 'node:child_process';
import { cp, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNumberIndex } from '../../src/lib/site/number-index.ts';
import { indexSite, type SearchIndexSummary } from '../../src/lib/site/search-index.ts';
import { siteDataReader } from '../../src/lib/site/site-data.ts';

/** The project folder, where astro.config.mjs is. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Renders the pages of the site data in `dataDir` into `outDir` with Astro, in a process of its
 * own (Astro's build and vitest each run Vite), with its Vite cache in `cacheDir`; then copies the
 * data folder's `documents/`, as `tidende build` copies documents.
 */
export async function buildSitePages(dataDir: string, outDir: string, cacheDir: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['test/site/run-astro-build.ts', resolve(outDir), resolve(cacheDir)],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TIDENDE_SITE_DATA: resolve(dataDir),
        // Astro's usage telemetry is a third-party request; tests make none.
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0) throw new Error(`astro build of ${dataDir} failed (exit code ${code}):\n${log}`);
  const documents = join(dataDir, 'documents');
  if (await stat(documents).catch(() => null))
    await cp(documents, join(outDir, 'documents'), { recursive: true });
}

/** Renders the pages, then adds the search index and the number shards, as a full build does. */
export async function buildSite(
  dataDir: string,
  outDir: string,
  cacheDir: string,
): Promise<SearchIndexSummary> {
  await buildSitePages(dataDir, outDir, cacheDir);
  const search = await indexSite(outDir);
  await writeNumberIndex(outDir, await siteDataReader(dataDir).rightsIndex());
  return search;
}
