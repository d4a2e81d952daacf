import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { EventRecordSchema } from '../../../src/lib/event-record.ts';
import {
  duckDbTypeToJsonStructure,
  duckDbTypeToSql,
  jsonSchemaToDuckDbType,
} from '../../../src/lib/store/duckdb-types.ts';
import { DEFAULT_STORE_PATH, openEventStore, resolveStorePath } from '../../../src/lib/store/event-store.ts';
import {
  recordColumns,
  recordFieldToColumn,
  STORE_SCHEMA_VERSION,
} from '../../../src/lib/store/store-schema.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('jsonSchemaToDuckDbType(node)', () => {
  it('maps dates to DATE, objects to STRUCT and arrays to lists', () => {
    const type = jsonSchemaToDuckDbType({
      type: 'object',
      properties: {
        day: { type: 'string', format: 'date' },
        tags: { type: 'array', items: { type: 'string', enum: ['a'] } },
        n: { type: 'integer' },
      },
    });
    expect(duckDbTypeToSql(type)).toBe('STRUCT("day" DATE, "tags" VARCHAR[], "n" BIGINT)');
    expect(duckDbTypeToJsonStructure(type)).toEqual({ day: 'DATE', tags: ['VARCHAR'], n: 'BIGINT' });
  });

  it('refuses a node it cannot store, naming where it is', () => {
    expect(() => jsonSchemaToDuckDbType({ type: 'object', properties: { x: {} } }, 'record')).toThrow(
      /JSON Schema node at record\.x has no type DuckDB can store/,
    );
  });
});

describe('recordColumns()', () => {
  it('has one column per field of the event record, in schema order', () => {
    expect(recordColumns().map((c) => c.field)).toEqual(Object.keys(EventRecordSchema.shape));
  });

  it('types the columns from the schema', () => {
    const columns = Object.fromEntries(recordColumns().map((c) => [c.column, duckDbTypeToSql(c.type)]));
    expect(columns.event_date).toBe('DATE');
    expect(columns.right_type).toBe('VARCHAR');
    expect(columns.documents).toBe(
      'STRUCT("kind" VARCHAR, "href" VARCHAR, "mediaType" VARCHAR, "sha256" VARCHAR)[]',
    );
    expect(columns.register).toContain(
      '"parties" STRUCT("role" VARCHAR, "name" VARCHAR, "country" VARCHAR, "city" VARCHAR)[]',
    );
    expect(columns.register).toContain('"filingDate" DATE');
  });
});

describe('recordFieldToColumn(field)', () => {
  it('writes fields in snake_case and renames the SQL keyword right', () => {
    expect(recordFieldToColumn('applicationNumber')).toBe('application_number');
    expect(recordFieldToColumn('right')).toBe('right_type');
  });
});

describe('resolveStorePath(flag, env)', () => {
  it('takes the flag first, then TIDENDE_STORE, then the default', () => {
    expect(resolveStorePath('/a.duckdb', { TIDENDE_STORE: '/b.duckdb' })).toBe('/a.duckdb');
    expect(resolveStorePath(undefined, { TIDENDE_STORE: '/b.duckdb' })).toBe('/b.duckdb');
    expect(resolveStorePath(undefined, {})).toBe(`${process.cwd()}/${DEFAULT_STORE_PATH}`);
  });
});

describe('openEventStore(path)', () => {
  it('refuses a store of another schema version before writing anything to it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'old.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
      INSERT INTO store_meta VALUES ('schema_version', '1'); CREATE TABLE events (event_id VARCHAR);`);
    connection.closeSync();
    instance.closeSync();
    const before = await readFile(path);
    await expect(openEventStore(path)).rejects.toThrow(
      `The event store ${path} has schema version 1; this Tidende reads version ${STORE_SCHEMA_VERSION}. It was left as it is.`,
    );
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('refuses a DuckDB file that is not an event store', async () => {
    const dir = await tempDir();
    const path = join(dir, 'other.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE accounts (id INTEGER)');
    connection.closeSync();
    instance.closeSync();
    await expect(openEventStore(path)).rejects.toThrow('is a DuckDB database but not a Tidende event store');
  });
});
