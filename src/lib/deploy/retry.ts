/**
 * Retries of a deploy's calls to its target: transient failures (a dropped connection, a timeout,
 * HTTP 408, 429, 500, 502, 503, 504) are tried again after an exponentially growing, jittered
 * delay; anything else fails at once, since trying again would only fail again more slowly.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { CliError } from '../cli-error.ts';

/** HTTP statuses worth another try: timeout, throttling, server and gateway errors. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Network error codes worth another try. ENOTFOUND is not one: a host name that does not resolve
 * is nearly always a misspelt account, and should be reported at once.
 */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  // @azure/core-rest-pipeline's code for a request that could not be sent.
  'REQUEST_SEND_ERROR',
]);

export interface RetryOptions {
  /** Attempts in all, the first one included; default 5. */
  attempts?: number;
  /** Delay before the first retry, in ms; doubled before each further one; default 500. */
  baseDelayMs?: number;
  /** Longest delay between two attempts, in ms; default 30,000. */
  maxDelayMs?: number;
  /** Waits; default a real timer (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter; default Math.random. */
  random?: () => number;
  /** Told before each retry, e.g. to log it. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

interface ErrorLike {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** The error and its causes, outermost first. */
function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e = error; e && typeof e === 'object' && chain.length < 5; e = (e as ErrorLike).cause) {
    chain.push(e as ErrorLike);
  }
  return chain;
}

/** Whether `error` is a failure that may pass if the same call is made again. */
export function isTransientError(error: unknown): boolean {
  const chain = errorChain(error);
  if (chain.length === 0 || error instanceof CliError) return false;
  if (chain.some((e) => e.code === 'ENOTFOUND')) return false;
  return chain.some((e) => {
    const status = typeof e.statusCode === 'number' ? e.statusCode : e.status;
    if (typeof status === 'number') return TRANSIENT_STATUSES.has(status);
    return (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) || e.name === 'TimeoutError';
  });
}

/** Seconds the server asked to wait in a Retry-After header, if it did. */
function retryAfterMs(error: unknown): number | undefined {
  const value = (error as ErrorLike | null)?.response?.headers?.get?.('retry-after');
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * The delay before retry number `retry` (1 for the first): half of base * 2^(retry-1), plus a
 * random share of the other half so that parallel uploads do not retry in step; at least what a
 * Retry-After header asked for; at most `maxDelayMs`.
 */
export function retryDelay(retry: number, error: unknown, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const exponential = Math.min(max, base * 2 ** (retry - 1));
  const jittered = exponential / 2 + (options.random ?? Math.random)() * (exponential / 2);
  return Math.round(Math.min(max, Math.max(jittered, retryAfterMs(error) ?? 0)));
}

/**
 * Runs `operation`, trying again after transient failures.
 * @throws the last error once the attempts are used up, or the first error that is not transient.
 * @example
 * await withRetries(() => target.upload(path, { file }, headers), { attempts: 5 });
 */
export async function withRetries<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => sleepFor(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isTransientError(error)) throw error;
      const delay = retryDelay(attempt, error, options);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
