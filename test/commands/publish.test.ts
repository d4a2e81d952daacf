/**
 * `tidende publish` as the office's CI runs it, in a child process, against a local folder: the
 * weekly scenario of test/helpers/publish-weeks.ts; a publish already running, and mappings below
 * the coverage threshold, stop it before anything goes out. publish-azure.test.ts runs the weekly
 * scenario against Azurite.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { LIVE_ISSUES_PATH, MANIFEST_PATH, PUBLISH_LOCK_PATH } from '../../src/lib/deploy/deploy-manifest.ts';
import { readFolder } from '../helpers/deploy-site.ts';
import { expectWeeklyPublish, fingerprint, SAMPLE, WEEK_46, WEEK_47 } from '../helpers/publish-weeks.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { type CliResult, runCli, startCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('tidende publish to file://', () => {
  it('publishes a week, uploads nothing when run again, and then only what one more week changed', async () => {
    const root = join(await tempDir(), 'www');
    const target = { url: `file://${root}`, env: {}, files: async () => fingerprint(await readFolder(root)) };
    await expectWeeklyPublish(target, await tempDir());
  }, 300_000);
});

describe('tidende publish refuses', () => {
  it('every fault of a scripted run, leaving the live target byte-identical each time; then a normal publish succeeds', async () => {
    const root = join(await tempDir(), 'www');
    const url = `file://${root}`;
    const dir = await tempDir();
    const liveStore = join(dir, 'live', 'store.duckdb');
    const publish = (store: string, asOf: string, ...more: string[]) =>
      runCli(['publish', '--target', url, '--store', store, '--as-of', asOf, ...more]);
    const first = await publish(liveStore, WEEK_46, '--extract', SAMPLE, '--bootstrap');
    expect(first.code, first.stderr).toBe(0);
    // Each file by its hash: comparing thousands of buffers deeply takes minutes.
    const state = async () => fingerprint(await readFolder(root, { withState: true }));
    const live = await state();
    const witness = JSON.parse(await readFile(join(root, LIVE_ISSUES_PATH), 'utf8'));
    expect(witness.issues.at(-1)).toMatchObject({
      issue: '2026-46',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    /** Runs a publish that must be refused with `message`, the target left exactly as `before`. */
    const refused = async (run: Promise<CliResult>, message: string | RegExp, before = live) => {
      const result = await run;
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(await state()).toEqual(before);
      return result;
    };
    const week = join(dir, 'week.ndjson');
    await writeExtract(week, line(trademarkRecord({ eventId: 'WEEK-1', publicationDate: '2026-11-16' })));

    // A store lost (a failed download).
    await refused(
      publish(join(dir, 'lost.duckdb'), WEEK_47, '--extract', week),
      `No event store at ${join(dir, 'lost.duckdb')}.`,
    );
    // A new store holding only this week's extract: as a new gazette, and as if it were the store.
    const fresh = join(dir, 'fresh.duckdb');
    await refused(
      publish(fresh, WEEK_47, '--extract', week, '--bootstrap'),
      `--bootstrap starts a new gazette, but ${url} already holds one (latest issue 2026-46)`,
    );
    expect((await runCli(['ingest', week, '--store', fresh])).code).toBe(0);
    await refused(
      publish(fresh, WEEK_47),
      /Refused to publish to .* with the event store .*fresh\.duckdb: \d+ issues live there are not locked in the store \(.*2026-46 and \d+ earlier\)/,
    );
    // The live store that lost its lock tables, and one whose lock of an issue differs.
    const duckdb = async (copy: string, sql: string) => {
      await copyFile(liveStore, copy);
      const instance = await DuckDBInstance.create(copy);
      const connection = await instance.connect();
      await connection.run(sql);
      connection.closeSync();
      instance.closeSync();
    };
    const unlocked = join(dir, 'unlocked.duckdb');
    await duckdb(unlocked, 'DROP TABLE published_issue_entries; DROP TABLE published_issues;');
    await refused(publish(unlocked, WEEK_47), 'issues live there are not locked in the store');
    const relocked = join(dir, 'relocked.duckdb');
    await duckdb(
      relocked,
      `UPDATE published_issues SET content_sha256 = repeat('0', 64) WHERE issue = '2026-46'`,
    );
    await refused(
      publish(relocked, WEEK_47),
      '1 issues live there have other content in the store (2026-46)',
    );
    // An as-of later than now, and one before the latest issue live.
    await refused(
      publish(liveStore, '2099-01-05T12:00:00+01:00'),
      'is later than now: publish puts out what is due now',
    );
    await refused(
      publish(liveStore, '2026-11-08T12:00:00+01:00'),
      'issue 2026-45 would be the latest due, but issue 2026-46 is already live',
    );
    // Another publish holds the lock.
    const lock = join(root, PUBLISH_LOCK_PATH);
    await writeFile(
      lock,
      JSON.stringify({ host: 'ci-runner', pid: 4242, startedAt: new Date().toISOString() }),
    );
    const locked = await state();
    await refused(publish(liveStore, WEEK_47), 'Another publish to', locked);
    await rm(lock);
    // A damaged manifest at the target: the deploy cannot tell what is live, so it stops.
    const manifest = join(root, MANIFEST_PATH);
    const good = await readFile(manifest);
    await writeFile(manifest, 'damaged');
    const damaged = await state();
    const site = join(liveStore, '..', 'site');
    await refused(
      runCli(['deploy', site, '--target', url]),
      'Without its manifest the deploy cannot tell what is live there',
      damaged,
    );
    await writeFile(manifest, good);
    expect(await state()).toEqual(live);

    // A stray file in the kept build folder (CI restores it from a cache) is never published.
    await writeFile(join(site, 'planted.html'), '<p data-pagefind-body>planted</p>');
    const normal = await publish(liveStore, WEEK_47, '--extract', week);
    expect(normal.code, normal.stderr).toBe(0);
    const after = await readFolder(root, { withState: true });
    expect(after.has('planted.html')).toBe(false);
    expect(after.has('issues/2026-47/index.html')).toBe(true);
    expect(JSON.parse(after.get(LIVE_ISSUES_PATH)?.toString() ?? '{}').issues.at(-1).issue).toBe('2026-47');
  }, 600_000);

  it('to keep the lock when stopped by SIGTERM, as a cancelled CI job is', async () => {
    const root = join(await tempDir(), 'www');
    const dir = await tempDir();
    const { child, done } = startCli([
      'publish',
      '--target',
      `file://${root}`,
      '--store',
      join(dir, 'store.duckdb'),
      '--as-of',
      WEEK_46,
      '--extract',
      SAMPLE,
      '--bootstrap',
    ]);
    const lock = join(root, PUBLISH_LOCK_PATH);
    for (let waited = 0; !existsSync(lock) && waited < 60_000; waited += 50) await sleep(50);
    expect(existsSync(lock)).toBe(true);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(143);
    expect(result.stderr).toContain('publish: stopped by SIGTERM; releasing the lock');
    expect(existsSync(lock)).toBe(false);
  }, 120_000);

  it('to run while another publish holds the lock at the target', async () => {
    const root = join(await tempDir(), 'www');
    const lock = join(root, PUBLISH_LOCK_PATH);
    await mkdir(dirname(lock), { recursive: true });
    const holder = { host: 'ci-runner', pid: 4242, startedAt: new Date().toISOString() };
    await writeFile(lock, JSON.stringify(holder));
    const dir = await tempDir();
    const result = await runCli([
      'publish',
      '--target',
      `file://${root}`,
      '--store',
      join(dir, 'store.duckdb'),
      '--extract',
      SAMPLE,
      '--bootstrap',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Another publish to file://${root} is running`);
    expect(result.stderr).toContain('on ci-runner (process 4242)');
    // Nothing was done: not even the extract was ingested, and the lock is still the other's.
    expect(result.stdout).not.toContain('== ingest');
    expect([...(await readFolder(root)).keys()]).toEqual([]);
    expect(
      JSON.parse((await readFolder(root, { withState: true })).get(PUBLISH_LOCK_PATH)?.toString() ?? ''),
    ).toEqual(holder);
  });

  it('to deploy when the mappings cover too little, naming the codes', async () => {
    const root = join(await tempDir(), 'www');
    const dir = await tempDir();
    const unmapped = join(dir, 'unmapped.ndjson');
    await writeExtract(
      unmapped,
      line(trademarkRecord({ eventId: 'ODD-1', nationalCode: 'TMODD', publicationDate: '2026-11-09' })),
    );
    const result = await runCli([
      'publish',
      '--target',
      `file://${root}`,
      '--store',
      join(dir, 'store.duckdb'),
      '--as-of',
      WEEK_46,
      '--extract',
      SAMPLE,
      '--extract',
      unmapped,
      '--min-coverage',
      '100',
      '--bootstrap',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('trademark TMODD: 1 events, e.g. ODD-1');
    expect(result.stdout).not.toContain('== build');
    expect(await readFolder(root, { withState: true }).catch(() => new Map())).toEqual(new Map());
  });
});
