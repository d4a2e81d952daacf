/**
 * `tidende build --out DIR [--as-of DATETIME]`: builds the gazette website and its search index
 * from the store: checks and loads the mapping tables, locks the issues published by as-of (and
 * fails if a published issue would change), exports the site data and renders the site.
 */
import { dirname, join } from 'node:path';
import { CliError, usageError } from '../../src/lib/cli-error.ts';
import { lockPublishedIssues } from '../../src/lib/gazette/issue-lock.ts';
import { loadMappingRows } from '../../src/lib/mappings/load-mapping-rows.ts';
import { formatMappingProblem } from '../../src/lib/mappings/mapping-row.ts';
import { readMappingTables } from '../../src/lib/mappings/read-mapping-tables.ts';
import { loadCodeLists } from '../../src/lib/standards/code-lists.ts';
import { openEventStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { renderSite } from '../build-data/site.ts';
import { exportSiteData } from '../build-data/site-data.ts';
import type { CommandArgs } from './index.ts';
import { stringOption } from './parse-options.ts';

/** The site URL when neither --site-url nor TIDENDE_SITE_URL is given. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/** DuckDB's memory limit while building. */
const BUILD_MEMORY_LIMIT = '2GB';

/** Reads --as-of: an ISO 8601 date-time with its offset or Z; default now. */
export function parseAsOf(value: string | undefined, now = new Date()): Date {
  if (value === undefined) return now;
  const hasZone = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const instant = new Date(value);
  if (!hasZone || Number.isNaN(instant.getTime())) {
    usageError(
      `--as-of must be an ISO 8601 date-time with its offset, e.g. 2024-06-03T00:01+02:00 or 2024-06-02T22:01Z; got '${value}'.`,
      'build',
    );
  }
  return instant;
}

export async function run(args: CommandArgs): Promise<number> {
  const outDir = stringOption(args, 'out');
  if (!outDir) usageError('Say where to write the site: --out DIR.', 'build');
  const asOf = parseAsOf(stringOption(args, 'as-of'));
  const storePath = resolveStorePath(stringOption(args, 'store'));
  const siteUrl = stringOption(args, 'site-url') ?? process.env.TIDENDE_SITE_URL ?? DEFAULT_SITE_URL;
  const mappingsDir = stringOption(args, 'mappings') ?? 'mappings';
  const siteDataDir = join(dirname(storePath), 'site-data');
  const started = performance.now();

  const codeLists = await loadCodeLists();
  const tables = await readMappingTables(mappingsDir, codeLists);
  if (tables.problems.length > 0) {
    for (const problem of tables.problems) process.stderr.write(`${formatMappingProblem(problem)}\n`);
    throw new CliError(`${tables.problems.length} problems in the mapping tables; nothing was built.`);
  }
  // Building aggregates every event's standard events and sorts whole issues: more working
  // memory than ingest's default; DuckDB still spills beyond it.
  const store = await openEventStore(storePath, { memoryLimit: BUILD_MEMORY_LIMIT });
  let exported: Awaited<ReturnType<typeof exportSiteData>>;
  let locked: Awaited<ReturnType<typeof lockPublishedIssues>>;
  try {
    await loadMappingRows(store, tables.rows);
    locked = await lockPublishedIssues(store, asOf);
    exported = await exportSiteData(store, { dir: siteDataDir, asOf, codeLists });
  } finally {
    store.closeSync();
  }
  const rendered = await renderSite({ outDir, siteDataDir, siteUrl });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `build ${outDir}: as of ${asOf.toISOString()}, latest issue ${exported.dueIssue ?? '(none yet)'}; ` +
      `${exported.issues} issues (${locked.newlyLocked.length} newly locked), ${exported.rights} rights, ` +
      `${rendered.pages} pages (${rendered.indexed} indexed for search), ${rendered.documents} documents copied; ${seconds} s\n`,
  );
  return 0;
}
