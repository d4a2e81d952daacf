/**
 * `tidende build --out DIR [--as-of DATETIME]`: builds the gazette website, its search index and
 * the open datasets from the store: checks and loads the mapping tables, locks the issues
 * published by as-of (and fails if a published issue would change), exports the site data and the
 * datasets, and renders the site with the datasets under its `/data/` (scripts/build-data/site.ts),
 * removing from the output folder every file this build did not make.
 */
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { requireReadable, requireWritable, usageError } from '../../src/lib/cli-error.ts';
import { SITE_DATA_RELEASE_FILE } from '../../src/lib/datasets/data-page-view.ts';
import { lockPublishedIssues } from '../../src/lib/gazette/issue-lock.ts';
import { readCheckedMappingRows } from '../../src/lib/mappings/checked-mapping-rows.ts';
import { loadMappingRows } from '../../src/lib/mappings/load-mapping-rows.ts';
import { formatStageTimings, type StageTiming, timeStage } from '../../src/lib/site/stage-timings.ts';
import { loadCodeLists } from '../../src/lib/standards/code-lists.ts';
import { openEventStore, requireExistingStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { exportDatasets, RELEASE_FILE } from '../build-data/datasets.ts';
import { renderSite } from '../build-data/site.ts';
import { exportSiteData } from '../build-data/site-data.ts';
import type { CommandArgs } from './index.ts';
import { asOfOption, siteUrlOption, stringOption } from './parse-options.ts';

/** DuckDB's memory limit while building. */
const BUILD_MEMORY_LIMIT = '2GB';

export async function run(args: CommandArgs): Promise<number> {
  const outDir = stringOption(args, 'out');
  if (!outDir) usageError('Say where to write the site: --out DIR.', 'build');
  const asOf = asOfOption(args, 'build');
  const storePath = resolveStorePath(stringOption(args, 'store'));
  requireWritable(storePath, 'file');
  requireExistingStore(storePath);
  const siteUrl = siteUrlOption(args, 'build');
  const mappingsDir = stringOption(args, 'mappings') ?? 'mappings';
  requireReadable(mappingsDir, 'folder');
  requireWritable(outDir, 'folder');
  // Both are kept beside the store: the next build compares with them and rewrites only changes.
  const siteDataDir = join(dirname(storePath), 'site-data');
  const dataDir = join(dirname(storePath), 'data');
  const started = performance.now();
  const timings: StageTiming[] = [];

  const codeLists = await loadCodeLists();
  const rows = await readCheckedMappingRows(mappingsDir, codeLists, 'built');
  // Building aggregates every event's standard events and sorts whole issues: more working
  // memory than ingest's default; DuckDB still spills beyond it.
  const store = await openEventStore(storePath, { memoryLimit: BUILD_MEMORY_LIMIT });
  let exported: Awaited<ReturnType<typeof exportSiteData>>;
  let locked: Awaited<ReturnType<typeof lockPublishedIssues>>;
  try {
    locked = await timeStage(timings, 'mappings and lock', async () => {
      await loadMappingRows(store, rows);
      return lockPublishedIssues(store, asOf);
    });
    exported = await timeStage(
      timings,
      'site data export',
      () => exportSiteData(store, { dir: siteDataDir, asOf, codeLists }),
      (e) => `${e.written} files written, ${e.unchanged} unchanged, ${e.removed} removed`,
    );
    const report = { reusedFiles: 0 };
    await timeStage(
      timings,
      'open data export',
      () => exportDatasets(store, { dir: dataDir, asOf, siteUrl, report }),
      (r) =>
        `${r.files.length} files, ${(r.files.reduce((sum, f) => sum + f.bytes, 0) / 1e6).toFixed(1)} MB, ` +
        `${report.reusedFiles} deltas of locked issues kept`,
    );
  } finally {
    store.closeSync();
  }
  // The data page lists the release's files, sizes and hashes.
  await copyFile(join(dataDir, RELEASE_FILE), join(siteDataDir, SITE_DATA_RELEASE_FILE));
  const rendered = await renderSite({ outDir, siteDataDir, dataDir, siteUrl, timings });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `build ${outDir}: as of ${asOf.toISOString()}, latest issue ${exported.dueIssue ?? '(none yet)'}; ` +
      `${exported.issues} issues (${locked.preview ? 'a preview: as-of is later than now, nothing locked' : `${locked.newlyLocked.length} newly locked`}), ${exported.rights} rights, ` +
      `${rendered.pages} pages (${rendered.indexed} indexed for search), ${rendered.documents} documents copied, ${rendered.dataFiles} data files; ${seconds} s\n` +
      `${formatStageTimings(timings).join('\n')}\n`,
  );
  return 0;
}
