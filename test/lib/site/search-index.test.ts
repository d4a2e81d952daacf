import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexSite } from '../../../src/lib/site/search-index.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function page(dir: string, path: string, html: string) {
  await mkdir(join(dir, path), { recursive: true });
  await writeFile(join(dir, path, 'index.html'), `<!doctype html>${html}`);
}

const rightPage = (lang: string, type: string) =>
  `<html lang="${lang}"><head><title>t</title></head><body><header>Meny</header>
  <main data-pagefind-body><h1 data-pagefind-meta="summary:${type} 200503952">Glade Hav</h1>
  <p>Hall Energy Ltd</p><span hidden data-pagefind-filter="right:${type}"></span></main></body></html>`;

describe('indexSite(outDir)', () => {
  it('writes one index per page language into pagefind/', async () => {
    const dir = await tempDir();
    await page(dir, '', '<html lang="nb"><body><h1>Tidende</h1></body></html>');
    await page(dir, 'trademark/200503952', rightPage('nb', 'Varemerke'));
    await page(dir, 'nn/trademark/200503952', rightPage('nn', 'Varemerke'));
    await page(dir, 'en/trademark/200503952', rightPage('en', 'Trademark'));
    expect(await indexSite(dir)).toEqual({ pages: 4, languages: ['en', 'nb', 'nn'] });
    const entry = JSON.parse(await readFile(join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages.nb.page_count).toBe(1);
  });

  it('replaces an earlier index', async () => {
    const dir = await tempDir();
    await page(dir, 'trademark/200503952', rightPage('nb', 'Varemerke'));
    await indexSite(dir);
    await page(dir, 'en/trademark/200503952', rightPage('en', 'Trademark'));
    expect((await indexSite(dir)).languages).toEqual(['en', 'nb']);
  });

  it('fails with a plain sentence on a folder without pages', async () => {
    const dir = await tempDir();
    await expect(indexSite(dir)).rejects.toThrow(
      `Pagefind found no HTML page in ${dir}. Build the site into that folder first.`,
    );
  });
});
