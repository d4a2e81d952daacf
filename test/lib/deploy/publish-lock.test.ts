import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISH_LOCK_PATH } from '../../../src/lib/deploy/deploy-manifest.ts';
import { fileTarget } from '../../../src/lib/deploy/file-target.ts';
import { acquirePublishLock } from '../../../src/lib/deploy/publish-lock.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('acquirePublishLock(target)', () => {
  it('takes the lock once: a second publish is told who holds it', async () => {
    const root = await tempDir();
    const target = fileTarget(root, `file://${root}`);
    const release = await acquirePublishLock(target);
    await expect(acquirePublishLock(target)).rejects.toThrow(`Another publish to file://${root} is running`);
    await release();
    expect(existsSync(join(root, PUBLISH_LOCK_PATH))).toBe(false);
  });

  it('releases only a lock that is still its own', async () => {
    const root = await tempDir();
    const target = fileTarget(root, `file://${root}`);
    const release = await acquirePublishLock(target);
    // Taken over as stale by another publish meanwhile.
    const theirs = JSON.stringify({ host: 'other', pid: 1, startedAt: new Date().toISOString(), token: 't' });
    await writeFile(join(root, PUBLISH_LOCK_PATH), theirs);
    await release();
    expect(await readFile(join(root, PUBLISH_LOCK_PATH), 'utf8')).toBe(theirs);
  });

  it('takes over a lock left by a publish that died long ago', async () => {
    const root = await tempDir();
    const target = fileTarget(root, `file://${root}`);
    const old = new Date(Date.now() - 7 * 3_600_000).toISOString();
    const died = await acquirePublishLock(target, { now: () => new Date(old) });
    const release = await acquirePublishLock(target);
    const lock = join(root, PUBLISH_LOCK_PATH);
    expect(JSON.parse(await readFile(lock, 'utf8')).startedAt).not.toBe(old);
    // The publish that was taken for dead leaves the new holder's lock alone.
    await died();
    expect(existsSync(lock)).toBe(true);
    await release();
    expect(existsSync(lock)).toBe(false);
  });
});
