/** `tidende ingest FILE...`: reads extracts into the store and prints how every line was accounted for. */
import { basename, dirname, join } from 'node:path';
import { requireReadable, requireWritable, usageError } from '../../src/lib/cli-error.ts';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../src/lib/documents/document-policy.ts';
import { DEFAULT_DOCUMENT_MEDIA_TYPES } from '../../src/lib/documents/media-type.ts';
import { INGEST_COUNT_NAMES, type IngestCounts } from '../../src/lib/ingest/ingest-counts.ts';
import { defaultValidateWorkers } from '../../src/lib/ingest/validate-pool.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/lib/ndjson/read-lines.ts';
import { startProgress } from '../../src/lib/progress.ts';
import { sqlString } from '../../src/lib/store/duckdb-types.ts';
import { type EventStore, openEventStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { type IngestSummary, ingestFile } from '../build-data/ingest.ts';
import type { CommandArgs } from './index.ts';
import { integerOption, stringOption } from './parse-options.ts';

/** How many refused lines are printed per file; the quarantine file has them all. */
const SHOWN_PROBLEMS = 10;
const number = new Intl.NumberFormat('en-US');

async function printProblems(store: EventStore, summary: IngestSummary): Promise<void> {
  const rows = (
    await store.connection.runAndReadAll(`
      SELECT line, reason, errors::VARCHAR AS errors FROM quarantine
      WHERE file_sha256 = ${sqlString(summary.sha256)} ORDER BY line LIMIT ${SHOWN_PROBLEMS}
    `)
  ).getRowObjectsJS();
  for (const row of rows) {
    const errors = JSON.parse(String(row.errors)) as { field: string; expected: string; found: string }[];
    for (const error of errors) {
      process.stderr.write(
        `  ${summary.file}:${row.line}: ${row.reason}: ${error.field || '(line)'}: expected ${error.expected}, found ${error.found}\n`,
      );
    }
  }
  const refused = summary.rejected + summary.conflict;
  if (refused > rows.length)
    process.stderr.write(`  ... and ${number.format(refused - rows.length)} more lines\n`);
}

function summaryLine(summary: IngestSummary): string {
  const counts = INGEST_COUNT_NAMES.slice(1)
    .map((name) => `${number.format(summary[name])} ${name}`)
    .join(', ');
  const rate = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : summary.read;
  const note =
    summary.batchId === null ? ' (already ingested: nothing changed)' : ` (batch ${summary.batchId})`;
  return `ingest ${summary.file}: ${number.format(summary.read)} lines: ${counts}; ${summary.seconds.toFixed(1)} s, ${number.format(rate)} lines/s${note}\n`;
}

/** --document-types: a comma-separated list, each a media type Tidende can check the bytes of. */
function documentTypesOption(args: CommandArgs): string[] {
  const value = stringOption(args, 'document-types');
  const known = Object.keys(DEFAULT_DOCUMENT_MEDIA_TYPES);
  if (value === undefined) return known;
  const types = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = types.filter((t) => !known.includes(t));
  if (types.length === 0 || unknown.length > 0)
    usageError(`--document-types takes media types from ${known.join(', ')}; got '${value}'.`, 'ingest');
  return types;
}

/** DuckDB's memory limit while ingesting. */
const INGEST_MEMORY_LIMIT = '1GB';

export async function run(args: CommandArgs): Promise<number> {
  const files = args.positionals;
  if (files.length === 0) usageError('Name at least one extract to ingest.', 'ingest');
  for (const file of files) requireReadable(file, 'file');
  const storePath = resolveStorePath(stringOption(args, 'store'));
  requireWritable(storePath, 'file');
  const quarantinePath = stringOption(args, 'quarantine') ?? join(dirname(storePath), 'quarantine.ndjson');
  requireWritable(quarantinePath, 'file');
  const workers = integerOption(args, 'workers', 'ingest', defaultValidateWorkers(), 0, 64);
  const asJson = Boolean(args.values.json);
  const maxLineBytes = integerOption(args, 'max-line-bytes', 'ingest', DEFAULT_MAX_LINE_BYTES, 1024);
  const maxDocumentBytes = integerOption(args, 'max-document-bytes', 'ingest', DEFAULT_MAX_DOCUMENT_BYTES, 1);
  const documentMediaTypes = documentTypesOption(args);

  // The commit that types a whole extract's lines at once needs more than the default 256 MB on a
  // first load of the archive (4,000,000 events ran out); DuckDB still spills beyond it.
  const store = await openEventStore(storePath, { memoryLimit: INGEST_MEMORY_LIMIT });
  const summaries: IngestSummary[] = [];
  try {
    for (const file of files) {
      const progress = startProgress({ label: `ingest ${basename(file)}`, unit: 'lines', quiet: asJson });
      const summary = await ingestFile(store, file, {
        quarantinePath,
        workers,
        maxLineBytes,
        maxDocumentBytes,
        documentMediaTypes,
        onProgress: (lines, fraction) => progress.update(lines, fraction),
        crashBeforeCommit: process.env.TIDENDE_FAILPOINT === 'ingest-before-commit',
      });
      progress.finish();
      summaries.push(summary);
      if (!asJson) {
        process.stdout.write(summaryLine(summary));
        if (summary.rejected + summary.conflict > 0) await printProblems(store, summary);
      }
    }
  } finally {
    store.closeSync();
  }

  const totals = Object.fromEntries(
    INGEST_COUNT_NAMES.map((name) => [name, summaries.reduce((sum, s) => sum + s[name], 0)]),
  ) as unknown as IngestCounts;
  const refused = totals.rejected + totals.conflict;
  if (asJson) {
    process.stdout.write(
      `${JSON.stringify({ ...totals, store: storePath, quarantine: quarantinePath, files: summaries }, null, 2)}\n`,
    );
  } else if (refused > 0) {
    process.stderr.write(`${number.format(refused)} lines refused; kept verbatim in ${quarantinePath}\n`);
  }
  return refused > 0 ? 1 : 0;
}
