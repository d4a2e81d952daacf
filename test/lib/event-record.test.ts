import { describe, expect, it } from 'vitest';
import { EventRecordSchema } from '../../src/lib/event-record.ts';
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
