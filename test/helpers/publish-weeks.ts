/**
 * The weekly publish scenario both publish test files run against their target (verifying with the
 * official files in standards/, publish's default): the first week publishes everything, the same week again uploads nothing, one more week uploads only what
 * changed and leaves the target holding exactly the new site.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readFolder } from './deploy-site.ts';
import { runCli } from './run-cli.ts';

export const SAMPLE = 'test/fixtures/sample-small/events.ndjson';
/** Sunday noon before issue 2026-47 is out, and a week later. */
export const WEEK_46 = '2026-11-15T12:00:00+01:00';
export const WEEK_47 = '2026-11-22T12:00:00+01:00';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Paths and content hashes of a set of files, for comparing a target with the built site. */
export function fingerprint(files: Map<string, Buffer>): Map<string, string> {
  return new Map([...files].map(([path, bytes]) => [path, sha256(bytes)]));
}

/** What a deploy's summary line says. */
function summaryOf(stdout: string): { uploaded: number; unchanged: number; deleted: number } {
  const match = /: ([\d,]+) uploaded \(.*?\), ([\d,]+) unchanged, ([\d,]+) deleted;/.exec(stdout);
  if (!match) throw new Error(`no deploy summary in:\n${stdout}`);
  const n = (s: string | undefined) => Number((s ?? '').replaceAll(',', ''));
  return { uploaded: n(match[1]), unchanged: n(match[2]), deleted: n(match[3]) };
}

/** A target under test, seen without the deploy's code: its files by path, with their hashes. */
export interface PublishTarget {
  url: string;
  env: NodeJS.ProcessEnv;
  files(): Promise<Map<string, string>>;
}

/** Publishes week 46, again, then week 47, from a new store in `dir`, checking the target each time. */
export async function expectWeeklyPublish(target: PublishTarget, dir: string): Promise<void> {
  const store = join(dir, 'state', 'store.duckdb');
  const site = join(dir, 'state', 'site');
  const publish = (asOf: string, ...more: string[]) =>
    runCli(['publish', '--target', target.url, '--store', store, '--as-of', asOf, ...more], target.env);

  const first = await publish(WEEK_46, '--extract', SAMPLE, '--bootstrap');
  // Progress goes to stderr; the exit code says whether it went well.
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain('issue 2026-46 is the latest due');
  expect(first.stdout).toMatch(/verified: [1-9]\d* new or changed ST\.96 files valid against the XSD/);
  const built = fingerprint(await readFolder(site));
  expect(summaryOf(first.stdout)).toEqual({ uploaded: built.size, unchanged: 0, deleted: 0 });
  expect(await target.files()).toEqual(built);
  expect(built.has('issues/2026-46/index.html')).toBe(true);
  expect(built.has('data/datapackage.json')).toBe(true);

  const again = await publish(WEEK_46);
  expect(again.code, again.stderr).toBe(0);
  expect(summaryOf(again.stdout)).toEqual({ uploaded: 0, unchanged: built.size, deleted: 0 });

  const next = await publish(WEEK_47);
  expect(next.code, next.stderr).toBe(0);
  const rebuilt = fingerprint(await readFolder(site));
  const changed = [...rebuilt].filter(([path, hash]) => built.get(path) !== hash).length;
  const gone = [...built.keys()].filter((path) => !rebuilt.has(path)).length;
  expect(changed).toBeGreaterThan(0);
  expect(summaryOf(next.stdout)).toEqual({
    uploaded: changed,
    unchanged: rebuilt.size - changed,
    deleted: gone,
  });
  // Exactly the new version: nothing it needs was deleted, nothing it dropped is left.
  expect(await target.files()).toEqual(rebuilt);
  expect(rebuilt.has('issues/2026-47/index.html')).toBe(true);
  expect(rebuilt.has('data/deltas/2026-47/legal_status_events.parquet')).toBe(true);
}
