/**
 * `npm run bench:data`: generates about 4,000,000 events, ingests them, then exports the open
 * datasets once per format (CSV, Parquet, ST.96 XML), each in its own process so that its time
 * and peak RSS are its own, and reports the output size of each. Record results in BENCHMARKS.md.
 *
 *   npm run bench:data [-- --rights 684000] [-- --reuse-store]
 *
 * --reuse-store skips generating and ingesting when bench/.out/data/store.duckdb is there.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    // About 5.85 events per right: 684,000 rights give about 4,000,000 events.
    rights: { type: 'string', default: '684000' },
    measure: { type: 'string' },
    'reuse-store': { type: 'boolean', default: false },
  },
});

const dir = resolve('bench', '.out', 'data');

/** Runs a CLI command in a child process that reports its own time and peak RSS. */
function measured(args: string[]): { seconds: number; peakRssMB: number } {
  const run = spawnSync(process.execPath, ['bench/data.ts', '--measure', JSON.stringify(args)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`failed: tidende ${args.join(' ')}\n${run.stdout}`);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string);
}

async function folderBytes(folder: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

if (values.measure) {
  const args = JSON.parse(values.measure) as string[];
  const started = performance.now();
  const { main } = await import('../scripts/cli.ts');
  const code = await main(args);
  if (code !== 0) process.exit(code);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\n${JSON.stringify({ seconds, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
} else {
  const store = join(dir, 'store.duckdb');
  const extract = join(dir, 'events.ndjson');
  const reuse = values['reuse-store'] && (await stat(store).catch(() => null)) !== null;
  if (!reuse) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    console.log(`generating ${values.rights} rights and ingesting...`);
    measured([
      'sample',
      '--rights',
      String(values.rights),
      '--seed',
      '42',
      '--until',
      '2026-11-23',
      '--out',
      extract,
    ]);
    const ingest = measured(['ingest', extract, '--store', store]);
    console.log(`ingest: ${ingest.seconds.toFixed(1)} s, peak RSS ${ingest.peakRssMB} MB`);
  }
  const stats = JSON.parse(
    spawnSync(process.execPath, ['scripts/tidende.js', 'stats', '--store', store, '--json'], {
      encoding: 'utf8',
    }).stdout,
  ) as { rightTypes: { events: number }[] };
  const events = stats.rightTypes.reduce((sum, r) => sum + r.events, 0);
  const formats: Record<string, unknown> = {};
  for (const format of ['csv', 'parquet', 'st96']) {
    console.log(`exporting ${format}...`);
    const out = join(dir, format);
    const run = measured([
      'data',
      '--out',
      out,
      '--store',
      store,
      '--formats',
      format,
      '--as-of',
      '2026-11-23T12:00:00+01:00',
    ]);
    const size = await folderBytes(out);
    formats[format] = {
      seconds: Number(run.seconds.toFixed(1)),
      peakRssMB: run.peakRssMB,
      files: size.files,
      megabytes: Number((size.bytes / 1e6).toFixed(1)),
    };
  }
  const report = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    rights: Number(values.rights),
    events,
    formats,
  };
  console.log(JSON.stringify(report, null, 2));
}
