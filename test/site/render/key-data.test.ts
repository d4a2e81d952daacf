import { describe, expect, it } from 'vitest';
import { formatParty, formatPriority, keyDataRows } from '../../../src/lib/site/render/key-data.ts';
import { fixture } from '../fixture-data.ts';

const codes = (rows: { inid: string | null }[]) => rows.map((r) => r.inid);

describe('keyDataRows(view, lang)', () => {
  it('labels a patent with ST.9 codes in order', async () => {
    const rows = keyDataRows(await fixture.right('patent', '20201234'), 'nb');
    expect(codes(rows)).toEqual([
      '(21)',
      '(11)',
      '(22)',
      '(45)',
      null,
      '(54)',
      '(73)',
      '(72)',
      '(74)',
      '(51)',
      null,
      '(30)',
    ]);
    expect(rows.find((r) => r.inid === '(51)')?.values.map((v) => v.text)).toEqual([
      'C02F 1/44',
      'B01D 61/02',
    ]);
  });

  it('labels a trademark with ST.60 codes, with Nice terms and the kind of mark', async () => {
    const rows = keyDataRows(await fixture.right('trademark', '202012345'), 'en');
    expect(codes(rows)).toEqual([
      '(210)',
      '(111)',
      '(220)',
      '(151)',
      '(180)',
      '(540)',
      '(550)',
      '(511)',
      '(531)',
      '(732)',
      '(740)',
      '(300)',
    ]);
    expect(rows.find((r) => r.inid === '(511)')?.values.map((v) => v.text)).toEqual([
      'Class 32: øl; alkoholfrie drikker',
      'Class 33: vin',
    ]);
    expect(rows.find((r) => r.inid === '(550)')?.values[0]?.text).toBe('Combined mark');
    expect(rows.find((r) => r.inid === '(220)')?.values[0]).toEqual({
      text: '2 June 2020',
      datetime: '2020-06-02',
    });
  });

  it('labels a design with ST.80 codes, (15) for its registration date and (72) for its designer', async () => {
    const rows = keyDataRows(await fixture.right('design', '20200999'), 'nn');
    expect(codes(rows)).toEqual(['(21)', '(11)', '(22)', '(15)', '(18)', '(54)', '(51)', '(73)', '(72)']);
    expect(rows.find((r) => r.inid === '(72)')?.label).toBe('Designar');
  });

  it('leaves out fields without a value and a kind that only repeats the right type', () => {
    const rows = keyDataRows(
      {
        right: 'patent',
        applicationNumber: '1',
        kind: 'patent',
        title: 'T',
        parties: [],
        classes: [],
        priorities: [],
      },
      'en',
    );
    expect(rows.map((r) => r.field)).toEqual(['applicationNumber', 'title']);
  });

  it('names a kind of right it knows and keeps one it does not', () => {
    const base = {
      right: 'patent' as const,
      applicationNumber: '1',
      title: 'T',
      parties: [],
      classes: [],
      priorities: [],
    };
    expect(keyDataRows({ ...base, kind: 'spc' }, 'en')[1]?.values[0]?.text).toBe(
      'Supplementary protection certificate',
    );
    expect(keyDataRows({ ...base, kind: 'new-kind' }, 'en')[1]?.values[0]?.text).toBe('new-kind');
  });
});

describe('formatParty(party, lang)', () => {
  it('writes name, city and country with its ST.3 code', () => {
    const party = { role: 'owner' as const, name: 'Ærlig Øl AS', country: 'NO', city: 'Bergen' };
    expect(formatParty(party, 'nb')).toBe('Ærlig Øl AS, Bergen, Norge (NO)');
    expect(formatParty({ ...party, city: undefined }, 'en')).toBe('Ærlig Øl AS, Norway (NO)');
  });

  it('leaves markup in a name as text for the page to escape', () => {
    const party = { role: 'applicant' as const, name: '<script>alert(1)</script>', country: 'GB' };
    expect(formatParty(party, 'en')).toBe('<script>alert(1)</script>, United Kingdom (GB)');
  });
});

describe('formatPriority(priority, lang)', () => {
  it('writes country, number and date', () => {
    expect(formatPriority({ country: 'SE', number: '2020/01234', date: '2020-01-15' }, 'nb')).toBe(
      'Sverige (SE) 2020/01234, 15. januar 2020',
    );
  });
});
