/**
 * Ingest stage: reads an NDJSON extract into the event store and accounts for every line as
 * accepted, duplicate, conflict, rejected or blank.
 *
 * Lines are validated as they stream (in worker threads) and appended to staging tables in a
 * scratch database beside the store, which DuckDB can spill to disk, so memory stays bounded;
 * duplicates, conflicts and corrections are then decided in SQL against the store, and
 * everything the file changes is written in one transaction. Killed at any point before that
 * transaction commits, the store is as it was before the file.
 */
import { realpath, rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { CliError } from '../../src/lib/cli-error.ts';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../src/lib/documents/document-policy.ts';
import { documentStorePath } from '../../src/lib/documents/document-store.ts';
import { DEFAULT_DOCUMENT_MEDIA_TYPES } from '../../src/lib/documents/media-type.ts';
import type { DocumentContext } from '../../src/lib/documents/take-documents.ts';
import { mondayOfIssue, nextIssue } from '../../src/lib/gazette/issue-week.ts';
import type { IngestCounts } from '../../src/lib/ingest/ingest-counts.ts';
import { RECORD, REJECTED, type RecordKeys } from '../../src/lib/ingest/line-verdicts.ts';
import { resolveConflictCandidates } from '../../src/lib/ingest/resolve-conflicts.ts';
import { validateBatches } from '../../src/lib/ingest/validate-pool.ts';
import { DEFAULT_MAX_LINE_BYTES, openLineReader, type RawLine } from '../../src/lib/ndjson/read-lines.ts';
import { sqlString } from '../../src/lib/store/duckdb-types.ts';
import type { EventStore } from '../../src/lib/store/event-store.ts';
import { describeStoreFault, storeFaultOf } from '../../src/lib/store/store-faults.ts';
import { recordColumnsSelectSql, recordJsonStructureSql } from '../../src/lib/store/store-schema.ts';
import type { FieldError } from '../../src/lib/validation-errors.ts';
import { appendQuarantineFile } from './quarantine-file.ts';

export interface IngestSummary extends IngestCounts {
  /** The extract as named on the command line. */
  file: string;
  sha256: string;
  bytes: number;
  /** The batch recorded in the store, or null when the file changed nothing it had not already. */
  batchId: number | null;
  /** True when a file with the same sha256 had been ingested before. */
  seenBefore: boolean;
  /** Lines newly written to the quarantine file. */
  quarantined: number;
  seconds: number;
}

export interface IngestOptions {
  /** NDJSON file that rejected and conflicting lines are appended to. */
  quarantinePath: string;
  /** Validation threads; 0 validates on the main thread. */
  workers: number;
  /** Media types of documents accepted (default: media-type.ts). */
  documentMediaTypes?: readonly string[];
  /** Largest document accepted, in bytes (default {@link DEFAULT_MAX_DOCUMENT_BYTES}). */
  maxDocumentBytes?: number;
  /** Longest line accepted, in bytes (default {@link DEFAULT_MAX_LINE_BYTES}). */
  maxLineBytes?: number;
  /** Called as lines are read, with the share of the file read. */
  onProgress?: (lines: number, fraction: number) => void;
  /** Test hook: stop the process just before the commit, as a crash would. */
  crashBeforeCommit?: boolean;
}

/** Lines staged between appender flushes: about 40 MB of typical records. */
const APPENDER_FLUSH_LINES = 50_000;

/** Attaches a fresh scratch database beside the store; a stale one left by a crash is removed. */
async function attachScratch(store: EventStore): Promise<() => Promise<void>> {
  const path = `${store.path}.ingest-scratch`;
  const remove = () => Promise.all([rm(path, { force: true }), rm(`${path}.wal`, { force: true })]);
  await remove();
  await store.connection.run(`
    ATTACH ${sqlString(path)} AS scratch;
    CREATE TABLE scratch.staged (
      line BIGINT, event_id VARCHAR, h VARCHAR, supersedes VARCHAR, right_type VARCHAR, application_number VARCHAR,
      publication_date DATE, raw VARCHAR
    );
    CREATE TABLE scratch.staged_documents (
      line BIGINT, seq INTEGER, source_sha256 VARCHAR, sha256 VARCHAR, media_type VARCHAR, bytes BIGINT, path VARCHAR
    );
    CREATE TABLE scratch.rejects (line BIGINT, errors VARCHAR, raw VARCHAR, raw_base64 VARCHAR);
  `);
  return async () => {
    await store.connection.run('DETACH scratch');
    await remove();
  };
}

function appendNullable(appender: DuckDBAppender, value: string | null | undefined) {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendReject(
  appender: DuckDBAppender,
  line: number,
  errors: FieldError[],
  text?: string,
  base64?: string,
) {
  appender.appendBigInt(BigInt(line));
  appender.appendVarchar(JSON.stringify(errors));
  appendNullable(appender, text);
  appendNullable(appender, base64);
  appender.endRow();
}

/** Streams the file's lines through validation into the staging tables; returns read and blank counts. */
async function stageLines(
  connection: DuckDBConnection,
  connectionStorePath: string,
  file: string,
  options: IngestOptions,
): Promise<{ read: number; blank: number; digest: { sha256: string; bytes: number } }> {
  let fraction = 0;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const reader = await openLineReader(file, {
    maxLineBytes,
    onBytes: (read, size) => {
      fraction = size > 0 ? read / size : 1;
    },
  });
  // Empty lines are counted, not carried: a run of a billion of them costs no memory.
  let emptyLines = 0;
  async function* nonEmptyLines(): AsyncGenerator<RawLine[]> {
    for await (const batch of reader.batches()) {
      emptyLines += batch.emptyLines;
      if (batch.lines.length > 0) yield batch.lines;
    }
  }
  const documents: DocumentContext = {
    extractDir: await realpath(dirname(resolve(file))),
    storeDir: documentStorePath(connectionStorePath),
    mediaTypes: options.documentMediaTypes ?? Object.keys(DEFAULT_DOCUMENT_MEDIA_TYPES),
    maxBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
  };
  const staged = await connection.createAppender('staged', 'main', 'scratch');
  const rejects = await connection.createAppender('rejects', 'main', 'scratch');
  const stagedDocuments = await connection.createAppender('staged_documents', 'main', 'scratch');
  let read = 0;
  let blank = 0;
  let flushedAt = 0;
  try {
    const validated = validateBatches(nonEmptyLines(), { workers: options.workers, documents, maxLineBytes });
    for await (const { lines, verdicts } of validated) {
      let record = 0;
      let reject = 0;
      const hashes = Buffer.from(
        verdicts.hashes.buffer,
        verdicts.hashes.byteOffset,
        verdicts.hashes.byteLength,
      );
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (!line) continue;
        const kind = verdicts.kinds[i];
        if (kind === RECORD) {
          const keys = verdicts.records[record] as RecordKeys;
          staged.appendBigInt(BigInt(line.number));
          staged.appendVarchar(keys.eventId);
          staged.appendVarchar(hashes.toString('hex', record * 32, record * 32 + 32));
          appendNullable(staged, keys.supersedes);
          staged.appendVarchar(keys.right);
          staged.appendVarchar(keys.applicationNumber);
          appendNullable(staged, keys.publicationDate);
          staged.appendVarchar(line.bytes.toString('utf8'));
          staged.endRow();
          for (const document of keys.documents) {
            stagedDocuments.appendBigInt(BigInt(line.number));
            stagedDocuments.appendInteger(document.seq);
            stagedDocuments.appendVarchar(document.sourceSha256);
            stagedDocuments.appendVarchar(document.sha256);
            stagedDocuments.appendVarchar(document.mediaType);
            stagedDocuments.appendBigInt(BigInt(document.bytes));
            stagedDocuments.appendVarchar(document.path);
            stagedDocuments.endRow();
          }
          record++;
        } else if (kind === REJECTED) {
          const rejected = verdicts.rejected[reject++];
          if (rejected) appendReject(rejects, line.number, rejected.errors, rejected.text, rejected.base64);
        } else {
          blank++;
        }
      }
      read += lines.length;
      // The appender buffers ~200k rows before it writes; flushing sooner keeps memory flat.
      if (read - flushedAt >= APPENDER_FLUSH_LINES) {
        staged.flushSync();
        flushedAt = read;
      }
      options.onProgress?.(read + emptyLines, fraction);
    }
    read += emptyLines;
    blank += emptyLines;
    options.onProgress?.(read, 1);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`Cannot read ${file} after line ${read}: ${reason}`, { cause: error });
  } finally {
    staged.closeSync();
    rejects.closeSync();
    stagedDocuments.closeSync();
  }
  return { read, blank, digest: reader.digest() };
}

/**
 * Decides each staged record: accepted (first of its eventId, not in the store), duplicate
 * (same bytes as the event already accepted), or a conflict candidate (other bytes).
 */
async function classifyStaged(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE TABLE scratch.firsts AS
    SELECT event_id, min(line) AS first_line, arg_min(h, line) AS first_h FROM scratch.staged GROUP BY event_id;
    CREATE TABLE scratch.classified AS
    SELECT s.line, s.event_id, s.h, s.supersedes, s.right_type, s.application_number,
      CASE
        WHEN e.event_id IS NOT NULL THEN CASE WHEN e.content_sha256 = s.h THEN 'duplicate' ELSE 'conflict?' END
        WHEN s.line = f.first_line THEN 'accepted'
        WHEN s.h = f.first_h THEN 'duplicate'
        ELSE 'conflict?'
      END AS status,
      CASE WHEN e.event_id IS NULL AND s.line <> f.first_line THEN f.first_line END AS first_line
    FROM scratch.staged s
    JOIN scratch.firsts f ON f.event_id = s.event_id
    LEFT JOIN events e ON e.event_id = s.event_id;
  `);
}

/** Marks staged lines rejected, with their errors, given rows of (line, raw, errors JSON). */
type Row = Record<string, unknown>;

/** Marks accepted staged lines rejected (rows with `line` and `raw`), each with the error `errorOf` gives. */
async function rejectStaged(
  connection: DuckDBConnection,
  found: Row[],
  errorOf: (row: Row) => FieldError,
): Promise<void> {
  const rejects = await connection.createAppender('rejects', 'main', 'scratch');
  for (const row of found) appendReject(rejects, Number(row.line), [errorOf(row)], String(row.raw));
  rejects.closeSync();
  await connection.run(`
    UPDATE scratch.classified SET status = 'rejected'
    WHERE line IN (SELECT line FROM scratch.rejects) AND status = 'accepted'
  `);
}

/**
 * Rejects new records to be published in an issue that is already out and locked: a published
 * issue never changes, and an event stored for it would make every later build fail. A late event
 * must name a publication date in an issue still open.
 */
async function rejectLockedIssues(connection: DuckDBConnection): Promise<void> {
  const locked = (
    await connection.runAndReadAll(`
      SELECT c.line, s.raw, s.publication_date::VARCHAR AS publication_date, p.issue
      FROM scratch.classified c JOIN scratch.staged s ON s.line = c.line
      JOIN published_issues p ON p.issue = strftime(s.publication_date, '%G-%V')
      WHERE c.status = 'accepted'
    `)
  ).getRowObjectsJS();
  if (locked.length === 0) return;
  const open = (
    await connection.runAndReadAll(`SELECT max(issue) AS issue FROM published_issues`)
  ).getRowObjectsJS();
  const firstOpen = nextIssue(String(open[0]?.issue));
  await rejectStaged(connection, locked, (row) => ({
    field: 'publicationDate',
    expected: `a date in an issue not yet published (the first still open is ${firstOpen}, from ${mondayOfIssue(firstOpen)})`,
    found: `"${String(row.publication_date)}" (issue ${String(row.issue)}, already published and locked)`,
  }));
}

/**
 * Rejects accepted records whose `supersedes` names no earlier event of the same right, in the
 * store or in this file. Repeated until stable, since a rejection can orphan a later correction.
 */
async function rejectBrokenCorrections(connection: DuckDBConnection): Promise<void> {
  for (;;) {
    const broken = (
      await connection.runAndReadAll(`
        WITH targets AS (
          SELECT event_id, right_type, application_number FROM events
          UNION ALL
          SELECT event_id, right_type, application_number FROM scratch.classified WHERE status = 'accepted'
        ),
        corrections AS (
          SELECT line, supersedes AS target, right_type, application_number
          FROM scratch.classified WHERE status = 'accepted' AND supersedes IS NOT NULL
        )
        SELECT c.line, s.raw, c.target, t.right_type AS target_right, t.application_number AS target_application
        FROM corrections c JOIN scratch.staged s ON s.line = c.line
        LEFT JOIN targets t ON t.event_id = c.target
        WHERE t.event_id IS NULL OR t.right_type <> c.right_type OR t.application_number <> c.application_number
      `)
    ).getRowObjectsJS();
    if (broken.length === 0) return;
    await rejectStaged(connection, broken, (row) => ({
      field: 'supersedes',
      expected: 'the eventId of an earlier event of the same right, in the store or this file',
      found:
        row.target_right === null
          ? `${JSON.stringify(row.target)} (no such event)`
          : `${JSON.stringify(row.target)} (an event of ${row.target_right} ${row.target_application})`,
    }));
  }
}

async function countStatuses(connection: DuckDBConnection): Promise<Record<string, number>> {
  const rows = (
    await connection.runAndReadAll(`
      SELECT status, count(*)::BIGINT AS n FROM scratch.classified GROUP BY status
      UNION ALL SELECT 'rejected-lines', count(*)::BIGINT FROM scratch.rejects
    `)
  ).getRowObjectsJS();
  return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
}

/** Reads one extract into the store; see the module comment for what is guaranteed. */
export async function ingestFile(
  store: EventStore,
  file: string,
  options: IngestOptions,
): Promise<IngestSummary> {
  const started = new Date();
  const clock = performance.now();
  const detachScratch = await attachScratch(store);
  try {
    return await ingestStaged(store, file, options, started, clock);
  } finally {
    await detachScratch();
  }
}

async function ingestStaged(
  store: EventStore,
  file: string,
  options: IngestOptions,
  started: Date,
  clock: number,
): Promise<IngestSummary> {
  const { connection } = store;
  const { read, blank, digest } = await stageLines(connection, store.path, file, options);
  await classifyStaged(connection);
  await resolveConflictCandidates(connection);
  await rejectLockedIssues(connection);
  await rejectBrokenCorrections(connection);

  const counts = await countStatuses(connection);
  const summary: IngestSummary = {
    file,
    sha256: digest.sha256,
    bytes: digest.bytes,
    read,
    accepted: counts.accepted ?? 0,
    duplicate: counts.duplicate ?? 0,
    conflict: counts.conflict ?? 0,
    rejected: counts['rejected-lines'] ?? 0,
    blank,
    batchId: null,
    seenBefore: false,
    quarantined: 0,
    seconds: 0,
  };
  const sha = sqlString(digest.sha256);
  const seen = (
    await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ingest_batches WHERE sha256 = ${sha}`)
  ).getRowObjectsJS();
  summary.seenBefore = Number(seen[0]?.n) > 0;
  // Quarantine rows are keyed by file content and line, so a re-ingest does not repeat them.
  await connection.run(`
    CREATE TABLE scratch.to_quarantine AS
    SELECT line, 'rejected' AS reason,
      CASE WHEN json_valid(raw) AND json_type(raw) = 'OBJECT' THEN json_extract_string(raw, '$.eventId') END AS event_id,
      errors::JSON AS errors, raw, raw_base64, NULL::JSON AS existing
    FROM scratch.rejects
    UNION ALL
    SELECT line, 'conflict', event_id, errors::JSON, raw, NULL, existing::JSON FROM scratch.conflicts;
    DELETE FROM scratch.to_quarantine WHERE line IN (SELECT line FROM quarantine WHERE file_sha256 = ${sha});
  `);
  const fresh = (
    await connection.runAndReadAll('SELECT count(*)::BIGINT AS n FROM scratch.to_quarantine')
  ).getRowObjectsJS();
  summary.quarantined = Number(fresh[0]?.n);

  if (!summary.seenBefore || summary.accepted > 0 || summary.quarantined > 0) {
    summary.batchId = await commitBatch(store, summary, started, options);
    if (summary.quarantined > 0)
      await appendQuarantineFile(connection, summary.batchId, options.quarantinePath);
  }
  summary.seconds = (performance.now() - clock) / 1000;
  return summary;
}

/** Writes the batch, its accepted events and its quarantined lines in one transaction. */
async function commitBatch(
  store: EventStore,
  summary: IngestSummary,
  started: Date,
  options: IngestOptions,
): Promise<number> {
  const { connection } = store;
  // The absolute path, so documents the extract refers to can be found from any working directory.
  const file = sqlString(resolve(summary.file));
  await connection.run('BEGIN TRANSACTION');
  try {
    const inserted = (
      await connection.runAndReadAll(`
        INSERT INTO ingest_batches VALUES (
          nextval('ingest_batch_ids'), ${file}, ${sqlString(summary.sha256)}, ${summary.bytes},
          ${sqlString(started.toISOString())}::TIMESTAMPTZ, now(), ${summary.read}, ${summary.accepted},
          ${summary.duplicate}, ${summary.conflict}, ${summary.rejected}, ${summary.blank})
        RETURNING batch_id
      `)
    ).getRowObjectsJS();
    const batchId = Number(inserted[0]?.batch_id);
    await connection.run(`
      INSERT INTO events
      SELECT ${recordColumnsSelectSql('r')}, h, raw, ${batchId}, line
      FROM (
        SELECT from_json(s.raw, ${recordJsonStructureSql()}) AS r, s.h, s.raw, s.line
        FROM scratch.classified c JOIN scratch.staged s ON s.line = c.line WHERE c.status = 'accepted'
      )
    `);
    // Each document file once, by the hash of the bytes as received.
    await connection.run(`
      INSERT INTO document_files
      SELECT DISTINCT ON (d.source_sha256) d.source_sha256, d.sha256, d.media_type, d.bytes, d.path, ${batchId}
      FROM scratch.staged_documents d JOIN scratch.classified c ON c.line = d.line AND c.status = 'accepted'
      WHERE d.source_sha256 NOT IN (SELECT source_sha256 FROM document_files)
      ORDER BY d.source_sha256, d.line
    `);
    await connection.run(`
      INSERT INTO quarantine
      SELECT ${batchId}, ${file}, ${sqlString(summary.sha256)}, line, reason, event_id, errors, raw, raw_base64, existing
      FROM scratch.to_quarantine
    `);
    if (options.crashBeforeCommit) process.kill(process.pid, 'SIGKILL');
    await connection.run('COMMIT');
    return batchId;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => {});
    const fault = storeFaultOf(error);
    const reason = fault
      ? describeStoreFault(fault, store.path)
      : error instanceof Error
        ? error.message
        : String(error);
    throw new CliError(
      `Could not write ${basename(summary.file)} to the store; nothing of it was kept: ${reason}`,
      {
        cause: error,
      },
    );
  }
}
