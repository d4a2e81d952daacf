import { access, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asOfOption } from '../../scripts/commands/parse-options.ts';
import { astroCacheDir } from '../../src/lib/site/astro-render.ts';
import { normaliseNumber, numberShardFile } from '../../src/lib/site/number-key.ts';
import { parseStageTimings } from '../../src/lib/site/stage-timings.ts';
import { start } from '../../src/lib/site/static-server.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('asOfOption(args)', () => {
  const parseAsOf = (value: string | undefined, now?: Date) =>
    asOfOption({ values: { 'as-of': value }, positionals: [] }, 'build', now);

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
  it('refuses a store that does not exist instead of building an empty gazette', async () => {
    const dir = await tempDir();
    const store = join(dir, 'nowhere.duckdb');
    const result = await runCli(['build', '--out', join(dir, 'site'), '--store', store]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No event store at ${store}. Ingest an extract into it first`);
    expect(await exists(store)).toBe(false);
    expect(await exists(join(dir, 'site'))).toBe(false);
  });

  it('builds from an office’s own folder, outside the project, with paths relative to it', async () => {
    const dir = await tempDir();
    await writeExtract(join(dir, 'week.ndjson'), line(trademarkRecord({ eventId: 'HERE-1' })));
    const cwd = { cwd: dir };
    expect((await runCli(['ingest', 'week.ndjson', '--store', 'store.duckdb'], {}, cwd)).code).toBe(0);
    const built = await runCli(
      // The office's mapping tables: here the project's, given by absolute path.
      [
        'build',
        '--out',
        'site',
        '--store',
        'store.duckdb',
        '--as-of',
        '2026-12-07T12:00:00Z',
        '--mappings',
        resolve('mappings'),
      ],
      { TIDENDE_SITE_URL: '' },
      cwd,
    );
    expect(built.code, built.stderr).toBe(0);
    expect(await exists(join(dir, 'site', 'index.html'))).toBe(true);
    // No site URL was given: the build says that its absolute URLs are the local preview's.
    expect(built.stderr).toContain('no --site-url or TIDENDE_SITE_URL given');
    expect(built.stderr).toContain('is http://localhost:4321, for a local preview');
    // Astro's own working files stay out of the office's folder and out of the site.
    expect(await exists(join(dir, '.astro'))).toBe(false);
    expect(await exists(join(dir, 'site', '.prerender'))).toBe(false);
  }, 240_000);

  it('builds the site and its search index, rebuilds only what changed, and refuses to change a published issue', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store.duckdb');
    const out = join(dir, 'site');
    // A trademark whose application number has a slash, published in issue 2026-47.
    const slashed = join(dir, 'slashed.ndjson');
    await writeFile(
      slashed,
      line(
        trademarkRecord({
          eventId: 'SLASH-1',
          applicationNumber: '2026/00042',
          nationalCode: 'TMFIL',
          eventDate: '2026-11-10',
          publicationDate: '2026-11-16',
          documents: [],
        }),
      ),
    );
    expect(
      (await runCli(['ingest', 'test/fixtures/sample-small/events.ndjson', slashed, '--store', store])).code,
    ).toBe(0);

    const build = (asOf: string) => runCli(['build', '--out', out, '--store', store, '--as-of', asOf]);
    const built = await build('2026-11-22T12:00:00+01:00');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/latest issue 2026-47; \d+ issues \(\d+ newly locked\)/);
    // One line per stage, with its time.
    expect(parseStageTimings(built.stdout).map((t) => t.stage)).toEqual([
      'mappings and lock',
      'site data export',
      'open data export',
      'astro render',
      'documents',
      'open data into site',
      'stray files',
      'search index',
      'number index',
    ]);
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
    // The open data under /data/, listed on the data page with its hash.
    const dataPackage = JSON.parse(await readFile(join(out, 'data', 'datapackage.json'), 'utf8'));
    const rights = dataPackage.resources.find((r: { path: string }) => r.path === 'snapshot/rights.parquet');
    expect(rights.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await exists(join(out, 'data', 'snapshot', 'rights.parquet'))).toBe(true);
    expect(await exists(join(out, 'data', 'catalog.ttl'))).toBe(true);
    // The hash in full, one tap away; its first characters in the table's row.
    const dataPage = await readFile(join(out, 'data', 'index.html'), 'utf8');
    expect(dataPage).toContain(`<summary><code>${rights.hash.slice(7, 19)}…</code></summary>`);
    expect(dataPage).toContain(`<code>${rights.hash.slice(7)}</code>`);
    expect(await exists(join(out, 'pagefind-archive', 'pagefind-entry.json'))).toBe(true);
    expect(await exists(join(out, 'search', 'numbers', 'manifest.json'))).toBe(true);
    expect(
      await readFile(join(out, 'issues', '2026-48', 'index.html'), 'utf8').catch(() => 'not built'),
    ).toBe('not built');

    // The right with a slash: its data file, its page, and every link to it use `2026_00042`.
    expect(await exists(join(dir, 'site-data', 'rights', 'trademark', '2026_00042.json'))).toBe(true);
    const issue = await readFile(join(out, 'issues', '2026-47', 'index.html'), 'utf8');
    expect(issue).toContain('href="/trademark/2026_00042/"');
    expect(await readFile(join(out, 'sitemaps', 'rights-1.xml'), 'utf8')).toContain(
      '/en/trademark/2026_00042/</loc>',
    );
    const manifest = JSON.parse(await readFile(join(out, 'search/numbers/manifest.json'), 'utf8'));
    const shard = JSON.parse(
      await readFile(
        join(out, 'search/numbers', numberShardFile(normaliseNumber('2026/00042'), manifest.bits)),
        'utf8',
      ),
    );
    expect(shard[normaliseNumber('2026/00042')][0].path).toBe('trademark/2026_00042/');
    const server = await start(out);
    try {
      const page = await fetch(new URL('trademark/2026_00042/', server.url));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1 data-pagefind-meta="summary:Varemerke 2026/00042');
      // Its register page carries the gazette section it was published in, for the search filter.
      expect(html).toContain('<span hidden data-pagefind-filter="section:Søknader"></span>');
    } finally {
      await server.close();
    }

    // A week earlier: issue 2026-47 is not out, its pages go, the rest is kept as it was.
    const earlier = await build('2026-11-15T12:00:00+01:00');
    expect(earlier.code).toBe(0);
    expect(await exists(join(out, 'issues', '2026-47', 'index.html'))).toBe(false);
    expect(await exists(join(out, 'trademark', '2026_00042', 'index.html'))).toBe(false);
    const stages = new Map(parseStageTimings(earlier.stdout).map((t) => [t.stage, t.detail ?? '']));
    expect(stages.get('site data export')).toMatch(/ [1-9]\d* removed/);
    expect(stages.get('astro render')).toMatch(/ [1-9]\d* kept, [1-9]\d* removed/);
    // The archive of past years' issues is unchanged: its bundle is kept.
    expect(stages.get('search index')).toMatch(/ indexed in 2 bundles \(1 kept, their pages unchanged\)/);
    // The open data of issues locked by the first build is carried over, not written again.
    expect(stages.get('open data export')).toMatch(/, [1-9]\d* deltas of locked issues kept/);

    // A build that died leaves its mark in Astro's cache folder: the next renders every page.
    const cache = astroCacheDir(join(dir, 'astro-cache'), out);
    await writeFile(join(cache, 'build-running'), 'died');
    const after = await build('2026-11-22T12:00:00+01:00');
    expect(after.code).toBe(0);
    expect(parseStageTimings(after.stdout).find((t) => t.stage === 'astro render')?.detail).toMatch(
      /\(full build\), 0 kept/,
    );
    expect(await exists(join(out, 'issues', '2026-47', 'index.html'))).toBe(true);
    expect(await exists(join(cache, 'build-running'))).toBe(false);
    // A full build empties the folder; the open data is put back after it.
    expect(await exists(join(out, 'data', 'snapshot', 'rights.parquet'))).toBe(true);
    expect(await exists(join(out, 'data', 'index.html'))).toBe(true);

    // An event back-dated into an issue that was published: ingest refuses it, so it never
    // reaches the store and the next build goes through.
    const late = join(dir, 'late.ndjson');
    const record = trademarkRecord({
      eventId: 'LATE-1',
      applicationNumber: 'LATE',
      publicationDate: '2020-10-05',
    });
    await writeExtract(late, line(record));
    const ingested = await runCli(['ingest', late, '--store', store]);
    expect(ingested.code).toBe(1);
    expect(ingested.stderr).toContain('publicationDate: expected a date in an issue not yet published');
    expect(ingested.stderr).toContain('(issue 2020-41, already published and locked)');
    expect((await build('2026-11-22T12:00:00+01:00')).code).toBe(0);
  });
});
