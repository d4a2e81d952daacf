/**
 * Carries the deltas of issues already out from the previous export into the next one. A delta,
 * once its issue is locked, never changes (datasets.ts puts an event that arrives after the lock in
 * the first issue still open), so a weekly export need only write the snapshot and the new issue's
 * delta.
 *
 * A released delta is final: it is what was published that week, data users have it and the
 * deploy refuses to change it (deletion-guard.ts). So the deltas of issues that were locked when
 * they were written are carried over even when the export's code, DuckDB or the mapping tables
 * changed since (an upgrade of Tidende that writes ST.96 differently, a relabelled event): the new
 * form starts with the next issue, and the snapshot is always written whole in the current form.
 * They are written again only when the options changed (the site URL in document links, the
 * formats, the ST.96 file size), or when the previous export is missing or incomplete.
 */
import { createHash } from 'node:crypto';
import { link, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DataFile, DataFormat, DataRelease } from '../../src/lib/datasets/data-release.ts';
import { sqlString } from '../../src/lib/store/duckdb-types.ts';
import type { EventStore } from '../../src/lib/store/event-store.ts';

/** Inside the data folder; a dot file, so it is not put into the site. */
export const EXPORT_STATE_FILE = '.export-state.json';

interface ExportState {
  /** A hash of the export's options; released deltas are carried over only under the same. */
  options?: string;
  /** The latest issue that was locked, and so final, when the export was written. */
  finalIssue: string | null;
}

/** A hash of the options that decide the bytes of a delta: deltas are carried over only under the same. */
export function exportOptionsKey(options: {
  siteUrl: string;
  formats: readonly DataFormat[];
  st96MaxBytes: number;
}): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...options, formats: [...options.formats].sort() }))
    .digest('hex');
}

/** The latest issue up to `due` whose content is locked in the store. */
export async function lockedIssue(store: EventStore, due: string): Promise<string | null> {
  const [row] = (
    await store.connection.runAndReadAll(
      `SELECT max(issue) FROM published_issues WHERE issue <= ${sqlString(due)}`,
    )
  ).getRowsJson();
  return row?.[0] === null || row?.[0] === undefined ? null : String(row[0]);
}

export async function writeExportState(dir: string, state: ExportState): Promise<void> {
  await writeFile(join(dir, EXPORT_STATE_FILE), `${JSON.stringify(state)}\n`);
}

/**
 * The delta files of the previous export in `dir` that the export as of `due` can take over, with
 * the last issue they cover; null when there is nothing to reuse.
 */
export async function reusableDeltas(
  dir: string,
  releaseFile: string,
  optionsKey: string,
  due: string,
): Promise<{ upTo: string; files: DataFile[] } | null> {
  const read = async <T>(name: string): Promise<T | null> =>
    JSON.parse(await readFile(join(dir, name), 'utf8').catch(() => 'null')) as T | null;
  const state = await read<ExportState>(EXPORT_STATE_FILE);
  const release = await read<DataRelease>(releaseFile);
  // Final whatever code wrote them (see the module comment), but only under the same options.
  if (!state || !release || state.options !== optionsKey || state.finalIssue === null) return null;
  const upTo = state.finalIssue < due ? state.finalIssue : due;
  const files = release.files.filter((f) => f.part !== 'snapshot' && f.part <= upTo);
  // Every file must still be there, as it was described.
  for (const file of files) {
    const found = await stat(join(dir, file.path)).catch(() => null);
    if (found?.size !== file.bytes) return null;
  }
  return { upTo, files };
}

/** Hard-links the reused files from the previous export into the new one. */
export async function linkReused(from: string, to: string, files: readonly DataFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(to, file.path)), { recursive: true });
    await link(join(from, file.path), join(to, file.path));
  }
}
