import { spawn } from 'node:child_process';
import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGEFIND_BYTES_PER_PAGE } from '../../../src/lib/site/search-bundle-plan.ts';
import { defaultConcurrentBundles, indexSite } from '../../../src/lib/site/search-index.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function page(dir: string, path: string, html: string) {
  await mkdir(join(dir, path), { recursive: true });
  await writeFile(join(dir, path, 'index.html'), `<!doctype html>${html}`);
}

const rightPage = (lang: string, type: string, name = 'Glade Hav') =>
  `<html lang="${lang}"><head><title>t</title></head><body><header>Meny</header>
  <main data-pagefind-body><h1 data-pagefind-meta="summary:${type} 200503952">${name}</h1>
  <p>Hall Energy Ltd</p><span hidden data-pagefind-filter="right:${type}"></span></main></body></html>`;

/** A trademark's register page in nb, nn and en. */
async function right(dir: string, number: number, name = 'Glade Hav') {
  await page(dir, `trademark/${number}`, rightPage('nb', 'Varemerke', name));
  await page(dir, `nn/trademark/${number}`, rightPage('nn', 'Varemerke', name));
  await page(dir, `en/trademark/${number}`, rightPage('en', 'Trademark', name));
}

async function pageCounts(bundle: string): Promise<Record<string, number>> {
  const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.fromEntries(Object.entries(entry.languages).map(([lang, l]) => [lang, l.page_count]));
}

const bundleDirs = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.startsWith('pagefind')).sort();

describe('indexSite(outDir)', () => {
  it('writes one index per page language into pagefind/, of the pages marked for search', async () => {
    const dir = await tempDir();
    await page(dir, '', '<html lang="nb"><body><h1>Tidende</h1></body></html>');
    await right(dir, 200503952);
    expect(await indexSite(dir)).toEqual({
      pages: 4,
      indexed: 3,
      languages: ['en', 'nb', 'nn'],
      bundles: [{ dir: 'pagefind', pages: 3, reused: false }],
      strayFiles: [],
    });
    expect(await pageCounts(join(dir, 'pagefind'))).toEqual({ en: 1, nb: 1, nn: 1 });
    expect(JSON.parse(await readFile(join(dir, 'pagefind', 'bundles.json'), 'utf8'))).toEqual({ merge: [] });
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

describe('indexSite(outDir, { archivePages, maxBundlePages })', () => {
  it('indexes in bounded bundles, writes again only those whose pages changed, and removes the rest', async () => {
    const dir = await tempDir();
    for (const n of [1, 2, 3, 4, 5]) await right(dir, n);
    await page(dir, 'issues/2025-01', rightPage('nb', 'Utgave'));
    await page(dir, 'issues/2026-01', rightPage('nb', 'Utgave'));
    // Two bundles at a time, each in its own Pagefind process.
    const options = { archivePages: ['issues/2025-01/index.html'], maxBundlePages: 7, concurrentBundles: 2 };

    const first = await indexSite(dir, options);
    // The archive, then the other 16 pages by path without language: the issue with rights 1 and
    // 2, rights 3 and 4, right 5.
    expect(first.bundles).toEqual([
      { dir: 'pagefind-archive', pages: 1, reused: false },
      { dir: 'pagefind', pages: 7, reused: false },
      { dir: 'pagefind-2', pages: 6, reused: false },
      { dir: 'pagefind-3', pages: 3, reused: false },
    ]);
    expect(first.indexed).toBe(17);
    expect(await pageCounts(join(dir, 'pagefind-3'))).toEqual({ en: 1, nb: 1, nn: 1 });
    expect(JSON.parse(await readFile(join(dir, 'pagefind', 'bundles.json'), 'utf8'))).toEqual({
      merge: ['/pagefind-archive/', '/pagefind-2/', '/pagefind-3/'],
    });

    expect((await indexSite(dir, options)).bundles.map((b) => b.reused)).toEqual([true, true, true, true]);

    // A right's page changed: only its bundle is indexed again.
    await page(dir, 'nn/trademark/4', rightPage('nn', 'Varemerke', 'Glade Hav II'));
    expect((await indexSite(dir, options)).bundles.map((b) => b.reused)).toEqual([true, true, false, true]);

    // A bundle that a stopped build left half written, without its key, is written again.
    await writeFile(join(dir, 'pagefind-3', 'bundle-key.json'), '{');
    expect((await indexSite(dir, options)).bundles.map((b) => b.reused)).toEqual([true, true, true, false]);

    // A kept bundle holds just the files it was written with: others put there go, and the main
    // bundle keeps its list of bundles.
    await writeFile(join(dir, 'pagefind', 'evil.js'), 'alert(1)');
    await writeFile(join(dir, 'pagefind-2', 'fragment', 'en_evil.pf_fragment'), 'x');
    const tidied = await indexSite(dir, options);
    expect(tidied.bundles.map((b) => b.reused)).toEqual([true, true, true, true]);
    expect(tidied.strayFiles).toEqual(['pagefind-2/fragment/en_evil.pf_fragment', 'pagefind/evil.js']);
    expect(await exists(join(dir, 'pagefind', 'evil.js'))).toBe(false);
    expect(await exists(join(dir, 'pagefind', 'bundles.json'))).toBe(true);
    const key = JSON.parse(await readFile(join(dir, 'pagefind-2', 'bundle-key.json'), 'utf8'));
    expect(key.files).toContain('pagefind-entry.json');
    expect(key.files).toContain('pagefind.js');
    expect(key.files).not.toContain('bundle-key.json');

    // A bundle missing one of its files, or whose key lists none (an earlier version's), is
    // written again; a partial bundle a stopped build left is removed.
    await rm(join(dir, 'pagefind-2', 'pagefind-entry.json'));
    const { files: _, ...unlisted } = JSON.parse(
      await readFile(join(dir, 'pagefind-3', 'bundle-key.json'), 'utf8'),
    );
    await writeFile(join(dir, 'pagefind-3', 'bundle-key.json'), JSON.stringify(unlisted));
    await mkdir(join(dir, 'pagefind-2.partial-12345'));
    await writeFile(join(dir, 'pagefind-2.partial-12345', 'pagefind.js'), '');
    const again = await indexSite(dir, options);
    expect(again.bundles.map((b) => b.reused)).toEqual([true, true, false, false]);
    expect(again.strayFiles).toEqual([]);
    expect(await exists(join(dir, 'pagefind-2', 'pagefind-entry.json'))).toBe(true);
    expect(await bundleDirs(dir)).toEqual(['pagefind', 'pagefind-2', 'pagefind-3', 'pagefind-archive']);

    // Larger bundles, no archive: one bundle, and the others are gone.
    const one = await indexSite(dir, { maxBundlePages: 100 });
    expect(one.bundles).toEqual([{ dir: 'pagefind', pages: 17, reused: false }]);
    expect(await bundleDirs(dir)).toEqual(['pagefind']);
    expect(JSON.parse(await readFile(join(dir, 'pagefind', 'bundles.json'), 'utf8'))).toEqual({ merge: [] });
  });

  it('fails with a sentence, not in silence, when Pagefind’s process is stopped midway', async () => {
    const dir = await tempDir();
    for (let n = 0; n < 1500; n++) await right(dir, n, `Merke ${n} ${'ord '.repeat(200)}`);
    const module = new URL('../../../src/lib/site/search-index.ts', import.meta.url).href;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await (await import(${JSON.stringify(module)})).indexSite(${JSON.stringify(dir)});`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Stop Pagefind's process (started by a thread of the child) once it runs, as the system
    // does when memory runs out.
    let killed = false;
    while (!killed && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const threads = await readdir(`/proc/${child.pid}/task`).catch(() => [] as string[]);
      for (const thread of threads) {
        const children = await readFile(`/proc/${child.pid}/task/${thread}/children`, 'utf8').catch(() => '');
        for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
          const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
          if (name.startsWith('pagefind')) {
            process.kill(Number(pid), 'SIGKILL');
            killed = true;
          }
        }
      }
    }
    expect(await exited).toBe(1);
    expect(killed).toBe(true);
    expect(stderr).toMatch(/Pagefind's process stopped without answering while it was to index pagefind\//);
    // Nothing half written was left as a bundle.
    await expect(access(join(dir, 'pagefind'))).rejects.toThrow();
  }, 30_000);
});

describe('defaultConcurrentBundles(maxBundlePages)', () => {
  it('runs a bundle per core while memory holds them, and always one', () => {
    expect(defaultConcurrentBundles(1000)).toBe(availableParallelism());
    // Bundles so large that only one fits in this machine's memory.
    expect(defaultConcurrentBundles(Math.floor(totalmem() / PAGEFIND_BYTES_PER_PAGE / 1.5))).toBe(1);
    expect(defaultConcurrentBundles(Number.MAX_SAFE_INTEGER)).toBe(1);
  });
});
