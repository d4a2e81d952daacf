import { describe, expect, it } from 'vitest';
import {
  classFilterValue,
  issueSearchAttributes,
  registerSearchAttributes,
} from '../../../src/lib/site/render/search-attributes.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('registerSearchAttributes(right, standards, lang)', () => {
  it('gives summary and filters in the page language', async () => {
    const attributes = registerSearchAttributes(
      await fixture.right('patent', '20201234'),
      site.standards,
      'nb',
    );
    expect(attributes.summary).toBe('Patent 20201234 · 345678 · Aktiv');
    expect(attributes.filters).toEqual([
      'right:Patent',
      'state:Aktiv',
      'class:IPC C02F',
      'class:IPC B01D',
      'class:CPC Y02A',
      'year:2020',
      'year:2021',
      'section:Søknader',
      'section:Registreringer og meddelte patenter',
    ]);
  });

  it('names the sections its events were published in, as issue pages do, and no others', async () => {
    const attributes = registerSearchAttributes(
      await fixture.right('trademark', '202012345'),
      site.standards,
      'en',
    );
    // Filed (applications) but not in the gazette; registered in 2020-52, corrected in 2021-01.
    expect(attributes.filters.filter((f) => f.startsWith('section:'))).toEqual([
      'section:Registrations and grants',
      'section:Corrections',
    ]);
  });
});

describe('issueSearchAttributes(issue, lang)', () => {
  it('gives the year, right types and sections of the issue', async () => {
    const attributes = issueSearchAttributes(await fixture.issue('2020-53'), 'en');
    expect(attributes.summary).toBe('Tidende 2020-53 · 28 December 2020');
    expect(attributes.filters).toEqual([
      'year:2020',
      'right:Patent',
      'right:Design',
      'section:Applications',
      'section:Registrations and grants',
    ]);
  });
});

describe('classFilterValue(class)', () => {
  it('keeps Nice and Locarno whole, cuts IPC to its subclass and leaves Vienna out', () => {
    expect(classFilterValue({ scheme: 'nice', code: '9' })).toBe('Nice 9');
    expect(classFilterValue({ scheme: 'locarno', code: '06-01' })).toBe('Locarno 06-01');
    expect(classFilterValue({ scheme: 'ipc', code: 'A61K 31/4745' })).toBe('IPC A61K');
    expect(classFilterValue({ scheme: 'vienna', code: '03.01.08' })).toBeNull();
  });
});
