import { describe, expect, it } from 'vitest';
import { EventRecordSchema, RECORD_LIMITS } from '../../src/lib/event-record.ts';
import { formatFieldErrors, issuesToFieldErrors } from '../../src/lib/validation-errors.ts';
import { patentRecord, trademarkRecord } from '../helpers/records.ts';

function errorsOf(value: unknown) {
  const result = EventRecordSchema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error('expected the record to be rejected');
  return issuesToFieldErrors(result.error.issues);
}

function fieldsOf(value: unknown): string[] {
  return errorsOf(value).map((e) => e.field);
}

describe('EventRecordSchema', () => {
  it('accepts a complete trademark event and a minimal patent event', () => {
    expect(EventRecordSchema.safeParse(trademarkRecord()).success).toBe(true);
    expect(EventRecordSchema.safeParse(patentRecord()).success).toBe(true);
  });

  it('fills absent lists with empty lists', () => {
    const { documents, ...rest } = patentRecord();
    const parsed = EventRecordSchema.parse({ ...rest, register: { title: 'X' } });
    expect(parsed.documents).toEqual([]);
    expect(parsed.register.parties).toEqual([]);
    expect(parsed.register.classes).toEqual([]);
    expect(parsed.register.priorities).toEqual([]);
  });

  it('rejects an unknown field anywhere and names it', () => {
    expect(fieldsOf({ ...trademarkRecord(), colour: 'red' })).toEqual(['colour']);
    const record = trademarkRecord();
    record.register.parties = [{ role: 'owner', name: 'A', country: 'NO', email: 'a@b.no' } as never];
    expect(fieldsOf(record)).toEqual(['register.parties[0].email']);
  });

  it('rejects dates that are not real calendar dates', () => {
    expect(fieldsOf(trademarkRecord({ eventDate: '2023-02-29' }))).toEqual(['eventDate']);
    expect(fieldsOf(trademarkRecord({ eventDate: '2024-13-01' }))).toEqual(['eventDate']);
    expect(fieldsOf(trademarkRecord({ eventDate: '2024-04-31' }))).toEqual(['eventDate']);
    expect(fieldsOf(trademarkRecord({ eventDate: '15.03.2024' }))).toEqual(['eventDate']);
    expect(fieldsOf(trademarkRecord({ eventDate: '2024-03-15T10:00:00Z' }))).toEqual(['eventDate']);
    expect(EventRecordSchema.safeParse(trademarkRecord({ eventDate: '2000-02-29' })).success).toBe(true);
  });

  it('accepts ST.3 country and organisation codes and rejects others', () => {
    expect(EventRecordSchema.safeParse(trademarkRecord({ office: 'EM' })).success).toBe(true);
    expect(fieldsOf(trademarkRecord({ office: 'NOR' }))).toEqual(['office']);
    expect(fieldsOf(trademarkRecord({ office: 'no' }))).toEqual(['office']);
    expect(fieldsOf(trademarkRecord({ office: 'ZZ' }))).toEqual(['office']);
  });

  it('rejects values outside the enumerations', () => {
    expect(fieldsOf(trademarkRecord({ right: 'utility-model' as never }))).toEqual(['right']);
    const record = trademarkRecord();
    record.register.parties = [{ role: 'boss' as never, name: 'A', country: 'NO' }];
    expect(fieldsOf(record)).toEqual(['register.parties[0].role']);
  });

  it('reports every missing required field', () => {
    expect(fieldsOf({})).toEqual([
      'eventId',
      'office',
      'right',
      'applicationNumber',
      'nationalCode',
      'eventDate',
      'register',
    ]);
  });

  it('requires markFeature for trademarks and refuses it for other rights', () => {
    const record = trademarkRecord();
    delete record.register.markFeature;
    expect(fieldsOf(record)).toEqual(['register.markFeature']);
    const patent = patentRecord();
    patent.register.markFeature = 'word';
    expect(fieldsOf(patent)).toEqual(['register.markFeature']);
  });

  it('checks class codes against their scheme', () => {
    const record = trademarkRecord();
    record.register.classes = [
      { scheme: 'nice', code: '46' },
      { scheme: 'locarno', code: '6-1' },
      { scheme: 'ipc', code: 'A61K31/00' },
      { scheme: 'vienna', code: '1.3.1' },
    ];
    expect(fieldsOf(record)).toEqual([
      'register.classes[0].code',
      'register.classes[1].code',
      'register.classes[2].code',
      'register.classes[3].code',
    ]);
  });

  it('refuses text with surrounding spaces or line breaks, and empty text', () => {
    expect(fieldsOf(trademarkRecord({ nationalCode: 'T2  ' }))).toEqual(['nationalCode']);
    expect(fieldsOf(trademarkRecord({ applicationNumber: '' }))).toEqual(['applicationNumber']);
    const record = trademarkRecord();
    record.register.title = 'NORD\nLYS';
    expect(fieldsOf(record)).toEqual(['register.title']);
  });

  it('refuses an event that supersedes itself', () => {
    expect(fieldsOf(trademarkRecord({ supersedes: 'NO-TM-202312345-0001' }))).toEqual(['supersedes']);
  });

  it('checks document hashes and media types', () => {
    const record = trademarkRecord({
      documents: [{ kind: 'mark-image', href: 'a.svg', mediaType: 'SVG', sha256: 'xyz' }],
    });
    expect(fieldsOf(record)).toEqual(['documents[0].mediaType', 'documents[0].sha256']);
  });

  it('tells what was expected and what was found, in words a person can act on', () => {
    const record = trademarkRecord({ office: 'NOR', eventDate: '2023-02-29', extra: 1 } as never);
    record.register.parties = [{ role: 'owner', name: 'A', country: 'Norway' }];
    expect(formatFieldErrors(errorsOf(record))).toMatchInlineSnapshot(`
      "office: expected a WIPO ST.3 two-letter code such as "NO", "SE" or "EP", found "NOR"
      eventDate: expected a real calendar date as YYYY-MM-DD, found "2023-02-29"
      register.parties[0].country: expected a WIPO ST.3 two-letter code such as "NO", "SE" or "EP", found "Norway"
      extra: expected no such field (unknown fields are not accepted), found 1"
    `);
  });
});

describe('EventRecordSchema limits', () => {
  it('rejects text over its maximum length, naming the field and the limit', () => {
    const record = trademarkRecord({
      register: { title: 'T'.repeat(RECORD_LIMITS.title + 1), markFeature: 'word' },
    });
    expect(errorsOf(record)).toEqual([
      {
        field: 'register.title',
        expected: `at most ${RECORD_LIMITS.title} characters`,
        found: expect.any(String),
      },
    ]);
    expect(
      EventRecordSchema.safeParse(
        trademarkRecord({ register: { title: 'T'.repeat(RECORD_LIMITS.title), markFeature: 'word' } }),
      ).success,
    ).toBe(true);
    expect(fieldsOf(trademarkRecord({ eventId: 'E'.repeat(RECORD_LIMITS.eventId + 1) }))).toEqual([
      'eventId',
    ]);
    expect(fieldsOf(trademarkRecord({ nationalCode: 'C'.repeat(RECORD_LIMITS.nationalCode + 1) }))).toEqual([
      'nationalCode',
    ]);
  });

  it('rejects lists over their maximum count', () => {
    const party = { role: 'owner' as const, name: 'A', country: 'NO' as const };
    const parties = Array.from({ length: RECORD_LIMITS.parties + 1 }, () => party);
    expect(errorsOf(patentRecord({ register: { title: 'X', parties } }))).toEqual([
      {
        field: 'register.parties',
        expected: `at most ${RECORD_LIMITS.parties} parties`,
        found: expect.any(String),
      },
    ]);
    const terms = Array.from({ length: RECORD_LIMITS.termsPerClass + 1 }, (_, i) => `term ${i}`);
    expect(
      fieldsOf(
        trademarkRecord({
          register: { title: 'X', markFeature: 'word', classes: [{ scheme: 'nice', code: '9', terms }] },
        }),
      ),
    ).toEqual(['register.classes[0].terms']);
  });

  it('rejects an application number whose page URL would not fit a file name', () => {
    // 40 characters, each written as ~C3~B8 (6 characters) in the URL: 240 is the most that fits.
    expect(EventRecordSchema.safeParse(patentRecord({ applicationNumber: 'ø'.repeat(40) })).success).toBe(
      true,
    );
    expect(errorsOf(patentRecord({ applicationNumber: '€'.repeat(40) }))).toEqual([
      {
        field: 'applicationNumber',
        expected: 'an application number whose page URL has at most 240 characters (this one needs 360)',
        found: expect.any(String),
      },
    ]);
    expect(fieldsOf(patentRecord({ applicationNumber: '9'.repeat(151) }))).toEqual(['applicationNumber']);
  });

  it('rejects control characters, lone surrogates and U+FFFF, which no XML document can hold', () => {
    for (const title of ['A\u0000B', 'A\u0007B', 'A\tB', 'A\u0085B', 'A\uffffB', 'A\ud800B']) {
      expect(fieldsOf(patentRecord({ register: { title } })), JSON.stringify(title)).toEqual([
        'register.title',
      ]);
    }
    expect(
      EventRecordSchema.safeParse(patentRecord({ register: { title: 'Ærlig 😀 e\u0301 \u2028 中文' } }))
        .success,
    ).toBe(true);
  });

  it('rejects dates outside 1800 to 2199 with one message', () => {
    expect(errorsOf(patentRecord({ eventDate: '1799-12-31' }))).toEqual([
      { field: 'eventDate', expected: 'a date from 1800 to 2199', found: '"1799-12-31"' },
    ]);
    expect(fieldsOf(patentRecord({ publicationDate: '2200-01-01' }))).toEqual(['publicationDate']);
    expect(EventRecordSchema.safeParse(patentRecord({ eventDate: '1800-01-01' })).success).toBe(true);
  });
});
