/**
 * Store faults in words: a damaged store, a full disk and a store in use each get one sentence
 * with what to do, and the store is left as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeFaultOf } from '../../../src/lib/store/store-faults.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const SAMPLE = 'test/fixtures/sample-small/events.ndjson';

/** A 1 MB file system, where the machine lets this process mount one (root on Linux, as in CI). */
function mountTiny(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
});

describe('storeFaultOf(error)', () => {
  it('tells a full disk, a damaged file and a store in use, through causes too', () => {
    expect(storeFaultOf(new Error('IO Error: Could not write file "x": No space left on device'))).toBe(
      'disk-full',
    );
    expect(storeFaultOf(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe('disk-full');
    expect(
      storeFaultOf(new Error('wrapped', { cause: new Error('not a valid DuckDB database file!') })),
    ).toBe('damaged');
    expect(storeFaultOf(new Error('IO Error: Could not set lock on file "s.duckdb"'))).toBe('in-use');
    expect(storeFaultOf(new Error('Binder Error: column x not found'))).toBeNull();
  });
});

describe('a store fault, met by the CLI', () => {
  it('reads a truncated store as damaged, says what to do, and leaves it as it is', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store.duckdb');
    expect((await runCli(['ingest', SAMPLE, '--store', store])).code).toBe(0);
    await writeFile(store, (await readFile(store)).subarray(0, 100_000));
    const before = await readFile(store);
    const result = await runCli(['build', '--out', join(dir, 'site'), '--store', store]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `tidende build: The event store ${store} is damaged: it cannot be read as a DuckDB database. It was left as it is. ` +
        'Restore the store and its document-store/ folder from their backup (see Operations in the README).\n',
    );
    expect((await readFile(store)).equals(before)).toBe(true);
  });

  const dir = join(process.env.TMPDIR ?? '/tmp', `tidende-full-${process.pid}`);
  it('says the disk is full when it is, and that nothing was lost', async () => {
    await mkdir(dir, { recursive: true });
    if (!mountTiny(dir)) {
      // Mounting needs root; CI has it. Say so rather than pass without testing.
      console.warn('skipped: cannot mount a tmpfs here (needs root)');
      return;
    }
    mounted.push(dir);
    const result = await runCli(['ingest', SAMPLE, '--store', join(dir, 'store.duckdb')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'is full. Free space there (or move the store with --store) and run again',
    );
    expect(result.stderr).not.toContain('unexpected error');
  });
});
