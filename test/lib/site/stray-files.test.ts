import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRemoved, removeStrayFiles } from '../../../src/lib/site/stray-files.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function put(dir: string, path: string, text = 'x'): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
}

/** Every file and folder under `dir`, folders with a trailing slash, sorted. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .map((e) => `${join(e.parentPath, e.name).slice(dir.length + 1)}${e.isDirectory() ? '/' : ''}`)
    .sort();
}

describe('removeStrayFiles(dir, owns)', () => {
  it('removes the files nothing owns and the folders they leave empty; owned folders stay whole', async () => {
    const dir = await tempDir();
    const outside = join(await tempDir(), 'secret.txt');
    await writeFile(outside, 'keep me');
    for (const path of [
      'index.html',
      'issues/2026-47/index.html',
      'issues/stray/index.html',
      'evil.html',
      '_astro/site.css',
      '_astro/evil.js',
      'pagefind/pagefind.js',
      'pagefind/anything.js',
      'search/index.html',
      'search/numbers/0.json',
      'search/evil.json',
      'deep/er/still/stray.txt',
    ]) {
      await put(dir, path);
    }
    await mkdir(join(dir, 'empty/too'), { recursive: true });
    await symlink(outside, join(dir, 'link.txt'));
    // A link where a file is owned.
    await symlink(outside, join(dir, 'about.html'));
    const owned = new Set([
      'index.html',
      'about.html',
      'issues/2026-47/index.html',
      '_astro/site.css',
      'search/index.html',
    ]);

    const removed = await removeStrayFiles(
      dir,
      (path) => owned.has(path) || path === 'pagefind/' || path === 'search/numbers/',
    );

    expect(removed).toEqual([
      '_astro/evil.js',
      'about.html',
      'deep/er/still/stray.txt',
      'evil.html',
      'issues/stray/index.html',
      'link.txt',
      'search/evil.json',
    ]);
    expect(await listing(dir)).toEqual([
      '_astro/',
      '_astro/site.css',
      'index.html',
      'issues/',
      'issues/2026-47/',
      'issues/2026-47/index.html',
      'pagefind/',
      'pagefind/anything.js',
      'pagefind/pagefind.js',
      'search/',
      'search/index.html',
      'search/numbers/',
      'search/numbers/0.json',
    ]);
    // Links are removed, not what they lead to.
    expect(await readFile(outside, 'utf8')).toBe('keep me');
  });

  it('leaves a folder holding only owned files as it is, and finds nothing in a folder that is not there', async () => {
    const dir = await tempDir();
    await put(dir, 'a/b.html');
    expect(await removeStrayFiles(dir, (path) => path === 'a/b.html')).toEqual([]);
    expect(await listing(dir)).toEqual(['a/', 'a/b.html']);
    expect(await removeStrayFiles(join(dir, 'none'), () => false)).toEqual([]);
  });
});

describe('describeRemoved(paths)', () => {
  it('counts the files and names at most three, on one line', () => {
    expect(describeRemoved([])).toBe('0 removed');
    expect(describeRemoved(['evil.html', '_astro/evil.js'])).toBe('2 removed: evil.html, _astro/evil.js');
    expect(describeRemoved(['a', 'b', 'c', 'd\nx'])).toBe('4 removed: a, b, c, …');
    expect(describeRemoved(['line\nbreak.html'])).toBe('1 removed: line?break.html');
  });
});
