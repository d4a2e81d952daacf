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
   * column appears in the delta, then inserts the delta's rows.
   */
  replaceKey: string;
  /** The table of the same delta whose `replaceKey` values are the keys to replace. */
  replaceKeyTable: string;
}

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
