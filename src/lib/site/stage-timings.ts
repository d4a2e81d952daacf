/**
 * Time spent per stage of a build (mappings and lock, site data export, Astro, documents, stray
 * files, search index, number index, …), so that `tidende build` can say where its time went: one
 * line per stage in its summary, and the benchmark reads them back.
 */

/** One stage's time, with a few words on what it did. */
export interface StageTiming {
  stage: string;
  seconds: number;
  detail?: string;
}

/**
 * Runs a stage and appends its time to `timings`, also when it fails (the stage then says so).
 *
 * @example
 * const timings: StageTiming[] = [];
 * const pages = await timeStage(timings, 'astro render', () => render(), (n) => `${n} pages`);
 */
export async function timeStage<T>(
  timings: StageTiming[],
  stage: string,
  run: () => Promise<T>,
  detail?: (result: T) => string,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await run();
    timings.push({ stage, seconds: (performance.now() - started) / 1000, detail: detail?.(result) });
    return result;
  } catch (error) {
    timings.push({ stage, seconds: (performance.now() - started) / 1000, detail: 'failed' });
    throw error;
  }
}

/** The lines of a build summary: `  astro render       12.3 s  (9 rendered, 6 reused)`. */
export function formatStageTimings(timings: readonly StageTiming[]): string[] {
  const width = Math.max(0, ...timings.map((t) => t.stage.length));
  return timings.map(
    (t) =>
      `  ${t.stage.padEnd(width)} ${t.seconds.toFixed(1).padStart(7)} s${t.detail ? `  (${t.detail})` : ''}`,
  );
}

/** Reads back the lines {@link formatStageTimings} wrote, e.g. from a build's output. */
export function parseStageTimings(text: string): StageTiming[] {
  const found: StageTiming[] = [];
  for (const match of text.matchAll(/^ {2}(\S.*?) +(\d+\.\d) s(?: {2}\((.*)\))?$/gm)) {
    found.push({
      stage: match[1] as string,
      seconds: Number(match[2]),
      ...(match[3] ? { detail: match[3] } : {}),
    });
  }
  return found;
}
