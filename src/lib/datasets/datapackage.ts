/**
 * The Frictionless Data Package (v2) of a data release: `datapackage.json` beside the data files
 * lists every file of the release, the snapshot and every issue's delta, with its size and SHA-256,
 * and points each table file at its table schema.
 *
 * Each table schema is written once, as `schemas/<table>.schema.json`, and every resource of that
 * table refers to it by path (the v2 profile allows `schema` as a path). With a delta per issue
 * there are about 13 files a week, some 20,000 over 30 years: inline schemas would repeat a few
 * kilobytes in each of them, while a reference costs one line. The same URL is what the DCAT
 * catalog's distributions conform to. The CSV dialect stays inline: the v2 profile allows only an
 * object there, and it is one short line.
 *
 * The output is deterministic: resources in a fixed order (snapshot, then issues in order; tables
 * in release order; CSV, Parquet, ST.96), keys in a fixed order, so an unchanged release gives the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error.ts';
import {
  type DataFile,
  type DataRelease,
  type DataTable,
  DELTA_RULE,
  MEDIA_TYPES,
  type TableSchema,
} from './data-release.ts';
import { DELETIONS_TABLE } from './dataset-tables.ts';

export const DATAPACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const TABLESCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';
export const DATAPACKAGE_FILE = 'datapackage.json';

/** The ST.96 files' table: not a row table, so it has no table schema. */
export const ST96_TABLE = 'patent_legal_status';

/** A file written to the data folder. */
export interface WrittenFile {
  /** Absolute or caller-relative path of the file written. */
  path: string;
  bytes: number;
  sha256: string;
}

/** A licence the catalog metadata knows: its title, and its entry in the EU licence authority table. */
export interface KnownLicense {
  title: string;
  /** `http://publications.europa.eu/resource/authority/licence/...`, what DCAT-AP-NO requires. */
  euAuthority: string;
}

const EU_LICENCE = 'http://publications.europa.eu/resource/authority/licence/';

/** Licences by URI, the http and https forms both. */
export const KNOWN_LICENSES: Readonly<Record<string, KnownLicense>> = {
  'https://data.norge.no/nlod/no/2.0': {
    title: 'Norwegian Licence for Open Government Data (NLOD) 2.0',
    euAuthority: `${EU_LICENCE}NLOD_2_0`,
  },
  'http://data.norge.no/nlod/no/2.0': {
    title: 'Norwegian Licence for Open Government Data (NLOD) 2.0',
    euAuthority: `${EU_LICENCE}NLOD_2_0`,
  },
  'https://creativecommons.org/licenses/by/4.0/': {
    title: 'Creative Commons Attribution 4.0 International',
    euAuthority: `${EU_LICENCE}CC_BY_4_0`,
  },
  'https://creativecommons.org/publicdomain/zero/1.0/': {
    title: 'Creative Commons CC0 1.0 Universal',
    euAuthority: `${EU_LICENCE}CC0`,
  },
};

/** The release's licence, or a CliError naming the licences the metadata can state. */
export function knownLicense(uri: string): KnownLicense {
  const known = KNOWN_LICENSES[uri];
  if (!known) {
    throw new CliError(
      `The data licence ${uri} is not one the catalog metadata knows; expected one of: ${Object.keys(KNOWN_LICENSES).join(', ')}.`,
    );
  }
  return known;
}

/** An ISO 8601 date-time as RFC 3339 in UTC with seconds (`2024-06-02T22:01:00Z`), as JSON Schema and xsd:dateTime want. */
export function rfc3339(instant: string): string {
  const ms = Date.parse(instant);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(ms)) {
    throw new CliError(`The release's as-of time "${instant}" is not an ISO 8601 date-time.`);
  }
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Where a table's schema is, relative to the data folder. */
export function schemaPath(table: string): string {
  return `schemas/${table}.schema.json`;
}

/**
 * The resource name of a file: the table name for the snapshot CSV (so foreign keys, which name
 * the table, point at it), with `-delta-<issue>`, the ST.96 file number and `-parquet` added.
 */
export function resourceName(file: DataFile): string {
  const parts = [file.table];
  if (file.part !== 'snapshot') parts.push(`delta-${file.part}`);
  if (file.sequence !== undefined) parts.push(String(file.sequence).padStart(4, '0'));
  if (file.format === 'parquet') parts.push('parquet');
  return parts.join('-').toLowerCase();
}

const FORMAT_ORDER: Record<DataFile['format'], number> = { csv: 0, parquet: 1, st96: 2 };
const FILE_FORMAT: Record<DataFile['format'], string> = { csv: 'csv', parquet: 'parquet', st96: 'xml' };
const FORMAT_LABEL: Record<DataFile['format'], string> = {
  csv: 'CSV',
  parquet: 'Parquet',
  st96: 'ST.96 XML',
};
const SHA256 = /^[0-9a-f]{64}$/;

/** The release's files in publication order, checked: known tables, sane sizes and hashes, unique names. */
export function orderedFiles(release: DataRelease): DataFile[] {
  const tableOrder = new Map(release.tables.map((t, i) => [t.name, i]));
  for (const file of release.files) {
    if (file.format !== 'st96' && !tableOrder.has(file.table)) {
      throw new CliError(
        `The data file ${file.path} is of table "${file.table}", which the release does not describe.`,
      );
    }
    if (!SHA256.test(file.sha256)) {
      throw new CliError(
        `The data file ${file.path} has sha256 "${file.sha256}"; expected 64 lower-case hex digits.`,
      );
    }
    if (!Number.isSafeInteger(file.bytes) || file.bytes < 0) {
      throw new CliError(
        `The data file ${file.path} has size ${file.bytes}; expected a whole number of bytes.`,
      );
    }
  }
  const rank = (file: DataFile) => tableOrder.get(file.table) ?? release.tables.length;
  const sorted = [...release.files].sort(
    (a, b) =>
      (a.part === 'snapshot' ? 0 : 1) - (b.part === 'snapshot' ? 0 : 1) ||
      (a.part < b.part ? -1 : a.part > b.part ? 1 : 0) ||
      rank(a) - rank(b) ||
      (a.table < b.table ? -1 : a.table > b.table ? 1 : 0) ||
      FORMAT_ORDER[a.format] - FORMAT_ORDER[b.format] ||
      (a.sequence ?? 0) - (b.sequence ?? 0),
  );
  const seen = new Map<string, string>();
  for (const file of sorted) {
    const name = resourceName(file);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new CliError(`The data files ${other} and ${file.path} would both be the resource "${name}".`);
    }
    seen.set(name, file.path);
  }
  return sorted;
}

/** The table schema document of a table, keys in a fixed order. */
export function tableSchemaDocument(schema: TableSchema): Record<string, unknown> {
  return {
    $schema: TABLESCHEMA_PROFILE,
    fields: schema.fields.map((field) => ({
      name: field.name,
      type: field.type,
      title: field.title,
      description: field.description,
      example: field.example,
      constraints: field.constraints && {
        required: field.constraints.required,
        pattern: field.constraints.pattern,
        enum: field.constraints.enum,
      },
    })),
    primaryKey: schema.primaryKey,
    foreignKeys: schema.foreignKeys?.map((key) => ({
      fields: key.fields,
      reference: { resource: key.reference.resource, fields: key.reference.fields },
    })),
    missingValues: schema.missingValues,
  };
}

function deltaRule(table: DataTable): string {
  return (
    `Each issue's delta replaces rows by ${table.replaceKey}: delete every row whose ${table.replaceKey} ` +
    `is in the delta's ${table.replaceKeyTable} file or is listed for ${table.name} in the delta's ` +
    `${DELETIONS_TABLE} file, then insert the delta's rows.`
  );
}

/** The description of a resource: of every snapshot table file, and of every deletions file. */
function resourceDescription(file: DataFile, table: DataTable | undefined): string | undefined {
  if (!table) {
    return file.part === 'snapshot'
      ? 'Patent legal status as WIPO ST.96 V6_0 PatentLegalStatusData, events coded in WIPO ST.27.'
      : undefined;
  }
  if (table.replaceKey === null) {
    return (
      `${table.description.en} For each row, delete the rows of table_name whose replace key is key, ` +
      "before inserting the delta's rows."
    );
  }
  return file.part === 'snapshot' ? `${table.description.en} ${deltaRule(table)}` : undefined;
}

function resourceOf(file: DataFile, table: DataTable | undefined): Record<string, unknown> {
  const label = table?.title.en ?? 'Patent legal status';
  const where = file.part === 'snapshot' ? 'snapshot' : `delta of issue ${file.part}`;
  const fileNumber = file.sequence === undefined ? '' : `, file ${file.sequence}`;
  const tabular = file.format !== 'st96';
  return {
    name: resourceName(file),
    path: file.path,
    type: tabular ? 'table' : undefined,
    title: `${label} (${where}, ${FORMAT_LABEL[file.format]}${fileNumber})`,
    description: resourceDescription(file, table),
    format: FILE_FORMAT[file.format],
    mediatype: MEDIA_TYPES[file.format],
    encoding: file.format === 'parquet' ? undefined : 'utf-8',
    // The Frictionless compression recipe names gzip `gz`.
    compression: file.compression === 'gzip' ? 'gz' : undefined,
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    dialect:
      file.format === 'csv' ? { header: true, delimiter: ',', quoteChar: '"', doubleQuote: true } : undefined,
    schema: tabular ? schemaPath(file.table) : undefined,
  };
}

/** The `datapackage.json` descriptor of a release. */
export function buildDataPackage(release: DataRelease): Record<string, unknown> {
  const tables = new Map(release.tables.map((t) => [t.name, t]));
  const { publisher } = release;
  const license = knownLicense(release.license);
  const created = rfc3339(release.asOf);
  return {
    $schema: DATAPACKAGE_PROFILE,
    name: `${publisher.office.toLowerCase()}-ip-rights-legal-status`,
    id: release.baseUrl,
    title: `${publisher.name.en}: IP rights and their legal status`,
    description:
      'Patents, trademarks and designs with their legal-status events (WIPO ST.27, ST.61, ST.87), ' +
      'parties, classes, priorities and documents: a snapshot of every table as CSV and Parquet, patent ' +
      'legal status as WIPO ST.96 XML, and the changes of every gazette issue as deltas under ' +
      `deltas/<YYYY-WW>/. Applied in issue order, the deltas rebuild the snapshot. ${DELTA_RULE} ` +
      `Published by ${publisher.name.en}.`,
    homepage: release.baseUrl,
    version: release.issue ?? created,
    created,
    keywords: ['patents', 'trademarks', 'designs', 'legal status', 'intellectual property', 'WIPO ST.27'],
    contributors: [
      { title: publisher.name.en, path: publisher.homepage, email: publisher.email, roles: ['publisher'] },
    ],
    licenses: [{ path: release.license, title: license.title }],
    resources: orderedFiles(release).map((file) => resourceOf(file, tables.get(file.table))),
  };
}

/** Pretty JSON with a final newline; `undefined` members are left out. */
function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a UTF-8 text file and says what was written. */
export async function writeTextFile(path: string, text: string): Promise<WrittenFile> {
  const bytes = Buffer.from(text, 'utf8');
  await writeFile(path, bytes);
  return { path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Writes `datapackage.json` and `schemas/<table>.schema.json` for every table into the data
 * folder `dir`; returns what was written.
 */
export async function writeDataPackage(
  dir: string,
  release: DataRelease,
): Promise<WrittenFile & { schemas: WrittenFile[] }> {
  const descriptor = buildDataPackage(release);
  await mkdir(join(dir, 'schemas'), { recursive: true });
  const schemas: WrittenFile[] = [];
  for (const table of release.tables) {
    schemas.push(
      await writeTextFile(join(dir, schemaPath(table.name)), jsonText(tableSchemaDocument(table.schema))),
    );
  }
  const written = await writeTextFile(join(dir, DATAPACKAGE_FILE), jsonText(descriptor));
  return { ...written, schemas };
}
