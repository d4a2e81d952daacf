/**
 * Writes one search bundle, in a worker thread of its own (search-index.ts starts it): Pagefind's
 * Node API runs one Pagefind process per module instance, so a worker per bundle lets bundles be
 * indexed side by side, each in its own process, and a bundle's process ends with its worker.
 *
 * The worker posts `{ ok: true }` once the bundle is in place, else `{ ok: false, message }`, or
 * `{ ok: false, stopped: true }` when Pagefind's process died.
 * When Pagefind's process dies (the system stops it when memory runs out), its Node API either
 * rejects with "Pagefind backend closed" or never settles the calls waiting for it; the worker
 * then runs out of work and exits without a word. search-index.ts reports both alike.
 */
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { forEachConcurrently } from '../for-each-concurrently.ts';
import type { PlannedBundle } from './search-bundle-plan.ts';
import { BUNDLE_KEY_FILE } from './search-bundles.ts';

/** What the worker is given. */
export interface BundleJob {
  /** The site folder, absolute. */
  dir: string;
  bundle: PlannedBundle;
  /** Written to `bundle-key.json` with the bundle (see search-index.ts). */
  key: string;
}

/** What `bundle-key.json` holds. */
export interface BundleKey {
  key: string;
  pages: number;
  /** The files Pagefind wrote, as paths inside the bundle's folder with `/` (not this file itself). */
  files: string[];
}

/** What the worker posts when it is done; `stopped`: Pagefind's process died. */
export type BundleResult = { ok: true } | { ok: false; message: string } | { ok: false; stopped: true };

/** Files read and sent to Pagefind at once. */
const CONCURRENT_FILES = 16;

/** Throws a plain sentence naming the step when Pagefind reports errors. */
function assertPagefindResponse(response: { errors: string[] }, step: string, dir: string): void {
  if (response.errors.length > 0) {
    throw new Error(`Pagefind could not ${step} for the site in ${dir}: ${response.errors.join('; ')}`, {
      cause: new Error(response.errors.join('\n')),
    });
  }
}

/**
 * Indexes the bundle's pages and writes the bundle, replacing the one at its folder once complete
 * (with `bundle-key.json`, which lists the files Pagefind wrote, written last).
 */
async function writeBundle({ dir, bundle, key }: BundleJob): Promise<void> {
  const target = join(dir, bundle.dir);
  const partial = `${target}.partial-${process.pid}`;
  try {
    const created = await pagefind.createIndex({});
    assertPagefindResponse(created, 'start', dir);
    const index = created.index;
    if (!index) throw new Error(`Pagefind could not start for the site in ${dir}: it returned no index.`);
    await forEachConcurrently(bundle.pages, CONCURRENT_FILES, async (page) => {
      const content = await readFile(join(dir, page), 'utf8');
      assertPagefindResponse(await index.addHTMLFile({ sourcePath: page, content }), `read ${page}`, dir);
    });
    await rm(partial, { recursive: true, force: true });
    assertPagefindResponse(await index.writeFiles({ outputPath: partial }), 'write the index', dir);
    const files = (await readdir(partial, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => relative(partial, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort();
    const kept: BundleKey = { key, pages: bundle.pages.length, files };
    await writeFile(join(partial, BUNDLE_KEY_FILE), JSON.stringify(kept));
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
  } finally {
    await pagefind.close();
    await rm(partial, { recursive: true, force: true });
  }
}

if (parentPort) {
  const port = parentPort;
  writeBundle(workerData as BundleJob).then(
    () => port.postMessage({ ok: true } satisfies BundleResult),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage(
        (/backend closed/i.test(message)
          ? { ok: false, stopped: true }
          : { ok: false, message }) satisfies BundleResult,
      );
    },
  );
}
