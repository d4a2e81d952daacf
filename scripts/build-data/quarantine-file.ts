/**
 * The quarantine file: every line ingest refused, verbatim, one JSON object per line with the
 * file, line, reason and errors. The store's quarantine table is the record; this file is the
 * copy people open, appended to after each batch commits.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** One entry of the quarantine file. */
export interface QuarantineEntry {
  file: string;
  line: number;
  reason: 'rejected' | 'conflict';
  eventId?: string;
  errors: { field: string; expected: string; found: string }[];
  /** The line exactly as read (without its terminator). */
  raw?: string;
  /** A line that was not UTF-8, as base64 of its bytes. */
  rawBase64?: string;
  /** For a conflict: the event that was accepted first, with its raw line. */
  existing?: { file: string; line: number; batchId: number | null; raw: string };
}

const PAGE = 5_000;

/** Appends the quarantined lines of one batch to the file, in line order, a page at a time. */
export async function appendQuarantineFile(connection: DuckDBConnection, batchId: number, path: string) {
  await mkdir(dirname(path), { recursive: true });
  let after = -1;
  for (;;) {
    const rows = (
      await connection.runAndReadAll(`
        SELECT file, line, reason, event_id, errors::VARCHAR AS errors, raw, raw_base64, existing::VARCHAR AS existing
        FROM quarantine WHERE batch_id = ${batchId} AND line > ${after} ORDER BY line LIMIT ${PAGE}
      `)
    ).getRowObjectsJS();
    if (rows.length === 0) return;
    const text = rows
      .map((row) => {
        const entry: QuarantineEntry = {
          file: String(row.file),
          line: Number(row.line),
          reason: row.reason as QuarantineEntry['reason'],
          ...(row.event_id === null ? {} : { eventId: String(row.event_id) }),
          errors: JSON.parse(String(row.errors)),
          ...(row.raw === null ? {} : { raw: String(row.raw) }),
          ...(row.raw_base64 === null ? {} : { rawBase64: String(row.raw_base64) }),
          ...(row.existing === null ? {} : { existing: JSON.parse(String(row.existing)) }),
        };
        return `${JSON.stringify(entry)}\n`;
      })
      .join('');
    await appendFile(path, text);
    after = Number(rows[rows.length - 1]?.line);
  }
}
