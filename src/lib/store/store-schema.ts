/**
 * The event store's tables. The events table's record columns are derived from the zod event
 * record schema; the store adds only what the store itself knows (raw line, hash, batch, line).
 */
import { z } from 'zod';
import { EventRecordSchema } from '../event-record.ts';
import { currentStageSql } from '../standards/stages.ts';
import {
  type DuckDbType,
  duckDbTypeToJsonStructure,
  duckDbTypeToSql,
  type JsonSchemaNode,
  jsonSchemaToDuckDbType,
  quoteIdentifier,
  sqlString,
} from './duckdb-types.ts';

/** Bumped when the tables change shape; a store of another version is refused with a way out. */
// 2: documents are taken into the document store at ingest (document_files), suppressions.
export const STORE_SCHEMA_VERSION = '2';

// `right` is an SQL keyword (RIGHT JOIN); the column is named for what it holds.
const COLUMN_RENAMES: Record<string, string> = { right: 'right_type' };

/** The store column of a record field: snake_case, e.g. `applicationNumber` is `application_number`. */
export function recordFieldToColumn(field: string): string {
  return COLUMN_RENAMES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** One column of the events table that holds a field of the record. */
export interface RecordColumn {
  field: string;
  column: string;
  type: DuckDbType;
}

/** The record's fields as events-table columns, in schema order. */
export function recordColumns(): RecordColumn[] {
  const schema = z.toJSONSchema(EventRecordSchema, { io: 'output' }) as JsonSchemaNode;
  return Object.entries(schema.properties ?? {}).map(([field, node]) => ({
    field,
    column: recordFieldToColumn(field),
    type: jsonSchemaToDuckDbType(node, field),
  }));
}

/** The structure `from_json` needs to read a validated raw line as one struct of record fields. */
export function recordJsonStructureSql(): string {
  const structure = Object.fromEntries(
    recordColumns().map((c) => [c.field, duckDbTypeToJsonStructure(c.type)]),
  );
  return sqlString(JSON.stringify(structure));
}

/** The select list that spreads a struct read with that structure (`alias`) into the record columns. */
export function recordColumnsSelectSql(alias: string): string {
  // Lists absent from an extract are empty lists in the record (zod defaults); so they are in the store.
  return recordColumns()
    .map((c) => {
      const value = `${alias}.${quoteIdentifier(c.field)}`;
      const isList = typeof c.type === 'object' && 'list' in c.type;
      return `${isList ? `coalesce(${value}, [])` : value} AS ${quoteIdentifier(c.column)}`;
    })
    .join(', ');
}

/**
 * Every event with its standard legal-status event(s): one row per mapping row (one-to-many), an
 * unmapped event once with mapped = false, and the correction that supersedes it, if any. The
 * status event code is ST.27's: state-previous stage-current stage-key-detailed-national.
 */
const LEGAL_STATUS_VIEWS_SQL = `
CREATE OR REPLACE VIEW legal_status_events AS
SELECT e.event_id, e.office, e.right_type, e.application_number, e.registration_number, e.national_code,
  e.event_date, e.effective_date, e.publication_date, e.supersedes, c.superseded_by,
  m.national_code IS NOT NULL AS mapped,
  m.mapping_order, m.standard, m.key_event, m.detailed_event, m.state, m.previous_stage, m.current_stage,
  m.legal_status, m.section, m.label_nb, m.label_nn, m.label_en,
  m.state || '-' || m.previous_stage || '-' || m.current_stage || '-' || m.key_event || '-' || m.detailed_event
    || '-' || e.national_code AS status_event_code
FROM events e
LEFT JOIN mapping_rows m ON m.right_type = e.right_type AND m.national_code = e.national_code
LEFT JOIN (
  SELECT supersedes, arg_max(event_id, event_date) AS superseded_by FROM events
  WHERE supersedes IS NOT NULL GROUP BY supersedes
) c ON c.supersedes = e.event_id;

-- The legal status of every right as it stood at the end of a day: its latest mapped
-- legal-status event on or before that day that no correction of that day or earlier supersedes,
-- and the stage of the latest such event that sets one (stages.ts).
-- Same-day events follow eventId order, one-to-many rows their table order.
CREATE OR REPLACE MACRO right_status_as_of(as_of) AS TABLE
SELECT l.office, l.right_type, l.application_number, l.state,
  ${currentStageSql('l.current_stage', 'PARTITION BY l.office, l.right_type, l.application_number ORDER BY l.event_date, l.event_id, l.mapping_order')} AS stage,
  l.key_event AS last_key_event, l.detailed_event AS last_detailed_event, l.status_event_code,
  l.event_id AS last_event_id, l.event_date AS last_event_date
FROM legal_status_events l
WHERE l.mapped AND l.legal_status AND l.event_date <= as_of
  AND l.event_id NOT IN (SELECT event_id FROM suppressions)
  AND NOT EXISTS (
    SELECT 1 FROM events c WHERE c.supersedes = l.event_id AND c.event_date <= as_of
      AND c.event_id NOT IN (SELECT event_id FROM suppressions)
  )
QUALIFY row_number() OVER (
  PARTITION BY l.office, l.right_type, l.application_number
  ORDER BY l.event_date DESC, l.event_id DESC, l.mapping_order DESC
) = 1;

CREATE OR REPLACE VIEW right_status AS SELECT * FROM right_status_as_of(current_date);

-- Each event's release: the issue from which it is public, on the site as in the open data. An
-- event for the gazette is out with the issue of its publication date; an event not for the
-- gazette, dated in week W, with the first issue from W+1 on, and never with an issue that was
-- locked before it was ingested (it goes to the first issue still open then), so that nothing
-- released with a locked issue ever changes. Issues are the weeks that have gazette entries.
CREATE OR REPLACE VIEW event_release AS
WITH batch_floors AS (
  SELECT b.batch_id,
    strftime(strptime(max(p.issue) || '-1', '%G-%V-%u') + INTERVAL 7 DAY, '%G-%V') AS first_open_issue
  FROM ingest_batches b JOIN published_issues p ON p.locked_at <= b.started_at
  GROUP BY b.batch_id
),
issues AS (
  SELECT DISTINCT strftime(publication_date, '%G-%V') AS issue FROM events WHERE publication_date IS NOT NULL
),
later AS (
  SELECT e.event_id,
    greatest(strftime(e.event_date + INTERVAL 7 DAY, '%G-%V'), coalesce(f.first_open_issue, '')) AS week_after
  FROM events e LEFT JOIN batch_floors f ON f.batch_id = e.batch_id
  WHERE e.publication_date IS NULL
)
SELECT event_id, strftime(publication_date, '%G-%V') AS release_issue FROM events WHERE publication_date IS NOT NULL
UNION ALL
SELECT l.event_id, i.issue FROM later l ASOF LEFT JOIN issues i ON l.week_after <= i.issue;

-- Each event's documents as published: the file ingest took in, sanitized where it is SVG, at the
-- site path Tidende chose (documents/<sha256>.<ext>); sha256 is that of the published bytes.
CREATE OR REPLACE VIEW event_documents AS
SELECT d.event_id, d.document_seq, d.doc.kind AS kind, f.media_type, f.path, f.sha256, f.bytes,
  f.source_sha256
FROM (
  SELECT event_id, unnest(documents) AS doc, generate_subscripts(documents, 1) AS document_seq FROM events
) d
JOIN document_files f ON f.source_sha256 = d.doc.sha256;

-- One row per event with its standard events in table order, its gazette section (a correction
-- goes in corrections, an unmapped event in other), the issue of its publication date, its
-- release (above), whether it is suppressed, and its documents as published (href is the site path).
CREATE OR REPLACE VIEW event_status AS
WITH grouped AS (
  SELECT l.event_id, any_value(l.section) AS mapped_section,
    bool_and(l.mapped) AS mapped, any_value(l.legal_status) AS legal_status,
    any_value(l.label_nb) AS label_nb, any_value(l.label_nn) AS label_nn, any_value(l.label_en) AS label_en,
    list({
      'standard': l.standard, 'keyEvent': l.key_event, 'detailedEvent': l.detailed_event, 'state': l.state,
      'previousStage': l.previous_stage, 'currentStage': l.current_stage, 'statusEventCode': l.status_event_code
    } ORDER BY l.mapping_order) FILTER (WHERE l.mapped) AS standard_events,
    coalesce(string_agg(l.status_event_code, ',' ORDER BY l.mapping_order), '') AS status_event_codes,
    any_value(l.superseded_by) AS superseded_by
  FROM legal_status_events l GROUP BY l.event_id
),
published_documents AS (
  SELECT event_id,
    list({'kind': kind, 'href': path, 'mediaType': media_type, 'sha256': sha256} ORDER BY document_seq) AS documents
  FROM event_documents GROUP BY event_id
)
SELECT e.* EXCLUDE (raw, documents), coalesce(d.documents, []) AS documents,
  strftime(e.publication_date, '%G-%V') AS issue, r.release_issue,
  x.event_id IS NOT NULL AS suppressed,
  -- Whether the event stands in its gazette issue: every event with a publication date, but a
  -- suppressed one only where an issue was locked with it.
  e.publication_date IS NOT NULL
    AND (x.event_id IS NULL OR e.event_id IN (SELECT event_id FROM published_issue_entries)) AS in_issue,
  CASE WHEN e.supersedes IS NOT NULL THEN 'corrections' ELSE coalesce(g.mapped_section, 'other') END AS section,
  g.* EXCLUDE (event_id, mapped_section)
FROM events e JOIN grouped g ON g.event_id = e.event_id
JOIN event_release r ON r.event_id = e.event_id
LEFT JOIN published_documents d ON d.event_id = e.event_id
LEFT JOIN suppressions x ON x.event_id = e.event_id;

-- One gazette entry per event that has a publication date, and one per withdrawal notice (see
-- suppressions). A suppressed event stays in an issue already locked with it and leaves every
-- other. entry_sha256 covers what the entry publishes (the record and its mapping), not links that
-- later events add (superseded_by).
CREATE OR REPLACE VIEW gazette_entries AS
SELECT issue, section, right_type, event_id, office, application_number, registration_number, national_code,
  event_date, effective_date, publication_date, supersedes, superseded_by, mapped, legal_status,
  label_nb, label_nn, label_en, standard_events,
  sha256(concat_ws('|', content_sha256, section, coalesce(label_nb, ''), coalesce(label_nn, ''),
    coalesce(label_en, ''), coalesce(legal_status::VARCHAR, ''), status_event_codes)) AS entry_sha256
FROM event_status
WHERE in_issue
UNION ALL BY NAME
SELECT x.notice_issue AS issue, 'corrections' AS section, e.right_type, 'withdrawal:' || e.event_id AS event_id,
  e.office, e.application_number, e.registration_number, e.national_code,
  sha256('withdrawal|' || e.content_sha256) AS entry_sha256
FROM suppressions x JOIN events e ON e.event_id = x.event_id
WHERE x.notice_issue IS NOT NULL;
`;

/** DDL of every table, idempotent. */
export function storeSchemaSql(): string {
  const columns = recordColumns()
    .map((c) => `  ${quoteIdentifier(c.column)} ${duckDbTypeToSql(c.type)}`)
    .join(',\n');
  return `
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE SEQUENCE IF NOT EXISTS ingest_batch_ids START 1;
CREATE TABLE IF NOT EXISTS ingest_batches (
  batch_id INTEGER PRIMARY KEY,
  file VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  lines_read BIGINT NOT NULL,
  accepted BIGINT NOT NULL,
  duplicate BIGINT NOT NULL,
  conflict BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  blank BIGINT NOT NULL
);
-- Append-only: rows are inserted by ingest and never updated or deleted. A correction is a new
-- event whose supersedes names the event it corrects; both stay.
CREATE TABLE IF NOT EXISTS events (
${columns},
  content_sha256 VARCHAR NOT NULL,
  raw VARCHAR NOT NULL,
  batch_id INTEGER NOT NULL,
  line BIGINT NOT NULL
);
-- The mapping tables as last loaded (tidende mappings check): loading other tables changes the
-- legal-status view below without touching the events.
CREATE TABLE IF NOT EXISTS mapping_rows (
  right_type VARCHAR NOT NULL,
  national_code VARCHAR NOT NULL,
  mapping_order INTEGER NOT NULL,
  standard VARCHAR NOT NULL,
  key_event VARCHAR NOT NULL,
  detailed_event VARCHAR NOT NULL,
  state VARCHAR NOT NULL,
  previous_stage VARCHAR NOT NULL,
  current_stage VARCHAR NOT NULL,
  legal_status BOOLEAN NOT NULL,
  section VARCHAR NOT NULL,
  label_nb VARCHAR NOT NULL,
  label_nn VARCHAR NOT NULL,
  label_en VARCHAR NOT NULL,
  source VARCHAR NOT NULL
);
-- Gazette issues once published, with a hash of each entry: published content is locked, and a
-- build that would change it fails.
CREATE TABLE IF NOT EXISTS published_issues (
  issue VARCHAR PRIMARY KEY,
  content_sha256 VARCHAR NOT NULL,
  entries BIGINT NOT NULL,
  locked_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS published_issue_entries (
  issue VARCHAR NOT NULL,
  event_id VARCHAR NOT NULL,
  entry_sha256 VARCHAR NOT NULL
);
-- Lines refused by ingest, verbatim, with why: rejected (invalid) or conflict (same eventId,
-- other content than the event already accepted, which is kept in existing).
CREATE TABLE IF NOT EXISTS quarantine (
  batch_id INTEGER NOT NULL,
  file VARCHAR NOT NULL,
  file_sha256 VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  reason VARCHAR NOT NULL,
  event_id VARCHAR,
  errors JSON NOT NULL,
  raw VARCHAR,
  raw_base64 VARCHAR,
  existing JSON
);
-- Every document file ingest took in, once, by the SHA-256 of the bytes as received (what the
-- record declares); the file is kept in the document store (src/lib/documents/document-store.ts)
-- under that hash, and the bytes the site publishes (for SVG: sanitized) under sha256.
CREATE TABLE IF NOT EXISTS document_files (
  source_sha256 VARCHAR PRIMARY KEY,
  sha256 VARCHAR NOT NULL,
  media_type VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  path VARCHAR NOT NULL,
  batch_id INTEGER NOT NULL
);
-- Events taken back (tidende suppress): append-only, one row per event. A suppressed event leaves
-- register pages, search and the open data from the next build; an issue already locked with it
-- keeps it, and notice_issue (the first issue open when it was suppressed, if it had been public)
-- carries a withdrawal notice.
CREATE TABLE IF NOT EXISTS suppressions (
  event_id VARCHAR PRIMARY KEY,
  reason VARCHAR NOT NULL,
  suppressed_at TIMESTAMPTZ NOT NULL,
  notice_issue VARCHAR
);
${LEGAL_STATUS_VIEWS_SQL}`;
}
