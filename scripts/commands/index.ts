/**
 * The table of commands: names, usage and options. The CLI parses and writes --help from it;
 * each command's code is loaded only when that command runs.
 */

import { ALLOWED_DELETION_SHARE, MIN_ALLOWED_DELETIONS } from '../../src/lib/deploy/deletion-guard.ts';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../src/lib/documents/document-policy.ts';
import { DEFAULT_DOCUMENT_MEDIA_TYPES } from '../../src/lib/documents/media-type.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/lib/ndjson/read-lines.ts';
import { LOCAL_SITE_URL } from '../../src/lib/site/render/endpoint-response.ts';

export interface CommandOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** What the value is called in help, e.g. PATH. */
  valueName?: string;
  description: string;
  /** The default, as help shows it. */
  default?: string;
  /** Environment variable read when the option is not given. */
  env?: string;
}

export interface CommandArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CommandModule {
  /** Runs the command; resolves to the exit code. */
  run(args: CommandArgs): Promise<number>;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  details?: string;
  /** What the arguments besides options are called, e.g. FILE...; a command without takes none. */
  arguments?: string;
  options: Record<string, CommandOption>;
  load(): Promise<CommandModule>;
}

const store: CommandOption = {
  type: 'string',
  valueName: 'PATH',
  description: 'The event store (a DuckDB file).',
  default: '.tidende/store.duckdb',
  env: 'TIDENDE_STORE',
};
const mappings: CommandOption = {
  type: 'string',
  valueName: 'DIR',
  description: 'Folder of the mapping tables.',
  default: 'mappings',
};
const json: CommandOption = { type: 'boolean', description: 'Print the result as JSON on stdout.' };
const allowDeletions: CommandOption = {
  type: 'string',
  valueName: 'N',
  description:
    'Accept up to N deletions of live files on purpose (published issues and released deltas are never removed).',
  default: `${ALLOWED_DELETION_SHARE * 100}% of the live files or ${MIN_ALLOWED_DELETIONS}, the larger`,
};

export const commands: CommandSpec[] = [
  {
    name: 'ingest',
    usage: 'ingest FILE... [options]',
    summary: 'Read NDJSON extracts (plain or gzipped) into the event store.',
    details:
      'Every line is accounted for: accepted, duplicate (same eventId and content: no-op), conflict\n' +
      '(same eventId, other content: refused), rejected (invalid) or blank. Rejected and conflicting\n' +
      'lines are kept verbatim in the quarantine file. Each file is ingested whole or not at all.\n' +
      'Exit code 0 only when no line was rejected or in conflict.',
    arguments: 'FILE...',
    options: {
      store,
      quarantine: {
        type: 'string',
        valueName: 'FILE',
        description: 'NDJSON file that refused lines are appended to.',
        default: 'quarantine.ndjson beside the store',
      },
      workers: {
        type: 'string',
        valueName: 'N',
        description: 'Validation threads; 0 validates on the main thread.',
        default: 'one per core',
      },
      'max-line-bytes': {
        type: 'string',
        valueName: 'N',
        description: 'Longest line accepted, in bytes; a longer line is rejected as it is read.',
        default: String(DEFAULT_MAX_LINE_BYTES),
      },
      'max-document-bytes': {
        type: 'string',
        valueName: 'N',
        description: "Largest document accepted, in bytes; a larger one rejects its event's line.",
        default: String(DEFAULT_MAX_DOCUMENT_BYTES),
      },
      'document-types': {
        type: 'string',
        valueName: 'LIST',
        description: 'Media types of documents accepted, comma-separated (only those Tidende can check).',
        default: Object.keys(DEFAULT_DOCUMENT_MEDIA_TYPES).join(','),
      },
      json,
    },
    load: () => import('./ingest.ts'),
  },
  {
    name: 'sample',
    usage: 'sample --out FILE [--rights N] [--seed S] [--until DATE]',
    summary: 'Generate a realistic, deterministic NIPO-like extract with its document images.',
    details: 'The same options always give the same bytes. FILE ending in .gz is gzipped.',
    options: {
      out: {
        type: 'string',
        valueName: 'FILE',
        description: 'Where to write the NDJSON extract (required).',
      },
      rights: { type: 'string', valueName: 'N', description: 'Number of IP rights.', default: '2000' },
      seed: { type: 'string', valueName: 'S', description: 'Seed of the random generator.', default: '1' },
      until: {
        type: 'string',
        valueName: 'DATE',
        description: 'No event after this date.',
        default: '2026-11-16',
      },
      json,
    },
    load: () => import('./sample.ts'),
  },
  {
    name: 'mappings',
    usage: 'mappings check [--json] [--min-coverage P] [--mappings DIR] [--store PATH]',
    summary: 'Check the mapping tables against the WIPO code lists and measure their coverage of the store.',
    details:
      'Every problem names file, line and column. With a store, the tables are loaded into it (the\n' +
      'legal-status view follows them at once) and each unmapped national code is listed with its\n' +
      'count and an example event. Exit code 1 on a problem or below the minimum coverage.',
    arguments: 'check',
    options: {
      'min-coverage': {
        type: 'string',
        valueName: 'P',
        description: 'Minimum percentage of national codes mapped, per right type.',
        default: '98',
      },
      mappings,
      store,
      json,
    },
    load: () => import('./mappings.ts'),
  },
  {
    name: 'build',
    usage: 'build --out DIR [--as-of DATETIME] [--site-url URL] [--store PATH] [--mappings DIR]',
    summary: 'Build the gazette website and its search index from the store.',
    details:
      'Only issues published by --as-of (Monday 00:01 Europe/Oslo of their week) are built. Published\n' +
      'issues are locked: a build that would change one fails, naming the issue and the entries.',
    options: {
      out: { type: 'string', valueName: 'DIR', description: 'Folder to write the site to (required).' },
      'as-of': {
        type: 'string',
        valueName: 'DATETIME',
        description: 'Build the site as it stands at this ISO 8601 date-time with offset.',
        default: 'now',
      },
      'site-url': {
        type: 'string',
        valueName: 'URL',
        description: 'Absolute URL the site is served at, for feeds and the sitemap.',
        default: LOCAL_SITE_URL,
        env: 'TIDENDE_SITE_URL',
      },
      mappings,
      store,
    },
    load: () => import('./build.ts'),
  },
  {
    name: 'data',
    usage: 'data --out DIR [--as-of DATETIME] [--formats LIST] [--site-url URL] [--store PATH] [--json]',
    summary: 'Write the open datasets (CSV, Parquet, ST.96 XML, catalog metadata) from the store.',
    details:
      'A snapshot as of the latest issue published by --as-of, and one delta per published issue;\n' +
      "`tidende build` writes the same under the site's /data/.",
    options: {
      out: { type: 'string', valueName: 'DIR', description: 'Folder to write the datasets to (required).' },
      'as-of': {
        type: 'string',
        valueName: 'DATETIME',
        description: 'Export the data as it stands at this ISO 8601 date-time with offset.',
        default: 'now',
      },
      'site-url': {
        type: 'string',
        valueName: 'URL',
        description: 'Absolute URL the site is served at, for document links and the catalog.',
        default: LOCAL_SITE_URL,
        env: 'TIDENDE_SITE_URL',
      },
      formats: {
        type: 'string',
        valueName: 'LIST',
        description: 'Comma-separated formats to write: csv, parquet, st96.',
        default: 'csv,parquet,st96',
      },
      mappings,
      store,
      json,
    },
    load: () => import('./data.ts'),
  },
  {
    name: 'deploy',
    usage: 'deploy DIR --target URL [--dry-run] [--json] [--concurrency N] [--allow-deletions N]',
    summary:
      'Upload a built site to static hosting: only what changed, in an order readers never see broken.',
    details:
      "Targets: file:///absolute/path (a folder standing in for a web root) or 'azure://ACCOUNT/$web'\n" +
      '(Azure Blob static website; quote it in a shell). Azure credentials: AZURE_STORAGE_CONNECTION_STRING,\n' +
      'else AZURE_STORAGE_SAS_TOKEN, else DefaultAzureCredential (CI with OIDC, or az login).\n' +
      'Uploads assets and datasets first, then pages, then entry points (home pages, feeds, sitemaps,\n' +
      'robots.txt, data catalog, search entry files); writes the manifest .tidende/deploy-manifest.ndjson.gz;\n' +
      'only then deletes what the new version no longer has. A rerun after an interruption finishes the job.',
    arguments: 'DIR',
    options: {
      target: {
        type: 'string',
        valueName: 'URL',
        description: 'Where to deploy: file:///PATH or azure://ACCOUNT/CONTAINER (required).',
      },
      'dry-run': {
        type: 'boolean',
        description: 'Print the plan per phase (uploads with their reason, deletions); change nothing.',
      },
      concurrency: {
        type: 'string',
        valueName: 'N',
        description: 'Uploads and deletions at once, 1 to 64.',
        default: '8',
      },
      'allow-deletions': allowDeletions,
      json,
    },
    load: () => import('./deploy.ts'),
  },
  {
    name: 'publish',
    usage: 'publish [--extract FILE...] --target URL [--as-of DATETIME] [--bootstrap] [options]',
    summary: 'Ingest new extracts, check mappings, build site and data, verify, deploy: the weekly loop.',
    details:
      'Holds a lock at the target (.tidende/publish.lock) so that two publishes never run at once.\n' +
      'Refuses to go on when the mapping tables have problems or cover less than --min-coverage, and\n' +
      'deploys nothing unless the new ST.96 XML validates against the XSD, the catalog against the\n' +
      'DCAT-AP-NO shapes and the data package against its files. Run again with nothing new, it\n' +
      'uploads nothing.',
    options: {
      extract: {
        type: 'string',
        multiple: true,
        valueName: 'FILE',
        description: 'An NDJSON extract (plain or gzipped) to ingest first; repeat for several.',
      },
      target: {
        type: 'string',
        valueName: 'URL',
        description: 'Where to publish: file:///PATH or azure://ACCOUNT/CONTAINER (required).',
      },
      'as-of': {
        type: 'string',
        valueName: 'DATETIME',
        description: 'Publish what is due at this ISO 8601 date-time with offset.',
        default: 'now',
      },
      out: {
        type: 'string',
        valueName: 'DIR',
        description: 'Folder the site is built in, kept between runs so builds are incremental.',
        default: 'site/ beside the store',
      },
      'site-url': {
        type: 'string',
        valueName: 'URL',
        description: 'Absolute URL the site is served at.',
        default: LOCAL_SITE_URL,
        env: 'TIDENDE_SITE_URL',
      },
      'min-coverage': {
        type: 'string',
        valueName: 'P',
        description: 'Least share of national codes per right type that must be mapped, in percent.',
        default: '98',
      },
      'st96-schema': {
        type: 'string',
        valueName: 'DIR',
        description: "Folder of WIPO's ST.96 V6_0 XSDs (PatentLegalStatusData_V6_0.xsd and its imports).",
        default: 'standards/st96 of the installation',
        env: 'TIDENDE_ST96_SCHEMA',
      },
      'dcat-shapes': {
        type: 'string',
        valueName: 'DIR',
        description: 'Folder of the DCAT-AP-NO SHACL shapes (DCAT-AP-NO-shacl_shapes_2.00.ttl).',
        default: 'standards/dcat-ap-no of the installation',
        env: 'TIDENDE_DCAT_SHAPES',
      },
      bootstrap: {
        type: 'boolean',
        description:
          'Start a new gazette: the store may be new, and the target must be empty. Without it, the store must exist and the target hold a gazette.',
      },
      'allow-deletions': allowDeletions,
      mappings,
      store,
    },
    load: () => import('./publish.ts'),
  },
  {
    name: 'suppress',
    usage: 'suppress EVENT_ID --reason TEXT [--store PATH]',
    summary: 'Take back an accepted event: gone from register pages, search and data from the next build.',
    details:
      'The store is append-only: the suppression is recorded with its time and reason. An issue\n' +
      'already published keeps the event as published; if readers had seen it, the next open issue\n' +
      'carries a withdrawal notice.',
    arguments: 'EVENT_ID',
    options: {
      reason: { type: 'string', valueName: 'TEXT', description: 'Why the event is taken back (required).' },
      store,
    },
    load: () => import('./suppress.ts'),
  },
  {
    name: 'serve',
    usage: 'serve DIR [--port N]',
    summary: 'Serve a built site on localhost until stopped.',
    arguments: 'DIR',
    options: {
      port: {
        type: 'string',
        valueName: 'N',
        description: 'Port to listen on; 0 for any free port.',
        default: '4321',
      },
    },
    load: () => import('./serve.ts'),
  },
  {
    name: 'stats',
    usage: 'stats [--json] [--store PATH]',
    summary: 'Count rights and events per right type, national code and year; list the last ingests.',
    options: { store, json },
    load: () => import('./stats.ts'),
  },
  {
    name: 'schema',
    usage: 'schema',
    summary: 'Print the JSON Schema of the event record (generated from the zod schema).',
    options: {},
    load: () => import('./schema.ts'),
  },
];
