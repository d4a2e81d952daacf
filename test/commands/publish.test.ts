/**
 * `tidende publish` as the office's CI runs it, in a child process, against a local folder: the
 * weekly scenario of test/helpers/publish-weeks.ts; a publish already running, and mappings below
 * the coverage threshold, stop it before anything goes out. publish-azure.test.ts runs the weekly
 * scenario against Azurite.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PUBLISH_LOCK_PATH } from '../../src/lib/deploy/deploy-manifest.ts';
import { readFolder } from '../helpers/deploy-site.ts';
import { expectWeeklyPublish, fingerprint, SAMPLE, WEEK_46, WEEK_47 } from '../helpers/publish-weeks.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { runCli, startCli } from '../helpers/run-cli.ts';
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
  it('to replace a live site with a fresh store, or to rewind it to an earlier as-of, leaving it byte-identical', async () => {
    const root = join(await tempDir(), 'www');
    const dir = await tempDir();
    const publish = (store: string, asOf: string, extract: string, ...more: string[]) =>
      runCli([
        'publish',
        '--target',
        `file://${root}`,
        '--store',
        store,
        '--as-of',
        asOf,
        '--extract',
        extract,
        ...more,
      ]);
    expect((await publish(join(dir, 'live.duckdb'), WEEK_47, SAMPLE, '--bootstrap')).code).toBe(0);
    const live = await readFolder(root, { withState: true });

    // A store lost (a failed download): refused before anything is built.
    const week = join(dir, 'week.ndjson');
    await writeExtract(week, line(trademarkRecord({ eventId: 'WEEK-1', publicationDate: '2026-11-16' })));
    const lost = await publish(join(dir, 'lost.duckdb'), WEEK_47, week);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`No event store at ${join(dir, 'lost.duckdb')}.`);
    // A new store holding only this week's extract, started over the live target on purpose.
    const fresh = await publish(join(dir, 'fresh.duckdb'), WEEK_47, week, '--bootstrap');
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toMatch(
      /Refused to deploy to file:\/\/.*: --bootstrap starts a new gazette, and the target already holds \d+ files; it would remove \d+ pages of published issues/,
    );
    expect(fresh.stderr).toContain('Nothing was changed there.');
    expect(await readFolder(root, { withState: true })).toEqual(live);

    // As-of later than now: refused before anything is built.
    const ahead = await publish(join(dir, 'live.duckdb'), '2099-01-05T12:00:00+01:00', week);
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toContain('is later than now: publish puts out what is due now');

    // The live store with an as-of two weeks back: the issues since would go.
    const rewound = await publish(join(dir, 'live.duckdb'), WEEK_46, SAMPLE);
    expect(rewound.code).toBe(1);
    expect(rewound.stderr).toContain('pages of published issues (en/issues/2026-47/index.html');
    expect(await readFolder(root, { withState: true })).toEqual(live);
  }, 300_000);

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
