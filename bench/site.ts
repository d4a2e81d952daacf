/**
 * `npm run bench:site`: builds the gazette site for many rights and reports pages/s and peak RSS,
 * then the rebuild after one more week (incremental: unchanged pages are reused), beside a plain
 * `astro build` of the same number of trivial pages on the same machine in the same run.
 *
 *   npm run bench:site [-- --rights 100000]
 *
 * Each build runs in its own process so its peak RSS is its own; the time of each of its stages
 * (as `tidende build` prints them) is passed on and reported. Record results in BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseStageTimings, type StageTiming } from '../src/lib/site/stage-timings.ts';

const { values } = parseArgs({
  options: {
    rights: { type: 'string', default: '100000' },
    measure: { type: 'string' },
  },
});

const node = process.execPath;
const dir = resolve('bench', '.out', 'site');

/** Runs a CLI command in a child process that reports its own time and peak RSS. */
function measured(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(node, ['bench/site.ts', '--measure', JSON.stringify(args)], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`failed: tidende ${args.join(' ')}`);
  const lines = run.stdout.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1] as string) as { seconds: number; peakRssMB: number };
  // `tidende build` prints its time per stage; pass them on and keep them for the report.
  const stages = parseStageTimings(run.stdout);
  if (stages.length > 0) process.stdout.write(`${run.stdout.trim().split('\n').slice(0, -1).join('\n')}\n`);
  return { ...result, stages };
}

/** Stage name to seconds, for the report. */
function stageSeconds(stages: StageTiming[]): Record<string, number> {
  return Object.fromEntries(stages.map((s) => [s.stage, s.seconds]));
}

async function countHtml(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).length;
}

/** A throwaway Astro project with one route of `count` trivial pages. */
async function trivialProject(count: number): Promise<string> {
  const root = join(dir, 'trivial');
  await mkdir(join(root, 'src', 'pages'), { recursive: true });
  await writeFile(join(root, 'astro.config.mjs'), "export default { output: 'static' };\n");
  await writeFile(
    join(root, 'src', 'pages', '[n].astro'),
    `---\nexport function getStaticPaths() {\n  return Array.from({ length: ${count} }, (_, n) => ({ params: { n: String(n) } }));\n}\nconst { n } = Astro.params;\n---\n<html lang="en"><head><title>Page {n}</title></head><body><p>Page {n}</p></body></html>\n`,
  );
  return root;
}

if (values.measure) {
  // Child mode: run one CLI command (or a plain astro build) and report this process's numbers.
  const args = JSON.parse(values.measure) as string[];
  const started = performance.now();
  if (args[0] === 'astro-build') {
    const { build } = await import('astro');
    await build({ root: args[1] as string, outDir: args[2] as string, logLevel: 'error' });
  } else {
    const { main } = await import('../scripts/cli.ts');
    const code = await main(args);
    if (code !== 0) process.exit(code);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\n${JSON.stringify({ seconds, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
} else {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const store = join(dir, 'store.duckdb');
  const extract = join(dir, 'events.ndjson');
  const out = join(dir, 'dist');
  const until = '2026-11-23';
  console.log(`generating ${values.rights} rights and ingesting...`);
  measured(['sample', '--rights', String(values.rights), '--seed', '42', '--until', until, '--out', extract]);
  measured(['ingest', extract, '--store', store]);
  measured(['mappings', 'check', '--store', store, '--min-coverage', '0']);

  // The store holds one more week than the first build shows; the second build adds that week.
  const firstAsOf = '2026-11-16T12:00:00+01:00';
  const secondAsOf = '2026-11-23T12:00:00+01:00';
  console.log('full build...');
  const full = measured(['build', '--out', out, '--store', store, '--as-of', firstAsOf]);
  const pages = await countHtml(out);
  console.log('rebuild after one more week...');
  const rebuild = measured(['build', '--out', out, '--store', store, '--as-of', secondAsOf]);

  console.log(`plain astro build of ${pages} trivial pages...`);
  const root = await trivialProject(pages);
  const plain = measured(['astro-build', root, join(root, 'dist')]);

  const report = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    rights: Number(values.rights),
    pages,
    fullBuild: {
      seconds: Number(full.seconds.toFixed(1)),
      pagesPerSecond: Math.round(pages / full.seconds),
      peakRssMB: full.peakRssMB,
      stages: stageSeconds(full.stages),
    },
    rebuildAfterOneWeek: {
      seconds: Number(rebuild.seconds.toFixed(1)),
      peakRssMB: rebuild.peakRssMB,
      stages: stageSeconds(rebuild.stages),
    },
    plainAstroTrivialPages: {
      seconds: Number(plain.seconds.toFixed(1)),
      pagesPerSecond: Math.round(pages / plain.seconds),
      peakRssMB: plain.peakRssMB,
    },
  };
  console.log(JSON.stringify(report, null, 2));
}
