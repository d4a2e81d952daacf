/**
 * Opens the event store: one DuckDB database file holding the append-only events, the ingest
 * batches and the quarantine. Where it lives: `--store PATH`, else `TIDENDE_STORE`, else
 * `.tidende/store.duckdb` in the working directory.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CliError } from '../cli-error.ts';
import { describeStoreFault, storeFaultOf } from './store-faults.ts';
import { STORE_SCHEMA_VERSION, storeSchemaSql } from './store-schema.ts';

/** The store path used when neither `--store` nor `TIDENDE_STORE` is given. */
export const DEFAULT_STORE_PATH = '.tidende/store.duckdb';

/** Picks the store path: the flag first, then the environment, then the default. */
export function resolveStorePath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag || env.TIDENDE_STORE || DEFAULT_STORE_PATH);
}

/**
 * Refuses a store path with no store: building or publishing from it would make an empty gazette
 * (and a deploy of that would take the live one down).
 */
export function requireExistingStore(path: string): void {
  if (!existsSync(path)) {
    throw new CliError(
      `No event store at ${path}. Ingest an extract into it first (tidende ingest FILE --store ${path}), ` +
        'or restore the store and its document-store/ folder from their backup (see Operations in the README).',
    );
  }
}

export interface EventStore {
  /** Absolute path of the database file. */
  path: string;
  connection: DuckDBConnection;
  /** Closes the connection and the database; the file is then complete on disk. */
  closeSync(): void;
}

export interface OpenStoreOptions {
  /** Open without writing, e.g. for stats; fails if the store does not exist. */
  readOnly?: boolean;
  /** DuckDB memory limit; default 256MB; DuckDB spills to disk beyond it. */
  memoryLimit?: string;
}

/** Opens (and on first use creates) the store at `path`, checking its schema version. */
export async function openEventStore(path: string, options: OpenStoreOptions = {}): Promise<EventStore> {
  const absolute = resolve(path);
  if (!options.readOnly) await mkdir(dirname(absolute), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(absolute, {
      access_mode: options.readOnly ? 'READ_ONLY' : 'READ_WRITE',
      memory_limit: options.memoryLimit ?? '256MB',
      // Spill beside the store rather than in the working directory.
      temp_directory: join(dirname(absolute), 'duckdb-tmp'),
      preserve_insertion_order: 'false',
    });
  } catch (error) {
    const fault = storeFaultOf(error);
    if (fault) throw new CliError(describeStoreFault(fault, absolute), { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `Cannot open the event store ${absolute}: ${reason}` +
        (options.readOnly && !existsSync(absolute)
          ? '\nIngest an extract first (tidende ingest FILE), or point --store at an existing store.'
          : ''),
      { cause: error },
    );
  }
  const connection = await instance.connect();
  const store: EventStore = {
    path: absolute,
    connection,
    closeSync() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  try {
    // Checked before anything is written: a store of another version is left exactly as it is.
    await checkSchemaVersion(store, Boolean(options.readOnly));
    if (!options.readOnly) {
      await connection.run(storeSchemaSql());
      await connection.run(
        `INSERT OR IGNORE INTO store_meta VALUES ('schema_version', '${STORE_SCHEMA_VERSION}')`,
      );
    }
  } catch (error) {
    store.closeSync();
    throw error;
  }
  return store;
}

async function checkSchemaVersion(store: EventStore, readOnly: boolean): Promise<void> {
  const hasMeta = (
    await store.connection.runAndReadAll(
      `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'store_meta'`,
    )
  ).currentRowCount;
  const rows = hasMeta
    ? (
        await store.connection.runAndReadAll(`SELECT value FROM store_meta WHERE key = 'schema_version'`)
      ).getRowObjectsJS()
    : [];
  const found = rows[0]?.value;
  if (found === undefined && !readOnly) {
    const tables = (
      await store.connection.runAndReadAll(
        `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() LIMIT 1`,
      )
    ).currentRowCount;
    if (tables > 0)
      throw new CliError(
        `${store.path} is a DuckDB database but not a Tidende event store (it has tables and no schema version); it was left as it is.`,
      );
    return;
  }
  if (found !== STORE_SCHEMA_VERSION) {
    throw new CliError(
      `The event store ${store.path} has schema version ${String(found)}; this Tidende reads version ${STORE_SCHEMA_VERSION}. It was left as it is.\n` +
        'Make a new store by ingesting the extracts again into another --store path.',
    );
  }
}
