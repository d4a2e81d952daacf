/**
 * The event store's tables. The events table's record columns are derived from the zod event
 * record schema; the store adds only what the store itself knows (raw line, hash, batch, line).
 */
import { z } from 'zod';
import { EventRecordSchema } from '../event-record.ts';
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
export const STORE_SCHEMA_VERSION = '1';

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
`;
}
