import { describe, expect, it } from 'vitest';
import { DATA_TABLES } from '../../../src/lib/datasets/dataset-tables.ts';
import { duckDbColumnsOf, tableSchemaOf } from '../../../src/lib/datasets/table-schema.ts';

const table = (name: string) => {
  const found = DATA_TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
};

describe('table schemas generated from the row schemas', () => {
  it('types dates, integers, booleans and enums, and marks nullable columns not required', () => {
    const fields = new Map(tableSchemaOf(table('legal_status_events')).fields.map((f) => [f.name, f]));
    expect(fields.get('event_date')).toMatchObject({ type: 'date', constraints: { required: true } });
    expect(fields.get('effective_date')?.type).toBe('date');
    expect(fields.get('effective_date')?.constraints?.required).toBeUndefined();
    expect(fields.get('standard_event_seq')?.type).toBe('integer');
    expect(fields.get('mapped')?.type).toBe('boolean');
    expect(fields.get('standard')?.constraints?.enum).toEqual(['ST.27', 'ST.61', 'ST.87']);
    expect(fields.get('issue')?.constraints?.pattern).toBe('^\\d{4}-\\d{2}$');
  });

  it('gives every column a description and an example for the data dictionary', () => {
    for (const definition of DATA_TABLES) {
      for (const field of tableSchemaOf(definition).fields) {
        expect(field.description, `${definition.name}.${field.name}`).not.toBe('');
        expect(field.example, `${definition.name}.${field.name}`).toBeDefined();
      }
    }
  });

  it('keys every table and points right_id at the rights table', () => {
    for (const definition of DATA_TABLES) {
      const schema = tableSchemaOf(definition);
      const names = schema.fields.map((f) => f.name);
      for (const key of [...schema.primaryKey, definition.replaceKey]) expect(names).toContain(key);
      if (definition.name !== 'rights') {
        expect(schema.foreignKeys).toEqual([
          { fields: ['right_id'], reference: { resource: 'rights', fields: ['right_id'] } },
        ]);
      }
    }
  });

  it('gives DuckDB types in column order', () => {
    expect(duckDbColumnsOf(table('priorities'))).toEqual([
      { name: 'right_id', type: 'VARCHAR' },
      { name: 'priority_seq', type: 'INTEGER' },
      { name: 'country', type: 'VARCHAR' },
      { name: 'number', type: 'VARCHAR' },
      { name: 'date', type: 'DATE' },
    ]);
  });
});
