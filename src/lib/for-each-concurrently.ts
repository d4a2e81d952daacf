/**
 * Runs an async function over items with at most N running at once: uploads, file reads and
 * search bundles go in parallel for throughput, bounded so as not to flood the host, the file
 * descriptor table or memory.
 */

/**
 * Calls `work` on every item, at most `limit` at a time, and resolves when all are done. After a
 * failure no further item is started; the calls already running are awaited, then the first
 * error is thrown.
 *
 * @example
 * await forEachConcurrently(uploads, 8, (upload) => target.upload(upload.path, …));
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  if (failed) throw firstError;
}
