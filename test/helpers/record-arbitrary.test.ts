import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type EventRecordInput, EventRecordSchema } from '../../src/lib/event-record.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/lib/ndjson/read-lines.ts';
import {
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_LENGTH,
  extremeRecordArbitrary,
  type JsonSchema,
  recordArbitrary,
} from './record-arbitrary.ts';

// The limits, read from the schema as the arbitraries read them (defaults where it sets none).
const schema = z.toJSONSchema(EventRecordSchema, { io: 'input' }) as JsonSchema;
const register = schema.properties?.register?.properties ?? {};
const titleMax = register.title?.maxLength ?? DEFAULT_MAX_LENGTH;
const partiesMax = register.parties?.maxItems ?? DEFAULT_MAX_ITEMS;
const nameMax = register.parties?.items?.properties?.name?.maxLength ?? DEFAULT_MAX_LENGTH;
const prioritiesMax = register.priorities?.maxItems ?? DEFAULT_MAX_ITEMS;

function expectValid(record: EventRecordInput): void {
  const result = EventRecordSchema.safeParse(record);
  expect(result.error?.issues).toBeUndefined();
}

describe('recordArbitrary', () => {
  it('generates only valid records, without documents or supersedes by default', () => {
    fc.assert(
      fc.property(recordArbitrary(), (record) => {
        expectValid(record);
        expect(record.documents).toBeUndefined();
        expect(record.supersedes).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('follows its options and stays valid', () => {
    const options = {
      eventIds: fc.constantFrom('E-1', 'E-2'),
      rights: ['trademark', 'design'] as const,
      dateRange: { min: '2020-01-01', max: '2020-12-31' },
      withDocuments: true,
      withSupersedes: true,
      maxArrayItems: 2,
    };
    fc.assert(
      fc.property(recordArbitrary(options), (record) => {
        expectValid(record);
        expect(['E-1', 'E-2']).toContain(record.eventId);
        expect(record.supersedes).not.toBe(record.eventId);
        expect(['trademark', 'design']).toContain(record.right);
        expect(record.eventDate >= '2020-01-01' && record.eventDate <= '2020-12-31').toBe(true);
        expect(record.register.parties?.length ?? 0).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
    const samples = fc.sample(recordArbitrary(options), { numRuns: 300, seed: 1 });
    expect(samples.some((r) => r.documents?.length)).toBe(true);
    expect(samples.some((r) => r.supersedes !== undefined)).toBe(true);
  });

  it('reaches the edges: longest and shortest texts, full lists, nasty text, fields all absent or all present', () => {
    const samples = fc.sample(recordArbitrary(), { numRuns: 500, seed: 42 });
    const texts = samples.flatMap((r) => [
      r.register.title,
      ...(r.register.parties ?? []).map((p) => p.name),
    ]);
    expect(samples.some((r) => r.register.title.length === titleMax)).toBe(true);
    expect(samples.some((r) => r.register.title.length === 1)).toBe(true);
    expect(samples.some((r) => r.register.parties?.length === partiesMax)).toBe(true);
    expect(texts.some((t) => /\p{Extended_Pictographic}/u.test(t))).toBe(true);
    expect(texts.some((t) => /[\u0590-\u06ff]/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('<script>'))).toBe(true);
    expect(samples.some((r) => Object.keys(r.register).length === 1)).toBe(true); // the title alone
    expect(samples.some((r) => r.registrationNumber && r.effectiveDate && r.register.expiryDate)).toBe(true);
  });
});

describe('extremeRecordArbitrary', () => {
  it('generates valid records with texts at maxLength and lists full, within the line limit', () => {
    fc.assert(
      fc.property(extremeRecordArbitrary(), (record) => {
        expectValid(record);
        expect(record.register.title).toHaveLength(titleMax);
        expect(record.register.parties).toHaveLength(partiesMax);
        expect(record.register.priorities).toHaveLength(prioritiesMax);
        for (const party of record.register.parties ?? []) expect(party.name).toHaveLength(nameMax);
        expect(Buffer.byteLength(JSON.stringify(record))).toBeLessThanOrEqual(DEFAULT_MAX_LINE_BYTES);
      }),
      // A failing record is megabytes: report it as found rather than shrink it.
      { numRuns: 50, endOnFailure: true },
    );
  });
});
