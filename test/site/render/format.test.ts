import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatInstant,
  formatInstantDate,
} from '../../../src/lib/site/render/format.ts';

describe('formatDate(isoDate, lang)', () => {
  it('writes the day before the month in every language', () => {
    expect(formatDate('2024-02-29', 'nb')).toBe('29. februar 2024');
    expect(formatDate('2024-02-29', 'nn')).toBe('29. februar 2024');
    expect(formatDate('2024-02-29', 'en')).toBe('29 February 2024');
  });

  it('keeps the calendar date whatever the time zone', () => {
    expect(formatDate('2021-01-03', 'en')).toBe('3 January 2021');
  });

  it('rejects what is not a date', () => {
    expect(() => formatDate('2024-2-29', 'nb')).toThrow(/YYYY-MM-DD/);
  });
});

describe('formatInstant(iso, lang)', () => {
  it('shows the time in Europe/Oslo, winter and summer', () => {
    expect(formatInstant('2021-01-03T23:01:00.000Z', 'nb')).toBe('4. januar 2021 kl. 00:01');
    expect(formatInstant('2024-06-02T22:01:00.000Z', 'en')).toBe('3 June 2024 at 00:01');
  });
});

describe('formatInstantDate(iso, lang)', () => {
  it('gives the Oslo calendar day of an issue published late Sunday UTC', () => {
    expect(formatInstantDate('2020-12-27T23:01:00.000Z', 'nb')).toBe('28. desember 2020');
  });
});

describe('formatCount(count, lang)', () => {
  it('groups digits as the language does', () => {
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatCount(12345, 'nb').replace(/\s/g, ' ')).toBe('12 345');
  });
});
