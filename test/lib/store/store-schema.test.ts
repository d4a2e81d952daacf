import { describe, expect, it } from 'vitest';
import { EventRecordSchema } from '../../../src/lib/event-record.ts';
import {
  duckDbTypeToJsonStructure,
  duckDbTypeToSql,
  jsonSchemaToDuckDbType,
} from '../../../src/lib/store/duckdb-types.ts';
import { DEFAULT_STORE_PATH, resolveStorePath } from '../../../src/lib/store/event-store.ts';
import { recordColumns, recordFieldToColumn } from '../../../src/lib/store/store-schema.ts';

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
