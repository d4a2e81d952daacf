/**
 * Deterministic sample data for Tidende: a NIPO-like archive of patents, trademarks and designs
 * as a back-office extract (NDJSON event records) with the images of marks and designs.
 *
 * ```ts
 * const summary = await writeSample({ rights: 2000, seed: 1, until: '2026-11-16', out: 'sample/events.ndjson' });
 * ```
 */
export type { SampleEvent, SampleFile } from './right-events.ts';
export { generateSampleEvents, type SampleOptions } from './sample-events.ts';
export { type SampleSummary, writeSample } from './write-sample.ts';
