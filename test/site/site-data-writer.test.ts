import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSiteDataWriter, recoverSiteData } from '../../src/lib/site/site-data-writer.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** Every file of a folder with its content, the writer's hashes file left out. */
async function contents(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === '.content-hashes.json') continue;
    const path = join(entry.parentPath, entry.name);
    found[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return found;
}

async function exportFiles(dir: string, files: Record<string, string>) {
  const writer = await openSiteDataWriter(dir);
  for (const [file, content] of Object.entries(files)) await writer.write(file, content);
  return writer.commit();
}

describe('openSiteDataWriter(dir)', () => {
  it('writes a new folder whole, then only what changed, and removes what was not written again', async () => {
    const dir = join(await tempDir(), 'site-data');
    expect(await exportFiles(dir, { 'site.json': '1', 'rights/a.json': 'a', 'rights/b.json': 'b' })).toEqual({
      written: 3,
      unchanged: 0,
      removed: 0,
    });
    expect(await exportFiles(dir, { 'site.json': '2', 'rights/a.json': 'a', 'rights/c.json': 'c' })).toEqual({
      written: 2,
      unchanged: 1,
      removed: 1,
    });
    expect(await contents(dir)).toEqual({ 'site.json': '2', 'rights/a.json': 'a', 'rights/c.json': 'c' });
    expect(await readdir(join(dir, '..'))).toEqual(['site-data']);
  });

  it('writes again a file that went missing from the folder', async () => {
    const dir = join(await tempDir(), 'site-data');
    await exportFiles(dir, { 'a.json': 'a', 'b.json': 'b' });
    await rm(join(dir, 'a.json'));
    expect(await exportFiles(dir, { 'a.json': 'a', 'b.json': 'b' })).toEqual({
      written: 1,
      unchanged: 1,
      removed: 0,
    });
    expect(await contents(dir)).toEqual({ 'a.json': 'a', 'b.json': 'b' });
  });

  it('leaves the folder as it was when an export is abandoned', async () => {
    const dir = join(await tempDir(), 'site-data');
    await exportFiles(dir, { 'site.json': '1', 'rights/a.json': 'a' });
    const writer = await openSiteDataWriter(dir);
    await writer.write('site.json', '2');
    await writer.write('rights/b.json', 'b');
    await writer.abandon();
    expect(await contents(dir)).toEqual({ 'site.json': '1', 'rights/a.json': 'a' });
    expect(await readdir(join(dir, '..'))).toEqual(['site-data']);
  });

  it('throws away what an export that died before its commit staged', async () => {
    const dir = join(await tempDir(), 'site-data');
    await exportFiles(dir, { 'site.json': '1' });
    await mkdir(`${dir}.partial/rights`, { recursive: true });
    await writeFile(`${dir}.partial/rights/half.json`, '{"hal');
    await recoverSiteData(dir);
    expect(await contents(dir)).toEqual({ 'site.json': '1' });
    expect(await readdir(join(dir, '..'))).toEqual(['site-data']);
  });

  it('finishes the commit of an export that died half-way through it', async () => {
    const dir = join(await tempDir(), 'site-data');
    await exportFiles(dir, { 'site.json': '1', 'rights/a.json': 'a', 'rights/b.json': 'b' });
    // As a commit leaves it when stopped after moving site.json: b.json staged, a.json to go.
    await mkdir(`${dir}.partial/rights`, { recursive: true });
    await writeFile(`${dir}.partial/rights/b.json`, 'b2');
    await writeFile(join(dir, 'site.json'), '2');
    await writeFile(
      `${dir}.partial/.journal.json`,
      JSON.stringify({
        version: 1,
        replace: false,
        move: ['site.json', 'rights/b.json'],
        remove: ['rights/a.json'],
      }),
    );
    // The next export finishes it first, and then sees the folder as that export left it.
    expect(await exportFiles(dir, { 'site.json': '2', 'rights/b.json': 'b2' })).toMatchObject({ removed: 0 });
    expect(await contents(dir)).toEqual({ 'site.json': '2', 'rights/b.json': 'b2' });
    expect(await readdir(join(dir, '..'))).toEqual(['site-data']);
  });

  it('refuses a file written twice in one export', async () => {
    const writer = await openSiteDataWriter(join(await tempDir(), 'site-data'));
    await writer.write('a.json', 'a');
    await expect(writer.write('a.json', 'b')).rejects.toThrow('The site data export wrote a.json twice.');
    await writer.abandon();
  });
});
