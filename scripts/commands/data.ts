/**
 * `tidende data --out DIR [--as-of DATETIME]`: writes the open datasets alone (what `tidende
 * build` writes under the site's `/data/`): tables as CSV and Parquet, patent legal status as
 * ST.96 XML, a snapshot and a delta per published issue, and their catalog metadata.
 */
import { requireReadable, requireWritable, usageError } from '../../src/lib/cli-error.ts';
import type { DataFormat } from '../../src/lib/datasets/data-release.ts';
import { readCheckedMappingRows } from '../../src/lib/mappings/checked-mapping-rows.ts';
import { loadMappingRows } from '../../src/lib/mappings/load-mapping-rows.ts';
import { loadCodeLists } from '../../src/lib/standards/code-lists.ts';
import { openEventStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { DATA_FORMATS, exportDatasets } from '../build-data/datasets.ts';
import type { CommandArgs } from './index.ts';
import { asOfOption, siteUrlOption, stringOption } from './parse-options.ts';

/** DuckDB's memory limit while exporting: the deltas sort whole tables. */
export const DATA_MEMORY_LIMIT = '2GB';

/** Reads --formats: a comma-separated subset of csv, parquet, st96. */
function formatsOption(args: CommandArgs): readonly DataFormat[] {
  const value = stringOption(args, 'formats');
  if (value === undefined) return DATA_FORMATS;
  const formats = value.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !DATA_FORMATS.includes(f as DataFormat));
  if (unknown.length > 0 || formats.length === 0) {
    usageError(
      `--formats takes a comma-separated list of ${DATA_FORMATS.join(', ')}; got '${value}'.`,
      'data',
    );
  }
  return formats as DataFormat[];
}

export async function run(args: CommandArgs): Promise<number> {
  const outDir = stringOption(args, 'out');
  if (!outDir) usageError('Say where to write the datasets: --out DIR.', 'data');
  const asOf = asOfOption(args, 'data');
  const formats = formatsOption(args);
  const siteUrl = siteUrlOption(args, 'data');
  const storePath = resolveStorePath(stringOption(args, 'store'));
  requireWritable(storePath, 'file');
  const mappingsDir = stringOption(args, 'mappings') ?? 'mappings';
  requireReadable(mappingsDir, 'folder');
  requireWritable(outDir, 'folder');
  const started = performance.now();
  const rows = await readCheckedMappingRows(mappingsDir, await loadCodeLists(), 'exported');
  const store = await openEventStore(storePath, {
    memoryLimit: DATA_MEMORY_LIMIT,
  });
  try {
    await loadMappingRows(store, rows);
    const release = await exportDatasets(store, { dir: outDir, asOf, siteUrl, formats });
    const bytes = release.files.reduce((sum, file) => sum + file.bytes, 0);
    const summary = {
      out: outDir,
      asOf: release.asOf,
      issue: release.issue,
      files: release.files.length,
      bytes,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    if (args.values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else
      process.stdout.write(
        `data ${outDir}: as of ${summary.asOf}, latest issue ${summary.issue ?? '(none yet)'}; ` +
          `${summary.files} files, ${(bytes / 1e6).toFixed(1)} MB; ${summary.seconds} s\n`,
      );
  } finally {
    store.closeSync();
  }
  return 0;
}
