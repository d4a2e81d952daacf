/**
 * Generates from a table's zod row schema what the published files need: the Frictionless v2
 * table schema (fields, keys, dictionary text and examples) and the DuckDB type of each column.
 */
import { z } from 'zod';
import { type JsonSchemaNode, jsonSchemaToDuckDbType } from '../store/duckdb-types.ts';
import type { DataTable, TableField, TableSchema } from './data-release.ts';
import type { TableDefinition } from './dataset-tables.ts';

interface ColumnNode extends JsonSchemaNode {
  description?: string;
  examples?: unknown[];
  pattern?: string;
  anyOf?: ColumnNode[];
}

/** The column's JSON Schema without the `null` branch a nullable column has. */
function nonNull(node: ColumnNode): { node: ColumnNode; nullable: boolean } {
  if (node.anyOf) {
    const branches = node.anyOf.filter((b) => b.type !== 'null');
    const [branch] = branches;
    if (branches.length !== 1 || !branch) throw new Error('a column must have one type besides null');
    return { node: { ...branch, description: node.description ?? branch.description }, nullable: true };
  }
  return { node, nullable: false };
}

function columns(definition: TableDefinition): [string, ColumnNode][] {
  const schema = z.toJSONSchema(definition.rows, { target: 'draft-2020-12' }) as {
    properties: Record<string, ColumnNode>;
  };
  return Object.entries(schema.properties);
}

function fieldType(node: ColumnNode): TableField['type'] {
  if (node.type === 'string') return node.format === 'date' ? 'date' : 'string';
  if (node.type === 'integer' || node.type === 'number' || node.type === 'boolean') return node.type;
  throw new Error(`no Frictionless type for JSON Schema type ${JSON.stringify(node.type)}`);
}

/** The Frictionless v2 table schema of a table. */
export function tableSchemaOf(definition: TableDefinition): TableSchema {
  const fields = columns(definition).map(([name, column]): TableField => {
    const { node, nullable } = nonNull(column);
    const constraints: NonNullable<TableField['constraints']> = {};
    if (!nullable) constraints.required = true;
    if (node.enum) constraints.enum = node.enum.map(String);
    if (node.pattern && node.format !== 'date') constraints.pattern = node.pattern;
    return {
      name,
      type: fieldType(node),
      title: name.replaceAll('_', ' '),
      description: node.description ?? '',
      ...(node.examples?.[0] !== undefined ? { example: String(node.examples[0]) } : {}),
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    };
  });
  const names = new Set(fields.map((f) => f.name));
  const foreignKeys =
    definition.name !== 'rights' && names.has('right_id')
      ? [{ fields: ['right_id'], reference: { resource: 'rights', fields: ['right_id'] } }]
      : undefined;
  return {
    fields,
    primaryKey: definition.primaryKey,
    ...(foreignKeys ? { foreignKeys } : {}),
    missingValues: [''],
  };
}

/** The table as the data release describes it. */
export function dataTableOf(definition: TableDefinition): DataTable {
  return {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    schema: tableSchemaOf(definition),
    replaceKey: definition.replaceKey,
    replaceKeyTable: definition.replaceKeyTable,
  };
}

/** Each column with the DuckDB type its files are written with, in order. */
export function duckDbColumnsOf(definition: TableDefinition): { name: string; type: string }[] {
  return columns(definition).map(([name, column]) => {
    const type = jsonSchemaToDuckDbType(nonNull(column).node, name);
    if (typeof type !== 'string') throw new Error(`column ${name} must be a scalar`);
    return { name, type: type === 'BIGINT' ? 'INTEGER' : type };
  });
}
