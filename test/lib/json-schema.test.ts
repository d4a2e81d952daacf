import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { EVENT_RECORD_JSON_SCHEMA_PATH, eventRecordJsonSchemaText } from '../../src/lib/json-schema.ts';
import { patentRecord, trademarkRecord } from '../helpers/records.ts';

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(eventRecordJsonSchemaText()));
}

describe('eventRecordJsonSchema()', () => {
  it('matches the checked-in copy (run `npx tidende schema > public/schemas/event-record.schema.json` after changing the zod schema)', async () => {
    const checkedIn = await readFile(EVENT_RECORD_JSON_SCHEMA_PATH, 'utf8');
    expect(checkedIn).toBe(eventRecordJsonSchemaText());
  });

  it('accepts what the zod schema accepts', () => {
    const validate = compile();
    expect(validate(trademarkRecord())).toBe(true);
    expect(validate(patentRecord())).toBe(true);
  });

  it('rejects unknown fields, bad codes and impossible dates as the zod schema does', () => {
    const validate = compile();
    expect(validate({ ...patentRecord(), extra: true })).toBe(false);
    expect(validate(patentRecord({ office: 'NOR' }))).toBe(false);
    expect(validate(patentRecord({ eventDate: '2023-02-29' }))).toBe(false);
    expect(validate(patentRecord({ right: 'plant' as never }))).toBe(false);
  });
});
