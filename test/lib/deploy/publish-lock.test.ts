import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { azureTarget } from '../../../src/lib/deploy/azure-target.ts';
import { PUBLISH_LOCK_PATH } from '../../../src/lib/deploy/deploy-manifest.ts';
import type { DeployTarget } from '../../../src/lib/deploy/deploy-target.ts';
import { fileTarget } from '../../../src/lib/deploy/file-target.ts';
import { acquirePublishLock, type PublishLock } from '../../../src/lib/deploy/publish-lock.ts';
import { type Azurite, startAzurite } from '../../helpers/azurite.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
let azurite: Azurite | undefined;
let containers = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);

afterAll(async () => {
  await azurite?.stop();
});

interface Place {
  target: DeployTarget;
  /** The lock file's text, or null when there is none. */
  lockText(): Promise<string | null>;
  /** Puts `text` there as the lock, as another (older or dead) publish left it. */
  plant(text: string): Promise<void>;
}

const places: Record<string, () => Promise<Place>> = {
  async folder() {
    const root = await tempDir();
    const file = join(root, PUBLISH_LOCK_PATH);
    const target = fileTarget(root, `file://${root}`);
    return {
      target,
      lockText: async () => (existsSync(file) ? readFile(file, 'utf8') : null),
      async plant(text) {
        await target.upload(
          PUBLISH_LOCK_PATH,
          { data: Buffer.from(text) },
          { contentType: '', cacheControl: '' },
        );
      },
    };
  },
  async azurite() {
    const name = `lock-${++containers}`;
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite?.connectionString };
    const container = BlobServiceClient.fromConnectionString(
      azurite?.connectionString as string,
    ).getContainerClient(name);
    await container.create();
    const target = await azureTarget(
      { url: `azure://devstoreaccount1/${name}`, account: 'devstoreaccount1', container: name },
      env,
    );
    return {
      target,
      async lockText() {
        const found = await target.read(PUBLISH_LOCK_PATH);
        return found ? found.data.toString('utf8') : null;
      },
      async plant(text) {
        await container.getBlockBlobClient(PUBLISH_LOCK_PATH).uploadData(Buffer.from(text));
      },
    };
  },
};

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const holder = (startedAt: string, extra: object = {}) =>
  JSON.stringify({ host: 'ci-runner-7', pid: 4242, startedAt, token: 'theirs', ...extra });

/** Runs `count` takers at once; resolves to the locks taken and the refusals. */
async function race(target: DeployTarget, count: number) {
  const results = await Promise.allSettled(Array.from({ length: count }, () => acquirePublishLock(target)));
  const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const refused = results.flatMap((r) =>
    r.status === 'rejected' ? [String((r.reason as Error).message)] : [],
  );
  return { won, refused };
}

describe.each(Object.keys(places))('the publish lock at a %s', (kind) => {
  const place = () => places[kind]?.() as Promise<Place>;

  it('takes the lock once: a second publish is told who holds it; released, it is gone', async () => {
    const { target, lockText } = await place();
    const lock = await acquirePublishLock(target);
    await expect(acquirePublishLock(target)).rejects.toThrow(
      `Another publish to ${target.url} is running: started`,
    );
    await lock.release();
    expect(await lockText()).toBeNull();
  });

  it('of publishes racing for a free lock, exactly one wins and the others say who holds it', async () => {
    const { target } = await place();
    const { won, refused } = await race(target, 6);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(5);
    for (const message of refused)
      expect(message).toMatch(/Another publish .* is running: started .* \(process \d+\)|took it first/);
    await won[0]?.release();
  });

  it('of publishes racing to take over a stale lock, exactly one wins', async () => {
    const { target, lockText, plant } = await place();
    await plant(holder(hoursAgo(7)));
    const { won, refused } = await race(target, 6);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(5);
    expect(JSON.parse((await lockText()) as string).token).not.toBe('theirs');
    await won[0]?.release();
    expect(await lockText()).toBeNull();
  });

  it('does not take over a lock its holder keeps renewing, however long ago it started', async () => {
    const { target, plant } = await place();
    await plant(holder(hoursAgo(30), { renewedAt: new Date().toISOString() }));
    await expect(acquirePublishLock(target)).rejects.toThrow(/ci-runner-7 \(process 4242\), last renewed/);
  });

  it('renews its lock, so that it is never taken for stale while it runs', async () => {
    const { target, lockText } = await place();
    const lock = await acquirePublishLock(target, { renewEveryMs: 50 });
    const first = JSON.parse((await lockText()) as string);
    await sleep(300);
    const later = JSON.parse((await lockText()) as string);
    expect(later.token).toBe(first.token);
    expect(later.renewedAt > first.startedAt).toBe(true);
    await lock.confirm();
    await lock.release();
    expect(await lockText()).toBeNull();
  });

  it('lets a stop that comes while the lock is being taken release it once taken, never leave it', async () => {
    const { target, lockText } = await place();
    // The target is slow to answer the create: the lock is there before the call returns.
    let answer: () => void = () => undefined;
    const slow: DeployTarget = {
      ...target,
      create: async (...args) => {
        const created = await target.create(...args);
        await new Promise<void>((resolve) => {
          answer = resolve;
        });
        return created;
      },
    };
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      const taking = acquirePublishLock(slow);
      for (let waited = 0; (await lockText()) === null && waited < 5_000; waited += 10) await sleep(10);
      expect(await lockText()).not.toBeNull();
      // A cancelled CI job, right then: without a handler the process would die holding the lock.
      process.emit('SIGTERM', 'SIGTERM');
      answer();
      await taking;
      for (let waited = 0; exit.mock.calls.length === 0 && waited < 5_000; waited += 10) await sleep(10);
      expect(exit).toHaveBeenCalledWith(143);
      expect(await lockText()).toBeNull();
    } finally {
      exit.mockRestore();
    }
  });

  it('releases only a lock that is still its own, and knows before deploying that it lost it', async () => {
    const { target, lockText, plant } = await place();
    const lock: PublishLock = await acquirePublishLock(target);
    // Taken over by another publish meanwhile (it found this one stale).
    const theirs = holder(new Date().toISOString());
    await plant(theirs);
    await expect(lock.confirm()).rejects.toThrow(
      /no longer this publish's: it is held started .* on ci-runner-7/,
    );
    await lock.release();
    expect(await lockText()).toBe(theirs);
  });

  it('takes over a lock left by a publish that died, which then leaves the new holder alone', async () => {
    const { target, lockText } = await place();
    const died = await acquirePublishLock(target, {
      now: () => new Date(hoursAgo(2)),
      renewEveryMs: 3_600_000,
    });
    const lock = await acquirePublishLock(target);
    expect(JSON.parse((await lockText()) as string).startedAt).not.toBe(hoursAgo(2));
    await died.release();
    expect(await lockText()).not.toBeNull();
    await lock.release();
    expect(await lockText()).toBeNull();
  });
});

describe('a folder target', () => {
  it('leaves no mutex or temporary file behind after conditional calls', async () => {
    const root = await tempDir();
    const target = fileTarget(root, `file://${root}`);
    const lock = await acquirePublishLock(target, { renewEveryMs: 20 });
    await sleep(100);
    await lock.release();
    const left: string[] = [];
    for await (const file of target.list()) left.push(file.path);
    expect(left).toEqual([]);
  });

  it('gives a file changed in place, to the same size, another version', async () => {
    const root = await tempDir();
    const target = fileTarget(root, `file://${root}`);
    const version = await target.upload(
      'a.html',
      { data: Buffer.from('aaaa') },
      { contentType: '', cacheControl: '' },
    );
    await sleep(5);
    await writeFile(join(root, 'a.html'), 'bbbb');
    const listed = [];
    for await (const file of target.list()) listed.push(file);
    expect(listed[0]?.bytes).toBe(4);
    expect(listed[0]?.version).not.toBe(version);
  });
});
