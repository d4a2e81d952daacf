/** `tidende stats`: what the event store holds, as tables or JSON. */
import { access } from 'node:fs/promises';
import { CliError, requireWritable } from '../../src/lib/cli-error.ts';
import { openEventStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { readStoreStats, type StoreStats } from '../../src/lib/store/store-stats.ts';
import { formatTable } from '../../src/lib/text-table.ts';
import type { CommandArgs } from './index.ts';
import { stringOption } from './parse-options.ts';

function byYearTable(stats: StoreStats): string {
  const rights = [...new Set(stats.years.map((y) => y.right))];
  const years = [...new Set(stats.years.map((y) => y.year))].sort((a, b) => a - b);
  const count = (right: string, year: number) =>
    stats.years.find((y) => y.right === right && y.year === year)?.events ?? 0;
  return formatTable(
    ['year', ...rights],
    years.map((year) => [String(year), ...rights.map((right) => count(right, year))]),
  );
}

/** The stats as people read them. */
export function formatStats(stats: StoreStats): string {
  return [
    'Rights and events',
    formatTable(
      ['right', 'rights', 'events', 'corrections', 'first event', 'last event'],
      stats.rightTypes.map((r) => [r.right, r.rights, r.events, r.corrections, r.firstEvent, r.lastEvent]),
    ),
    '',
    'Events per national code',
    formatTable(
      ['right', 'code', 'events'],
      stats.nationalCodes.map((c) => [c.right, c.nationalCode, c.events]),
    ),
    '',
    'Events per year',
    byYearTable(stats),
    '',
    'Last ingest batches',
    formatTable(
      ['batch', 'finished', 'file', 'read', 'accepted', 'duplicate', 'conflict', 'rejected', 'blank'],
      stats.batches.map((b) => [
        String(b.batchId),
        b.finishedAt,
        b.file,
        b.read,
        b.accepted,
        b.duplicate,
        b.conflict,
        b.rejected,
        b.blank,
      ]),
    ),
    '',
    `Quarantine: ${stats.quarantine.rejected} rejected, ${stats.quarantine.conflict} conflict`,
  ].join('\n');
}

export async function run(args: CommandArgs): Promise<number> {
  const path = resolveStorePath(stringOption(args, 'store'));
  requireWritable(path, 'file');
  await access(path).catch(() => {
    throw new CliError(`No event store at ${path}.\nIngest an extract first: tidende ingest FILE`);
  });
  const store = await openEventStore(path, { readOnly: true });
  try {
    const stats = await readStoreStats(store);
    process.stdout.write(
      args.values.json ? `${JSON.stringify(stats, null, 2)}\n` : `${formatStats(stats)}\n`,
    );
  } finally {
    store.closeSync();
  }
  return 0;
}
