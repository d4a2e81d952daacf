/**
 * DuckDB types derived from a JSON Schema that zod generated, so that the store's columns follow
 * the record schema instead of restating it. Two spellings of one type tree: the column type for
 * DDL (`STRUCT("name" VARCHAR)[]`) and the structure `from_json` takes (`[{"name":"VARCHAR"}]`).
 */

/** The parts of a JSON Schema node that decide its DuckDB type. */
export interface JsonSchemaNode {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  $ref?: string;
}

/** A DuckDB type: a scalar name, a list of a type, or a struct of named types. */
export type DuckDbType = string | { list: DuckDbType } | { struct: Record<string, DuckDbType> };

/** Derives the DuckDB type of a JSON Schema node: dates become DATE, objects STRUCT, arrays lists. */
export function jsonSchemaToDuckDbType(node: JsonSchemaNode, where = '(root)'): DuckDbType {
  if (node.enum || node.$ref) return 'VARCHAR';
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  switch (type) {
    case 'string':
      return node.format === 'date' ? 'DATE' : node.format === 'date-time' ? 'TIMESTAMPTZ' : 'VARCHAR';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'array':
      if (!node.items) throw new Error(`JSON Schema array at ${where} has no items`);
      return { list: jsonSchemaToDuckDbType(node.items, `${where}[]`) };
    case 'object': {
      const struct: Record<string, DuckDbType> = {};
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        struct[name] = jsonSchemaToDuckDbType(child, `${where}.${name}`);
      }
      return { struct };
    }
    default:
      throw new Error(
        `JSON Schema node at ${where} has no type DuckDB can store: ${JSON.stringify(node.type)}`,
      );
  }
}

/** Quotes an identifier for DuckDB SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The type as DDL writes it, e.g. `STRUCT("role" VARCHAR, "name" VARCHAR)[]`. */
export function duckDbTypeToSql(type: DuckDbType): string {
  if (typeof type === 'string') return type;
  if ('list' in type) return `${duckDbTypeToSql(type.list)}[]`;
  const fields = Object.entries(type.struct).map(
    ([name, child]) => `${quoteIdentifier(name)} ${duckDbTypeToSql(child)}`,
  );
  return `STRUCT(${fields.join(', ')})`;
}

/** The type as `from_json` takes it, e.g. `[{"role":"VARCHAR"}]`. */
export function duckDbTypeToJsonStructure(type: DuckDbType): unknown {
  if (typeof type === 'string') return type;
  if ('list' in type) return [duckDbTypeToJsonStructure(type.list)];
  return Object.fromEntries(
    Object.entries(type.struct).map(([name, child]) => [name, duckDbTypeToJsonStructure(child)]),
  );
}

/** Quotes a string as a SQL literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
