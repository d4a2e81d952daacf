/**
 * `tidende mappings check`: validates the mapping tables against the WIPO code lists, loads them
 * into the store and reports how much of the store they cover. Exits 1 when a table has a problem
 * or a right type's share of mapped national codes is below --min-coverage.
 */
import { access } from 'node:fs/promises';
import { CliError, requireReadable, requireWritable, usageError } from '../../src/lib/cli-error.ts';
import { RIGHT_TYPES, type RightType } from '../../src/lib/event-record.ts';
import { loadMappingRows } from '../../src/lib/mappings/load-mapping-rows.ts';
import { percent, type RightCoverage, readMappingCoverage } from '../../src/lib/mappings/mapping-coverage.ts';
import { formatMappingProblem } from '../../src/lib/mappings/mapping-row.ts';
import { readMappingTables } from '../../src/lib/mappings/read-mapping-tables.ts';
import { loadCodeLists } from '../../src/lib/standards/code-lists.ts';
import { openEventStore, resolveStorePath } from '../../src/lib/store/event-store.ts';
import { formatTable } from '../../src/lib/text-table.ts';
import type { CommandArgs } from './index.ts';
import { stringOption } from './parse-options.ts';

/** The default minimum share of a right type's national codes that must be mapped, in percent. */
export const DEFAULT_MIN_COVERAGE = 98;

function minCoverageOption(args: CommandArgs): number {
  const value = stringOption(args, 'min-coverage');
  if (value === undefined) return DEFAULT_MIN_COVERAGE;
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || number > 100) {
    usageError(`--min-coverage must be a percentage from 0 to 100; got '${value}'.`, 'mappings');
  }
  return number;
}

function coverageReport(coverage: Record<RightType, RightCoverage>, minCoverage: number): string {
  const table = formatTable(
    ['right', 'events', 'mapped', '%', 'codes', 'mapped', '%'],
    RIGHT_TYPES.map((right) => {
      const c = coverage[right];
      return [
        right,
        c.events,
        c.mappedEvents,
        percent(c.mappedEvents, c.events).toFixed(1),
        c.codes,
        c.mappedCodes,
        percent(c.mappedCodes, c.codes).toFixed(1),
      ];
    }),
  );
  const unmapped = RIGHT_TYPES.flatMap((right) =>
    coverage[right].unmapped.map((u) => `  ${right} ${u.code}: ${u.events} events, e.g. ${u.exampleEventId}`),
  );
  return [
    `Coverage (minimum ${minCoverage}% of national codes per right type)`,
    table,
    ...(unmapped.length > 0 ? ['', 'Unmapped national codes', ...unmapped] : []),
  ].join('\n');
}

async function storeExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function run(args: CommandArgs): Promise<number> {
  const [action] = args.positionals;
  if (action !== 'check')
    usageError(`Say what to do with the mappings: 'tidende mappings check'.`, 'mappings');
  const minCoverage = minCoverageOption(args);
  const dir = stringOption(args, 'mappings') ?? 'mappings';
  const asJson = Boolean(args.values.json);
  const storePath = resolveStorePath(stringOption(args, 'store'));
  requireWritable(storePath, 'file');
  requireReadable(dir, 'folder');

  const codeLists = await loadCodeLists();
  const tables = await readMappingTables(dir, codeLists);
  let coverage: Record<RightType, RightCoverage> | null = null;
  if (tables.problems.length === 0 && (await storeExists(storePath))) {
    const store = await openEventStore(storePath);
    try {
      await loadMappingRows(store, tables.rows);
      coverage = await readMappingCoverage(store);
    } finally {
      store.closeSync();
    }
  }
  const below = coverage
    ? RIGHT_TYPES.filter((right) => {
        const c = coverage[right];
        return percent(c.mappedCodes, c.codes) < minCoverage;
      })
    : [];
  const ok = tables.problems.length === 0 && below.length === 0;

  if (asJson) {
    const report = {
      ok,
      minCoverage,
      rows: tables.counts,
      problems: tables.problems,
      coverage,
      belowMinimum: below,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return ok ? 0 : 1;
  }
  for (const problem of tables.problems) process.stderr.write(`${formatMappingProblem(problem)}\n`);
  if (tables.problems.length > 0) {
    throw new CliError(
      `${tables.problems.length} problems in the mapping tables in ${dir}/; the store was not changed.`,
    );
  }
  const counts = RIGHT_TYPES.map((right) => `${tables.counts[right]} ${right}`).join(', ');
  process.stdout.write(`Mapping tables in ${dir}/: ${counts} rows; every code is in its code list.\n`);
  for (const { list } of Object.values(codeLists)) {
    if (!list.provenance.verified) {
      process.stdout.write(
        `Note: the ${list.standard} code list is provisional; its codes are not verified against WIPO's.\n`,
      );
    }
  }
  if (!coverage) {
    process.stdout.write(`No event store at ${storePath}: coverage not measured.\n`);
    return 0;
  }
  process.stdout.write(`${coverageReport(coverage, minCoverage)}\n`);
  if (below.length > 0) {
    throw new CliError(
      `Below ${minCoverage}% of national codes mapped: ${below.join(', ')}. Map the codes listed above in ${dir}/.`,
    );
  }
  return 0;
}
