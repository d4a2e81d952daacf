import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import { isTransientError, retryDelay, withRetries } from '../../../src/lib/deploy/retry.ts';

/** An error shaped like the Azure SDK's RestError. */
function httpError(statusCode: number, retryAfter?: string): Error {
  return Object.assign(new Error(`HTTP ${statusCode}`), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('isTransientError(error)', () => {
  it('is true for HTTP 408, 429, 500, 502, 503 and 504', () => {
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(isTransientError(httpError(status))).toBe(true);
  });

  it('is false for other statuses, which another try would not change', () => {
    for (const status of [400, 401, 403, 404, 409, 412, 501])
      expect(isTransientError(httpError(status))).toBe(false);
  });

  it('is true for dropped and refused connections and timeouts, also as the cause of another error', () => {
    for (const code of [
      'ECONNRESET',
      'ECONNREFUSED',
      'ETIMEDOUT',
      'EPIPE',
      'EAI_AGAIN',
      'REQUEST_SEND_ERROR',
    ]) {
      expect(isTransientError(systemError(code))).toBe(true);
    }
    expect(isTransientError(new Error('fetch failed', { cause: systemError('ECONNRESET') }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('is false for a host that does not resolve, file errors, CliErrors and non-errors', () => {
    expect(
      isTransientError(Object.assign(systemError('REQUEST_SEND_ERROR'), { cause: systemError('ENOTFOUND') })),
    ).toBe(false);
    expect(isTransientError(systemError('ENOENT'))).toBe(false);
    expect(isTransientError(new CliError('no'))).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });
});

describe('retryDelay(retry, error, options)', () => {
  it('doubles from the base delay, with half of it jittered, up to the maximum', () => {
    const low = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 };
    const high = { ...low, random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelay(retry, undefined, low))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((retry) => retryDelay(retry, undefined, high))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });

  it('waits at least as long as a Retry-After header asks, within the maximum', () => {
    expect(retryDelay(1, httpError(429, '3'), { baseDelayMs: 100, random: () => 0 })).toBe(3000);
    expect(retryDelay(1, httpError(503, '120'), { maxDelayMs: 10_000 })).toBe(10_000);
  });
});

describe('withRetries(operation, options)', () => {
  it('tries again after transient failures, waiting longer each time, until the call succeeds', async () => {
    const waits: number[] = [];
    const failures = [httpError(503), systemError('ECONNRESET'), httpError(429)];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        return 'done';
      },
      { baseDelayMs: 10, random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(waits).toEqual([8, 15, 30]);
  });

  it('fails at once on an error that is not transient', async () => {
    let calls = 0;
    const forbidden = httpError(403);
    await expect(
      withRetries(
        async () => {
          calls++;
          throw forbidden;
        },
        { sleep: async () => {} },
      ),
    ).rejects.toBe(forbidden);
    expect(calls).toBe(1);
  });

  it('gives up after the given number of attempts with the last error', async () => {
    let calls = 0;
    const retried: number[] = [];
    await expect(
      withRetries(
        async () => {
          calls++;
          throw httpError(calls === 3 ? 503 : 500);
        },
        { attempts: 3, sleep: async () => {}, onRetry: (_error, attempt) => retried.push(attempt) },
      ),
    ).rejects.toMatchObject({ statusCode: 503 });
    expect(calls).toBe(3);
    expect(retried).toEqual([1, 2]);
  });

  it('waits for real by default', async () => {
    const started = performance.now();
    let calls = 0;
    await withRetries(
      async () => {
        if (++calls === 1) throw httpError(502);
      },
      { baseDelayMs: 40, random: () => 0 },
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });
});
