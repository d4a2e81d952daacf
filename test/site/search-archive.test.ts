import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archivedIssues, archivePages } from '../../src/lib/site/search-archive.ts';
import { indexSite } from '../../src/lib/site/search-index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { fixture } from './fixture-data.ts';

const tempDir = useTempDirs();

const issue = (id: string) => ({ id, year: Number(id.slice(0, 4)) });

describe('archivedIssues(site) and archivePages(site)', () => {
  it('archive the issues of the years before the latest issue’s, in every language', async () => {
    const site = await fixture.site();
    expect(archivedIssues(site)).toEqual(['2020-53', '2020-52']);
    expect(archivePages(site)).toEqual([
      'issues/2020-53/index.html',
      'nn/issues/2020-53/index.html',
      'en/issues/2020-53/index.html',
      'issues/2020-52/index.html',
      'nn/issues/2020-52/index.html',
      'en/issues/2020-52/index.html',
    ]);
  });

  it('archive nothing while every issue is of one year', () => {
    expect(archivedIssues({ issues: [issue('2021-02'), issue('2021-01')] as never })).toEqual([]);
    expect(archivedIssues({ issues: [] })).toEqual([]);
  });
});

async function page(dir: string, path: string, lang: string, words: string) {
  await mkdir(join(dir, path), { recursive: true });
  await writeFile(
    join(dir, path, 'index.html'),
    `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><main data-pagefind-body><h1>${words}</h1></main></body></html>`,
  );
}

async function pageCount(bundle: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('indexSite(outDir, { archivePages })', () => {
  it('indexes the archive pages in a bundle of their own, again only when one of them changed', async () => {
    const dir = await tempDir();
    await page(dir, '', 'nb', 'Tidende');
    await page(dir, 'trademark/200503952', 'nb', 'Glade Hav');
    await page(dir, 'issues/2025-01', 'nb', 'Utgave 2025-01');
    await page(dir, 'issues/2025-02', 'nb', 'Utgave 2025-02');
    await page(dir, 'en/issues/2025-01', 'en', 'Issue 2025-01');
    await page(dir, 'issues/2026-01', 'nb', 'Utgave 2026-01');
    const archive = [
      'issues/2025-01/index.html',
      'issues/2025-02/index.html',
      'en/issues/2025-01/index.html',
    ];

    const first = await indexSite(dir, { archivePages: archive });
    expect(first).toEqual({ pages: 6, languages: ['en', 'nb'], archive: { pages: 3, reused: false } });
    expect(await pageCount(join(dir, 'pagefind-archive'))).toBe(3);
    // The site's bundle has the other pages: home, the right and this year's issue.
    expect(await pageCount(join(dir, 'pagefind'))).toBe(3);
    expect(JSON.parse(await readFile(join(dir, 'pagefind', 'archive.json'), 'utf8'))).toEqual({
      archive: '/pagefind-archive/',
    });

    expect((await indexSite(dir, { archivePages: archive })).archive).toEqual({ pages: 3, reused: true });

    await page(dir, 'issues/2025-02', 'nb', 'Utgave 2025-02 med neste utgave');
    expect((await indexSite(dir, { archivePages: archive })).archive).toEqual({ pages: 3, reused: false });

    // An archive written by another version of Pagefind is written again.
    const entryFile = join(dir, 'pagefind-archive', 'pagefind-entry.json');
    const entry = JSON.parse(await readFile(entryFile, 'utf8'));
    await writeFile(entryFile, JSON.stringify({ ...entry, version: '0.9.0' }));
    expect((await indexSite(dir, { archivePages: archive })).archive).toEqual({ pages: 3, reused: false });

    // Without archive pages: one bundle, and the marker says so.
    expect((await indexSite(dir)).archive).toBeUndefined();
    expect(await exists(join(dir, 'pagefind-archive'))).toBe(false);
    expect(await pageCount(join(dir, 'pagefind'))).toBe(6);
    expect(JSON.parse(await readFile(join(dir, 'pagefind', 'archive.json'), 'utf8'))).toEqual({
      archive: null,
    });
  });
});
