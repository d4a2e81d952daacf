/**
 * A store holding the committed sample extract, built into a site once as of Sunday 22 November
 * 2026 (issue 2026-47 out and locked), for tests that then change the store and build again.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { type CliResult, runCli } from './run-cli.ts';

export const SAMPLE_EXTRACT = 'test/fixtures/sample-small/events.ndjson';
/** The first build's as-of: issue 2026-47 is out. */
export const FIRST_AS_OF = '2026-11-22T12:00:00+01:00';
/** A week later: issue 2026-48 is out. */
export const NEXT_AS_OF = '2026-11-30T12:00:00+01:00';

export interface SampleSite {
  store: string;
  out: string;
  /** Builds the store into `out` as of the time given, with the CLI. */
  build(asOf: string): Promise<CliResult>;
}

/** Ingests the sample into a store in `dir` and builds it as of {@link FIRST_AS_OF}. */
export async function builtSampleSite(dir: string): Promise<SampleSite> {
  const store = join(dir, 'store.duckdb');
  const out = join(dir, 'site');
  expect((await runCli(['ingest', SAMPLE_EXTRACT, '--store', store])).code).toBe(0);
  const build = (asOf: string) => runCli(['build', '--out', out, '--store', store, '--as-of', asOf]);
  const first = await build(FIRST_AS_OF);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  return { store, out, build };
}
