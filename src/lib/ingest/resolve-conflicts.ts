/**
 * Settles the ingest's conflict candidates: records whose eventId is already taken by other
 * bytes. Other bytes can still be the same content (keys in another order, other spacing, an
 * empty list written out or left out), which is a duplicate; anything else is a conflict.
 * Candidates are read a page at a time, so a whole re-serialised extract stays in bounded memory.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EventRecordSchema } from '../event-record.ts';
import { canonicalJson } from './canonical-json.ts';

const PAGE = 10_000;

function sameContent(a: string, b: string): boolean {
  // Both lines passed validation, so parsing cannot fail here; defaults make absent lists empty.
  return (
    canonicalJson(EventRecordSchema.parse(JSON.parse(a))) ===
    canonicalJson(EventRecordSchema.parse(JSON.parse(b)))
  );
}

/**
 * Turns every `conflict?` in `scratch.classified` into `duplicate` or `conflict`, and fills
 * `scratch.conflicts` with each conflict, the line it clashes with and why.
 */
export async function resolveConflictCandidates(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE TABLE scratch.conflicts (line BIGINT, event_id VARCHAR, errors VARCHAR, raw VARCHAR, existing VARCHAR);
    CREATE TABLE scratch.same_content (line BIGINT);
  `);
  let after = -1;
  for (;;) {
    const rows = (
      await connection.runAndReadAll(`
        SELECT c.line, c.event_id, s.raw, coalesce(e.raw, f.raw) AS other_raw,
          coalesce(b.file, 'this file') AS other_file, coalesce(e.line, f.line) AS other_line, e.batch_id AS other_batch
        FROM scratch.classified c
        JOIN scratch.staged s ON s.line = c.line
        LEFT JOIN events e ON e.event_id = c.event_id
        LEFT JOIN ingest_batches b ON b.batch_id = e.batch_id
        LEFT JOIN scratch.staged f ON f.event_id = c.event_id AND f.line = c.first_line
        WHERE c.status = 'conflict?' AND c.line > ${after}
        ORDER BY c.line LIMIT ${PAGE}
      `)
    ).getRowObjectsJS();
    if (rows.length === 0) break;
    const conflicts = await connection.createAppender('conflicts', 'main', 'scratch');
    const same = await connection.createAppender('same_content', 'main', 'scratch');
    for (const row of rows) {
      const line = BigInt(row.line as bigint);
      if (sameContent(String(row.raw), String(row.other_raw))) {
        same.appendBigInt(line);
        same.endRow();
        continue;
      }
      const existing = {
        file: row.other_file,
        line: Number(row.other_line),
        batchId: row.other_batch === null ? null : Number(row.other_batch),
        raw: row.other_raw,
      };
      const errors = [
        {
          field: 'eventId',
          expected: `an id not used before, or the same content as the event already accepted (${existing.file}, line ${existing.line})`,
          found: `${JSON.stringify(row.event_id)} with other content`,
        },
      ];
      conflicts.appendBigInt(line);
      conflicts.appendVarchar(String(row.event_id));
      conflicts.appendVarchar(JSON.stringify(errors));
      conflicts.appendVarchar(String(row.raw));
      conflicts.appendVarchar(JSON.stringify(existing));
      conflicts.endRow();
    }
    conflicts.closeSync();
    same.closeSync();
    after = Number(rows[rows.length - 1]?.line);
  }
  await connection.run(`
    UPDATE scratch.classified
    SET status = CASE WHEN line IN (SELECT line FROM scratch.same_content) THEN 'duplicate' ELSE 'conflict' END
    WHERE status = 'conflict?';
  `);
}
