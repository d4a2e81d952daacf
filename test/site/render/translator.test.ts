import { describe, expect, it } from 'vitest';
import { makeTranslator, pluralKey, UI_STRINGS } from '../../../src/lib/site/render/translator.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI_STRINGS', () => {
  it('has the same keys in nb, nn and en, none empty', () => {
    const keys = Object.keys(UI_STRINGS.en).sort();
    for (const lang of ['nb', 'nn'] as const) {
      expect(Object.keys(UI_STRINGS[lang]).sort()).toEqual(keys);
    }
    for (const strings of Object.values(UI_STRINGS)) {
      for (const value of Object.values(strings)) expect(value.trim()).not.toBe('');
    }
  });

  it('uses the same placeholders for a key in every language', () => {
    for (const [key, english] of Object.entries(UI_STRINGS.en)) {
      const expected = placeholders(english);
      expect(placeholders(UI_STRINGS.nb[key as keyof typeof UI_STRINGS.en]), `nb ${key}`).toEqual(expected);
      expect(placeholders(UI_STRINGS.nn[key as keyof typeof UI_STRINGS.en]), `nn ${key}`).toEqual(expected);
    }
  });
});

describe('makeTranslator(lang)', () => {
  it('fills placeholders in the language', () => {
    expect(makeTranslator('nb')('issue.heading', { issue: '2020-53', week: 53, year: 2020 })).toBe(
      'Tidende 2020-53, uke 53 2020',
    );
    expect(makeTranslator('nn')('issue.heading', { issue: '2020-53', week: 53, year: 2020 })).toBe(
      'Tidende 2020-53, veke 53 2020',
    );
  });

  it('throws naming the key when a placeholder has no value', () => {
    expect(() => makeTranslator('en')('issue.published')).toThrow(/issue\.published.*\{date\}/);
  });

  it('tells whether a key built from data exists', () => {
    const t = makeTranslator('en');
    expect(t.has('kind.spc')).toBe(true);
    expect(t.has('kind.unknown-kind')).toBe(false);
  });
});

describe('pluralKey(prefix, count, lang)', () => {
  it('picks .one for 1 and .other otherwise', () => {
    expect(pluralKey('issue.entries', 1, 'nb')).toBe('issue.entries.one');
    expect(pluralKey('issue.entries', 0, 'nb')).toBe('issue.entries.other');
    expect(pluralKey('issue.entries', 2, 'en')).toBe('issue.entries.other');
  });
});
