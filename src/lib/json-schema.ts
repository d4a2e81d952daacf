/** JSON Schema of the event record, generated from the zod schema (never edited by hand). */
import { z } from 'zod';
import { EventRecordSchema } from './event-record.ts';
import { ST3_CODES } from './st3-codes.ts';

/** Where the generated schema is checked in, and served from on the site. */
export const EVENT_RECORD_JSON_SCHEMA_PATH = 'public/schemas/event-record.schema.json';

const ST3_REF = '#/$defs/St3Code';

function isSt3Enum(values: unknown): boolean {
  return (
    Array.isArray(values) && values.length === ST3_CODES.length && values.every((v, i) => v === ST3_CODES[i])
  );
}

/**
 * The JSON Schema (draft 2020-12) of an event record as written in an extract: defaults make
 * their fields optional. The ST.3 code list, used in several fields, is written once under `$defs`.
 */
export function eventRecordJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(EventRecordSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({ jsonSchema }) => {
      if (!isSt3Enum(jsonSchema.enum)) return;
      delete jsonSchema.enum;
      delete jsonSchema.type;
      jsonSchema.$ref = ST3_REF;
    },
  });
  return {
    ...schema,
    $defs: {
      St3Code: { type: 'string', description: 'WIPO ST.3 two-letter code.', enum: ST3_CODES },
    },
  };
}

/** The schema as the checked-in file holds it: two-space JSON and a final newline. */
export function eventRecordJsonSchemaText(): string {
  return `${JSON.stringify(eventRecordJsonSchema(), null, 2)}\n`;
}
