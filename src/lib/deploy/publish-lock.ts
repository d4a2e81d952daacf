/**
 * The lock that keeps two publishes from running at once against one target: a small file at the
 * target, created only if absent (an atomic step on both targets). A lock older than the stale
 * age is taken for the leftover of a publish that died, and taken over.
 */
import { hostname } from 'node:os';
import { CliError } from '../cli-error.ts';
import { SHORT_CACHE } from './content-headers.ts';
import { PUBLISH_LOCK_PATH } from './deploy-manifest.ts';
import type { DeployTarget } from './deploy-target.ts';

/** A publish that has held the lock this long is taken to have died. */
export const DEFAULT_STALE_AFTER_MS = 6 * 60 * 60 * 1000;

interface LockHolder {
  host: string;
  pid: number;
  startedAt: string;
}

function holderOf(bytes: Buffer | null): LockHolder | null {
  if (!bytes) return null;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<LockHolder>;
    return typeof value.startedAt === 'string' ? (value as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Takes the publish lock of `target`; resolves to the function that releases it. */
export async function acquirePublishLock(
  target: DeployTarget,
  options: { staleAfterMs?: number; now?: () => Date } = {},
): Promise<() => Promise<void>> {
  const now = options.now ?? (() => new Date());
  const staleAfter = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const mine: LockHolder = { host: hostname(), pid: process.pid, startedAt: now().toISOString() };
  const data = Buffer.from(`${JSON.stringify(mine)}\n`);
  const headers = { contentType: 'application/json', cacheControl: SHORT_CACHE };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await target.create(PUBLISH_LOCK_PATH, data, headers)) {
      return () => target.delete(PUBLISH_LOCK_PATH);
    }
    const holder = holderOf(await target.read(PUBLISH_LOCK_PATH));
    if (holder === null && attempt === 0) continue; // released in between, or never readable
    const since = holder ? new Date(holder.startedAt) : null;
    const age = since ? now().getTime() - since.getTime() : Number.POSITIVE_INFINITY;
    if (age < staleAfter) {
      throw new CliError(
        `Another publish to ${target.url} is running: started ${holder?.startedAt} on ${holder?.host} ` +
          `(process ${holder?.pid}). Wait for it to end; if it died, delete ${PUBLISH_LOCK_PATH} at the ` +
          `target, or it counts as stale ${Math.round(staleAfter / 3_600_000)} hours after it started.`,
      );
    }
    // A stale lock: the publish that held it died without releasing it.
    await target.delete(PUBLISH_LOCK_PATH);
  }
  throw new CliError(`Could not take the publish lock ${PUBLISH_LOCK_PATH} at ${target.url}; try again.`);
}
