/**
 * `tidende build` into a kept folder (as CI restores it from a cache): the folder ends up holding
 * exactly what the build made. Files planted in it are removed, whatever stage's folder they are
 * in, a tampered document is put right, and a planted page never reaches the search index.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isBundleDir } from '../../src/lib/site/search-bundles.ts';
import { parseStageTimings } from '../../src/lib/site/stage-timings.ts';
import { runCli } from '../helpers/run-cli.ts';
import { builtSampleSite, FIRST_AS_OF } from '../helpers/sample-site.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A word no page of the site has. */
const PLANTED_WORD = 'zorblaxquuxplanted';
const PLANTED_PAGE = `<!doctype html><html lang="nb"><head><title>x</title></head><body>
<main data-pagefind-body><h1>${PLANTED_WORD}</h1><p>${PLANTED_WORD}</p></main></body></html>`;

/** Files planted in the built folder, each where some stage writes. */
const PLANTED = [
  'evil.html',
  '_astro/evil.js',
  'issues/stray/index.html',
  'search/evil.json',
  'search/numbers.partial-4242/0.json',
  'documents/0000000000000000000000000000000000000000000000000000000000000000.svg',
  'data/evil.csv',
  'pagefind-evil.html',
  // Inside a search bundle the next build keeps.
  'pagefind/evil.js',
  'pagefind/fragment/nb_evil.pf_fragment',
  // A bundle half written by a build that was stopped.
  'pagefind.partial-4242/pagefind.js',
];

async function put(dir: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
}

/** Every file under `dir`, sorted; in search bundles with Pagefind's content hashes blanked. */
async function fileList(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .map((path) =>
      // Pagefind names index chunks by a hash of their content, which varies from run to run.
      isBundleDir(path.split('/')[0] as string) ? path.replace(/_[0-9a-f]{7,10}\./, '_#.') : path,
    )
    .sort();
}

/** Every text in the search bundles of the site (Pagefind's files are gzipped). */
async function searchIndexText(dir: string): Promise<string> {
  const texts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !isBundleDir(path.slice(dir.length + 1).split('/')[0] as string)) continue;
    const bytes = await readFile(path);
    try {
      texts.push(gunzipSync(bytes).toString('utf8'));
    } catch {
      texts.push(bytes.toString('utf8'));
    }
  }
  return texts.join('\n');
}

describe('tidende build into a kept folder', () => {
  it('removes every file the build did not make, restores a tampered document, and indexes no planted page', async () => {
    const dir = await tempDir();
    const { store, out, build } = await builtSampleSite(dir);
    const outside = join(dir, 'outside.txt');
    await writeFile(outside, 'not the site’s');

    // A document changed in place: same size, other bytes.
    const documents = (await readdir(join(out, 'documents'))).sort();
    const tampered = join(out, 'documents', documents[0] as string);
    const original = await readFile(tampered);
    const changed = Buffer.from(original);
    changed[changed.length - 1] = (changed.at(-1) as number) ^ 1;
    await writeFile(tampered, changed);

    for (const path of PLANTED) await put(out, path, path.endsWith('.html') ? PLANTED_PAGE : 'planted');
    await symlink(outside, join(out, 'link.txt'));
    await mkdir(join(out, 'empty', 'folder'), { recursive: true });

    const rebuilt = await build(FIRST_AS_OF);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    const stages = new Map(parseStageTimings(rebuilt.stdout).map((t) => [t.stage, t.detail ?? '']));
    expect(stages.get('astro render')).toMatch(/ [1-9]\d* kept/);
    expect(stages.get('documents')).toBe('1 copied');
    expect(stages.get('open data into site')).toMatch(/, 1 removed: data\/evil\.csv$/);
    // Named at most three: the first in order.
    expect(stages.get('stray files')).toBe(
      '8 removed: _astro/evil.js, documents/0000000000000000000000000000000000000000000000000000000000000000.svg, evil.html, …',
    );
    // The bundles are kept (their pages did not change), but not what was put in them.
    expect(stages.get('search index')).toMatch(
      /\((\d+) kept, their pages unchanged\); stray files in kept bundles: 2 removed: pagefind\/evil\.js, pagefind\/fragment\/nb_evil\.pf_fragment$/,
    );

    for (const path of [...PLANTED, 'link.txt', 'empty'])
      expect(await exists(join(out, path)), path).toBe(false);
    expect(await readFile(outside, 'utf8')).toBe('not the site’s');
    const restored = await readFile(tampered);
    expect(createHash('sha256').update(restored).digest('hex')).toBe(documents[0]?.split('.')[0]);
    expect(restored.equals(original)).toBe(true);
    const index = await searchIndexText(out);
    expect(index).toContain('Varemerke');
    expect(index).not.toContain(PLANTED_WORD);

    // A build of the same store into an empty folder makes the same files.
    const fresh = join(dir, 'fresh');
    const built = await runCli(['build', '--out', fresh, '--store', store, '--as-of', FIRST_AS_OF]);
    expect(built.code).toBe(0);
    expect(parseStageTimings(built.stdout).find((t) => t.stage === 'stray files')?.detail).toBe('0 removed');
    expect(await fileList(out)).toEqual(await fileList(fresh));
  }, 240_000);
});
