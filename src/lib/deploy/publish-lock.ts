/**
 * The lock that keeps two publishes from running at once against one target: a small file at the
 * target, `.tidende/publish.lock`, naming its holder. Every step is atomic at the target, so two
 * publishes racing for it cannot both win:
 *
 * - **take**: create the file only if absent (a blob written with If-None-Match: *, a file linked
 *   into place);
 * - **renew**: every few minutes the holder rewrites it with the time, only if it is still the
 *   version it wrote last (If-Match with the ETag; a folder compares inode, time and size under a
 *   mutex);
 * - **take over**: a lock not renewed for the stale age was left by a publish that died (killed,
 *   or its machine lost); it is replaced only if it is still the very version found stale, so of
 *   two publishes taking it over at once one wins and the other is told who holds it;
 * - **release**: deleted only if still the version this holder wrote: when done, on an error, and
 *   when stopped by SIGINT or SIGTERM (what a cancelled or timed-out CI job sends).
 *
 * Before it deploys, publish confirms the lock is still its own (see {@link PublishLock.confirm}).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CliError } from '../cli-error.ts';
import { SHORT_CACHE } from './content-headers.ts';
import { PUBLISH_LOCK_PATH } from './deploy-manifest.ts';
import type { DeployTarget, FileVersion } from './deploy-target.ts';

/** A lock not renewed for this long was left by a publish that died. */
export const DEFAULT_STALE_AFTER_MS = 60 * 60 * 1000;
/** How often the holder renews its lock. */
export const DEFAULT_RENEW_EVERY_MS = 5 * 60 * 1000;

interface LockHolder {
  host: string;
  pid: number;
  startedAt: string;
  /** When the holder last renewed the lock; older locks have only startedAt. */
  renewedAt?: string;
  /** Tells this holder's lock from a later one of the same process. */
  token?: string;
}

/** A publish lock held. */
export interface PublishLock {
  /**
   * Renews the lock now.
   * @throws CliError when it is no longer this publish's: another publish took it over.
   */
  confirm(): Promise<void>;
  /** Releases the lock if it is still this publish's; says so on stderr if it is not. */
  release(): Promise<void>;
  /** What a stop signal does: releases the lock, then ends the process with the signal's code. */
  stop(signal: NodeJS.Signals): void;
}

export interface PublishLockOptions {
  staleAfterMs?: number;
  renewEveryMs?: number;
  now?: () => Date;
}

/** Exit codes of a process stopped by a signal, as shells report them. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
const HEADERS = { contentType: 'application/json', cacheControl: SHORT_CACHE };
/** Tries at taking the lock: another publish may release or take it between two looks. */
const ATTEMPTS = 5;

function holderOf(bytes: Buffer): LockHolder | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<LockHolder>;
    return typeof value.startedAt === 'string' ? (value as LockHolder) : null;
  } catch {
    return null;
  }
}

function describe(holder: LockHolder | null): string {
  return holder
    ? `started ${holder.startedAt} on ${holder.host} (process ${holder.pid})` +
        (holder.renewedAt ? `, last renewed ${holder.renewedAt}` : '')
    : 'by a holder whose lock file cannot be read';
}

const bytesOf = (holder: LockHolder) => Buffer.from(`${JSON.stringify(holder)}\n`);

/** Takes the publish lock of `target`. */
export async function acquirePublishLock(
  target: DeployTarget,
  options: PublishLockOptions = {},
): Promise<PublishLock> {
  const now = options.now ?? (() => new Date());
  const staleAfter = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const mine: LockHolder = {
    host: hostname(),
    pid: process.pid,
    startedAt: now().toISOString(),
    token: randomUUID(),
  };
  const data = bytesOf(mine);
  // A stop asked for while the lock is being taken waits until it is: the lock may already be at
  // the target when `create` has not yet returned, and must not be left there by a process killed
  // in that moment. Once held, the lock is released and the process stops (holdLock).
  let stopped: NodeJS.Signals | null = null;
  const deferStop = (signal: NodeJS.Signals) => {
    stopped ??= signal;
  };
  for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.on(signal, deferStop);
  let held: PublishLock | null = null;
  try {
    held = await takeLock(target, mine, data, now, staleAfter, options);
    return held;
  } finally {
    for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.off(signal, deferStop);
    if (stopped !== null) {
      if (held) held.stop(stopped);
      else process.exit(SIGNAL_EXIT_CODES[stopped as keyof typeof SIGNAL_EXIT_CODES] ?? 1);
    }
  }
}

async function takeLock(
  target: DeployTarget,
  mine: LockHolder,
  data: Buffer,
  now: () => Date,
  staleAfter: number,
  options: PublishLockOptions,
): Promise<PublishLock> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const created = await target.create(PUBLISH_LOCK_PATH, data, HEADERS);
    if (created !== null) return holdLock(target, mine, created, options);
    const found = await target.read(PUBLISH_LOCK_PATH);
    if (found === null) continue; // released in between
    const holder = holderOf(found.data);
    // An unreadable lock may be one an older tidende is still writing: look once more first.
    if (holder === null && attempt === 0) continue;
    const age = holder ? now().getTime() - new Date(holder.renewedAt ?? holder.startedAt).getTime() : 0;
    if (holder !== null && !(age >= staleAfter)) {
      throw new CliError(
        `Another publish to ${target.url} is running: ${describe(holder)}. Wait for it to end; ` +
          `a publish that died is taken over once its lock has not been renewed for ${Math.round(staleAfter / 60_000)} minutes.`,
      );
    }
    // Stale: replaced only if it is still the version found, so one of two takers wins.
    const taken = await target.replace(PUBLISH_LOCK_PATH, data, HEADERS, found.version);
    if (taken !== null) {
      process.stderr.write(
        `publish: took over the lock at ${target.url} left by a publish that stopped renewing it (${describe(holder)})\n`,
      );
      return holdLock(target, mine, taken, options);
    }
  }
  const current = await target.read(PUBLISH_LOCK_PATH);
  throw new CliError(
    `Could not take the publish lock ${PUBLISH_LOCK_PATH} at ${target.url}: another publish took it first (${describe(current ? holderOf(current.data) : null)}). Try again once it is done.`,
  );
}

/**
 * A lock just taken at `version`: renewed on a timer and by confirm(), released once; its release
 * runs too when the process is told to stop.
 */
function holdLock(
  target: DeployTarget,
  mine: LockHolder,
  taken: FileVersion,
  options: PublishLockOptions,
): PublishLock {
  const now = options.now ?? (() => new Date());
  let version: FileVersion | null = taken;
  // Renewals and the release run one after another, never side by side.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };

  const renew = () =>
    serial(async () => {
      if (version === null) return;
      version = await target.replace(
        PUBLISH_LOCK_PATH,
        bytesOf({ ...mine, renewedAt: now().toISOString() }),
        HEADERS,
        version,
      );
    });
  const timer = setInterval(() => {
    renew().catch((error) => process.stderr.write(`publish: could not renew the lock: ${error}\n`));
  }, options.renewEveryMs ?? DEFAULT_RENEW_EVERY_MS);
  timer.unref();

  async function whoHolds(): Promise<string> {
    const found = await target.read(PUBLISH_LOCK_PATH);
    return found ? describe(holderOf(found.data)) : 'nobody: it is gone';
  }

  let released: Promise<void> | undefined;
  const release = () => {
    released ??= serial(async () => {
      clearInterval(timer);
      for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.off(signal, onSignal);
      if (version !== null && (await target.delete(PUBLISH_LOCK_PATH, version))) return;
      process.stderr.write(
        `publish: the lock at ${target.url} is no longer this publish's (now held ${await whoHolds()}); left as it is\n`,
      );
    });
    return released;
  };
  function onSignal(signal: NodeJS.Signals) {
    process.stderr.write(`publish: stopped by ${signal}; releasing the lock at ${target.url}\n`);
    release()
      .catch((error) => process.stderr.write(`publish: could not release the lock: ${error}\n`))
      .finally(() => process.exit(SIGNAL_EXIT_CODES[signal as keyof typeof SIGNAL_EXIT_CODES] ?? 1));
  }
  for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.once(signal, onSignal);

  return {
    stop: onSignal,
    async confirm() {
      await renew();
      if (version === null) {
        throw new CliError(
          `The publish lock at ${target.url} is no longer this publish's: it is held ${await whoHolds()}. ` +
            'Another publish took it over; this one stops before deploying anything.',
        );
      }
    },
    release,
  };
}
