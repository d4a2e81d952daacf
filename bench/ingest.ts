/**
 * `npm run bench:ingest`: generates about 1,000,000 events with the sample generator, then
 * ingests them into a new store in a separate process and reports events/s and that process's
 * peak RSS (all its threads, DuckDB included). Record the result in BENCHMARKS.md.
 *
 *   npm run bench:ingest [-- --rights N] [-- --workers N] [-- --baseline DIR]
 *
 * `--baseline DIR` ingests the same extract, in the same run, with another checkout of Tidende
 * (e.g. `git worktree add DIR COMMIT`, with node_modules linked), and reports both.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rights: { type: 'string', default: '171000' },
    workers: { type: 'string' },
    measure: { type: 'boolean', default: false },
    file: { type: 'string' },
    store: { type: 'string' },
    baseline: { type: 'string' },
  },
});

if (values.measure) {
  // Child mode: ingest one file and report this process's own numbers.
  const { openEventStore } = await import('../src/lib/store/event-store.ts');
  const { ingestFile } = await import('../scripts/build-data/ingest.ts');
  const { defaultValidateWorkers } = await import('../src/lib/ingest/validate-pool.ts');
  const store = await openEventStore(values.store as string);
  const summary = await ingestFile(store, values.file as string, {
    quarantinePath: `${values.store}.quarantine.ndjson`,
    workers: values.workers ? Number(values.workers) : defaultValidateWorkers(),
  });
  store.closeSync();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ ...summary, peakRssMb }));
} else {
  const dir = join('bench', '.out', 'ingest');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const extract = join(dir, 'events.ndjson');
  const node = process.execPath;

  console.log(`generating ${values.rights} rights...`);
  const started = performance.now();
  const sample = spawnSync(
    node,
    ['scripts/tidende.js', 'sample', '--rights', values.rights, '--seed', '42', '--out', extract, '--json'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (sample.status !== 0) throw new Error('sample generation failed');
  const generated = JSON.parse(sample.stdout);
  const generateSeconds = (performance.now() - started) / 1000;
  console.log(
    `generated ${generated.events} events, ${(generated.bytes / 1e6).toFixed(0)} MB in ${generateSeconds.toFixed(1)} s`,
  );

  /** Ingests the extract with the checkout at `root` into a new store; its numbers. */
  async function measure(root: string, label: string) {
    console.log(`ingesting with ${label}...`);
    const store = resolve(dir, `${label}.duckdb`);
    const args = [join(root, 'bench/ingest.ts'), '--measure', '--file', resolve(extract), '--store', store];
    if (values.workers) args.push('--workers', values.workers);
    const run = spawnSync(node, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`ingest with ${label} failed`);
    const result = JSON.parse(run.stdout);
    return {
      checkout: label,
      events: result.accepted,
      rejected: result.rejected,
      extractMB: Math.round(result.bytes / 1e6),
      seconds: Number(result.seconds.toFixed(1)),
      eventsPerSecond: Math.round(result.read / result.seconds),
      peakRssMB: result.peakRssMb,
      storeMB: Math.round((await stat(store)).size / 1e6),
    };
  }
  const runs = [await measure('.', 'this')];
  if (values.baseline) runs.push(await measure(resolve(values.baseline), 'baseline'));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(JSON.stringify({ machine, runs }, null, 2));
  await rm(dir, { recursive: true, force: true });
}
