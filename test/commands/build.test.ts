import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAsOf } from '../../scripts/commands/build.ts';
import { line, trademarkRecord } from '../helpers/records.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('parseAsOf(value)', () => {
  it('takes an ISO 8601 date-time with its offset, and now when absent', () => {
    expect(parseAsOf('2024-06-03T00:01+02:00').toISOString()).toBe('2024-06-02T22:01:00.000Z');
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseAsOf(undefined, now)).toBe(now);
  });

  it('refuses a date-time without offset, which would depend on the machine’s time zone', () => {
    expect(() => parseAsOf('2024-06-03T00:01')).toThrow(
      /--as-of must be an ISO 8601 date-time with its offset/,
    );
    expect(() => parseAsOf('2024-06-03')).toThrow(/--as-of/);
  });
});

describe('tidende build', () => {
  it('builds the site and its search index, and refuses to change a published issue', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store.duckdb');
    const out = join(dir, 'site');
    expect(
      (await runCli(['ingest', 'test/fixtures/sample-small/events.ndjson', '--store', store])).code,
    ).toBe(0);

    const built = await runCli([
      'build',
      '--out',
      out,
      '--store',
      store,
      '--as-of',
      '2026-11-22T12:00:00+01:00',
    ]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/latest issue 2026-47; \d+ issues \(\d+ newly locked\)/);
    for (const path of [
      'index.html',
      'en/index.html',
      'issues/2026-47/index.html',
      'feed.xml',
      'sitemap.xml',
    ]) {
      expect(await exists(join(out, path)), path).toBe(true);
    }
    expect(await exists(join(out, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(await exists(join(out, 'search', 'numbers', 'manifest.json'))).toBe(true);
    expect(
      await readFile(join(out, 'issues', '2026-48', 'index.html'), 'utf8').catch(() => 'not built'),
    ).toBe('not built');

    // An event back-dated into an issue that was published: the build must refuse it.
    const late = join(dir, 'late.ndjson');
    const record = trademarkRecord({
      eventId: 'LATE-1',
      applicationNumber: 'LATE',
      publicationDate: '2020-10-05',
    });
    await writeFile(late, line(record));
    expect((await runCli(['ingest', late, '--store', store])).code).toBe(0);
    const refused = await runCli([
      'build',
      '--out',
      out,
      '--store',
      store,
      '--as-of',
      '2026-11-22T12:00:00+01:00',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Published issues would change, and published content is locked:');
    expect(refused.stderr).toContain('  2020-41: added LATE-1');
  });
});
