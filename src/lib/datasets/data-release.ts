/**
 * A data release: what `tidende data` writes under the site's `/data/` for one as-of time, as the
 * catalog metadata (datapackage.json, the DCAT-AP-NO catalog) and the data page describe it.
 */
import type { Labels } from '../site/site-data.ts';

/** A Frictionless v2 table schema field, generated from the zod schema of a table's rows. */
export interface TableField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
  title: string;
  description: string;
  /** One example value as text, for the data dictionary. */
  example?: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}

/** A Frictionless v2 table schema. */
export interface TableSchema {
  fields: TableField[];
  primaryKey: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  missingValues?: string[];
}

/** One table of the release (rights, legal_status_events, parties, ...). */
export interface DataTable {
  /** Lower-case name, also the resource name and file stem: `rights`. */
  name: string;
  title: Labels;
  description: Labels;
  schema: TableSchema;
  /**
   * The column a delta replaces rows by: applying a delta deletes every row whose value of this
   * column appears in the delta's `replaceKeyTable` file or, for this table, in its deletions
   * file, then inserts the delta's rows. Null for the deletions table itself, which only deltas
   * have (see {@link DELTA_RULE}).
   */
  replaceKey: string | null;
  /** The table of the same delta whose `replaceKey` values are the keys to replace. */
  replaceKeyTable: string | null;
}

/**
 * How to apply a delta, its deletions included: what one delta does to a copy of the tables, as
 * `datapackage.json` states it (the data page says the same in each language; the catalog and each
 * snapshot resource say it per table).
 */
export const DELTA_RULE =
  "To apply a delta, for each table: delete the rows whose replace key (the table's " +
  'replaceKey: right_id for rights, parties, classifications and priorities; event_id for ' +
  "legal_status_events and documents) is in the delta's rights or legal_status_events file " +
  "(the table's replaceKeyTable), or is listed for the table in the delta's deletions file " +
  "(table_name, key); then insert the delta's rows. A delta has a deletions file only when its issue " +
  'removes rows: of an event withdrawn, whose notice of withdrawal is in that issue, and of a right ' +
  'left without a public event. A withdrawn event leaves the snapshot at once, before the issue ' +
  'with its notice is out.';

export type DataFormat = 'csv' | 'parquet' | 'st96';

export const MEDIA_TYPES: Record<DataFormat, string> = {
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  st96: 'application/xml',
};

/** One file of the release. */
export interface DataFile {
  /** Path relative to the data folder, with forward slashes: `snapshot/rights.csv.gz`. */
  path: string;
  format: DataFormat;
  /** `gzip` when the file is stored compressed as a whole (the CSV files). */
  compression?: 'gzip';
  /** The table it holds; for ST.96 files `patent_legal_status`. */
  table: string;
  /** `snapshot`, or the issue (`YYYY-WW`) whose delta it is. */
  part: 'snapshot' | string;
  /** 1-based number of the file when a part is split into several files (ST.96). */
  sequence?: number;
  rows: number;
  bytes: number;
  sha256: string;
}

/** The office that publishes the data, for the catalog. */
export interface Publisher {
  name: Labels;
  /** ST.3 code. */
  office: string;
  /** Norwegian organisation number (Enhetsregisteret). */
  organisationNumber: string;
  homepage: string;
  email: string;
}

export interface DataRelease {
  /** The build's as-of time, ISO 8601. */
  asOf: string;
  /** The latest issue included (`YYYY-WW`), or null before the first issue. */
  issue: string | null;
  /** Absolute URL of the data folder on the site, ending in `/`: `https://.../data/`. */
  baseUrl: string;
  /** Earliest and latest event date in the snapshot (ISO dates), null when empty. */
  temporal: { start: string; end: string } | null;
  tables: DataTable[];
  files: DataFile[];
  publisher: Publisher;
  /** Licence URI: NLOD 2.0. */
  license: string;
  /** The metadata files written from the release (data package, catalog), once written. */
  metadata?: { path: string; format: string; bytes: number; sha256: string }[];
}
