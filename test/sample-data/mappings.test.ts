import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { GENERATOR_CODES } from '../../scripts/sample-data/codes.ts';
import { generateSampleEvents } from '../../scripts/sample-data/generate-sample.ts';
import { parseCsv, parseCsvObjects } from '../../src/lib/csv/parse-csv.ts';
import { GAZETTE_SECTIONS, MAPPING_COLUMNS, STANDARD_OF_RIGHT } from '../../src/lib/mappings/mapping-row.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const COLUMNS = MAPPING_COLUMNS.join(',');
const TABLES = STANDARD_OF_RIGHT;

const tables = Object.fromEntries(
  Object.keys(TABLES).map((right) => [right, parseCsvObjects(read(`mappings/${right}.csv`))]),
) as Record<keyof typeof TABLES, Record<string, string>[]>;

const st27 = JSON.parse(read('standards/wipo-st27/st27.json')) as {
  events: { code: string; category: string; type: string }[];
};
const st27Events = new Map(st27.events.map((event) => [event.code, event]));

// NIPO's real codes as the EPO lists them, space-padded to four characters.
const realCodes = parseCsv(read('standards/epo-legal-codes/legal_code_descriptions_202417_NO.csv'))
  .slice(1)
  .map((row) => (row[1] as string).trim());

describe('mappings/*.csv', () => {
  test.each(Object.keys(TABLES))('%s.csv has exactly the agreed columns', (right) => {
    expect(read(`mappings/${right}.csv`).split('\n')[0]).toBe(COLUMNS);
  });

  test.each(Object.entries(TABLES))(
    'every row of %s.csv names %s, a section, a status flag, labels and a source',
    (right, standard) => {
      for (const row of tables[right as keyof typeof TABLES]) {
        const where = `${right}.csv ${row.nationalCode}`;
        expect(row.nationalCode, where).toMatch(/^[A-Z0-9]{1,5}$/);
        expect(row.standard, where).toBe(standard);
        expect(['true', 'false'], where).toContain(row.legalStatus);
        expect(GAZETTE_SECTIONS, where).toContain(row.section);
        for (const label of [row.labelNb, row.labelNn, row.labelEn])
          expect(label, where).toMatch(/^\S(.*\S)?$/);
        // Labels are sentence case, not the EPO file's upper case.
        expect(row.labelNb, where).not.toBe(row.labelNb?.toUpperCase());
        expect(['EPO legal event codes 2024-17', 'Tidende sample'], where).toContain(row.source);
      }
    },
  );

  test('patent.csv holds all 61 real NIPO codes, trimmed, and marks only those as from the EPO list', () => {
    expect(realCodes).toHaveLength(61);
    const codes = new Set(tables.patent.map((row) => row.nationalCode));
    for (const code of realCodes) expect(codes, code).toContain(code);
    for (const row of tables.patent) {
      expect(row.source === 'EPO legal event codes 2024-17', row.nationalCode).toBe(
        realCodes.includes(row.nationalCode as string),
      );
    }
  });

  test('patent.csv maps to real ST.27 events, states and stages', () => {
    for (const row of tables.patent) {
      const where = `patent.csv ${row.nationalCode}`;
      const key = st27Events.get(row.keyEvent as string);
      const detailed = st27Events.get(row.detailedEvent as string);
      expect(key, where).toBeDefined();
      expect(detailed, where).toBeDefined();
      expect(['key', 'no-mapping'], where).toContain(key?.type);
      expect(detailed?.category, where).toBe(key?.category);
      expect(['A', 'N', 'T', 'U'], where).toContain(row.state);
      expect(row.previousStage, where).toMatch(/^[0-6]$/);
      expect(row.currentStage, where).toMatch(/^[0-6]$/);
    }
  });

  test('a code with several rows (one-to-many) is rare and keeps the same labels', () => {
    const rows = new Map<string, Record<string, string>[]>();
    for (const row of tables.patent)
      rows.set(row.nationalCode as string, [...(rows.get(row.nationalCode as string) ?? []), row]);
    const multiple = [...rows.values()].filter((group) => group.length > 1);
    expect(multiple.length).toBeGreaterThan(0);
    expect(multiple.length).toBeLessThanOrEqual(3);
    for (const group of multiple) {
      expect(
        new Set(group.map((row) => `${row.labelNb}|${row.labelNn}|${row.labelEn}|${row.section}`)).size,
      ).toBe(1);
      expect(new Set(group.map((row) => row.keyEvent)).size).toBe(group.length);
    }
  });

  test.each(['trademark', 'design'] as const)(
    '%s.csv has one row per national code, all sample codes',
    (right) => {
      const codes = tables[right].map((row) => row.nationalCode);
      expect(new Set(codes).size).toBe(codes.length);
      for (const row of tables[right]) expect(row.source).toBe('Tidende sample');
    },
  );
});

describe('GENERATOR_CODES', () => {
  test.each(Object.keys(TABLES) as (keyof typeof TABLES)[])(
    'has every %s code the generator can emit in the mapping table',
    (right) => {
      const mapped = new Set(tables[right].map((row) => row.nationalCode));
      const missing = GENERATOR_CODES[right].filter((code) => !mapped.has(code));
      expect(missing).toEqual([]);
    },
  );

  test('lists every code a generated sample uses', () => {
    for (const { record } of generateSampleEvents({ rights: 3000, seed: 5, until: '2026-11-16' })) {
      expect(GENERATOR_CODES[record.right], `${record.eventId} ${record.nationalCode}`).toContain(
        record.nationalCode,
      );
    }
  });
});
