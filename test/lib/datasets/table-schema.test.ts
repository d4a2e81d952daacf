import { describe, expect, it } from 'vitest';
import { DATA_TABLES, DELETIONS_TABLE, ROW_TABLES } from '../../../src/lib/datasets/dataset-tables.ts';
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

  it('gives examples that keep the rules of their own column: type, enum, pattern', () => {
    for (const definition of DATA_TABLES) {
      for (const field of tableSchemaOf(definition).fields) {
        const where = `${definition.name}.${field.name} example ${JSON.stringify(field.example)}`;
        const example = field.example ?? '';
        const typed =
          field.type === 'integer' || field.type === 'number'
            ? Number(example)
            : field.type === 'boolean'
              ? ({ true: true, false: false } as Record<string, boolean>)[example]
              : example;
        // The row schema is the rule: the example, typed as its column, must pass it.
        const column = definition.rows.shape[field.name] as { safeParse(v: unknown): { success: boolean } };
        expect(column.safeParse(typed).success, where).toBe(true);
        if (field.constraints?.enum) expect(field.constraints.enum, where).toContain(example);
        if (field.constraints?.pattern) expect(example, where).toMatch(new RegExp(field.constraints.pattern));
        if (field.type === 'date') expect(example, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('gives national codes in examples that the mapping tables have, and absolute URLs', async () => {
    const { readFile } = await import('node:fs/promises');
    const codes = new Set(
      (await readFile('mappings/patent.csv', 'utf8')).split('\n').map((l) => l.split(',')[0]),
    );
    const field = (t: string, f: string) => tableSchemaOf(table(t)).fields.find((x) => x.name === f)?.example;
    expect(codes).toContain(field('legal_status_events', 'national_code'));
    expect(field('legal_status_events', 'status_event_code')).toMatch(
      new RegExp(`-${field('legal_status_events', 'national_code')}$`),
    );
    expect(field('documents', 'url')).toMatch(/^https:\/\//);
  });

  it('keys every table and points right_id at the rights table', () => {
    for (const definition of ROW_TABLES) {
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

  it('lets the deletions name every table with rows, by the value of its replace key', () => {
    const deletions = table(DELETIONS_TABLE);
    expect(deletions.replaceKey).toBeNull();
    expect(DATA_TABLES.filter((t) => t.replaceKey === null)).toEqual([deletions]);
    const schema = tableSchemaOf(deletions);
    expect(schema.primaryKey).toEqual(['table_name', 'key']);
    expect(schema.foreignKeys).toBeUndefined();
    const fields = new Map(schema.fields.map((f) => [f.name, f]));
    expect(fields.get('table_name')?.constraints?.enum?.sort()).toEqual(ROW_TABLES.map((t) => t.name).sort());
    expect(fields.get('key')?.constraints?.required).toBe(true);
    expect(duckDbColumnsOf(deletions)).toEqual([
      { name: 'table_name', type: 'VARCHAR' },
      { name: 'key', type: 'VARCHAR' },
    ]);
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
