/**
 * The lock that keeps two publishes from running at once against one target: a small file at the
 * target, created only if absent (an atomic step on both targets). A lock older than the stale
 * age is taken for the leftover of a publish that died, and taken over. The holder releases it
 * when done, on an error, and when stopped by SIGINT or SIGTERM (what a cancelled or timed-out CI
 * job sends), and releases only a lock that is still its own.
 */
import { randomUUID } from 'node:crypto';
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
  /** Tells this holder's lock from a later one of the same process. */
  token?: string;
}

/** Exit codes of a process stopped by a signal, as shells report them. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

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
  const mine: LockHolder = {
    host: hostname(),
    pid: process.pid,
    startedAt: now().toISOString(),
    token: randomUUID(),
  };
  const data = Buffer.from(`${JSON.stringify(mine)}\n`);
  const headers = { contentType: 'application/json', cacheControl: SHORT_CACHE };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await target.create(PUBLISH_LOCK_PATH, data, headers)) return holdLock(target, mine);
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

/**
 * The release of a lock just taken: it deletes the lock only while it is still `mine` (a publish
 * that took it over as stale holds its own now), and it runs too when the process is told to stop.
 */
function holdLock(target: DeployTarget, mine: LockHolder): () => Promise<void> {
  let released: Promise<void> | undefined;
  const release = () => {
    released ??= (async () => {
      for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.off(signal, onSignal);
      const holder = holderOf(await target.read(PUBLISH_LOCK_PATH));
      if (holder?.token === mine.token) await target.delete(PUBLISH_LOCK_PATH);
      else
        process.stderr.write(
          `publish: the lock at ${target.url} is no longer this publish's (${holder ? `held by ${holder.host}, process ${holder.pid}` : 'gone'}); left as it is\n`,
        );
    })();
    return released;
  };
  function onSignal(signal: NodeJS.Signals) {
    process.stderr.write(`publish: stopped by ${signal}; releasing the lock at ${target.url}\n`);
    release()
      .catch((error) => process.stderr.write(`publish: could not release the lock: ${error}\n`))
      .finally(() => process.exit(SIGNAL_EXIT_CODES[signal as keyof typeof SIGNAL_EXIT_CODES] ?? 1));
  }
  for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.once(signal, onSignal);
  return release;
}
