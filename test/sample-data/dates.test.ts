import { describe, expect, test } from 'vitest';
import { addMonths, addYears, dayToIso, isoToDay, mondayOnOrAfter } from '../../scripts/sample-data/dates.ts';

describe('isoToDay(iso) and dayToIso(day)', () => {
  test('count days from 1970-01-01 and back, across leap days', () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    expect(isoToDay('2024-02-29') - isoToDay('2024-02-28')).toBe(1);
    for (let day = isoToDay('1999-12-25'); day < isoToDay('2030-01-05'); day += 17) {
      expect(isoToDay(dayToIso(day))).toBe(day);
      expect(dayToIso(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });

  test('reject a date that is not in the calendar', () => {
    expect(() => isoToDay('2025-02-29')).toThrow(/not a real calendar date/);
    expect(() => isoToDay('16.11.2026')).toThrow(/Expected an ISO date/);
  });
});

describe('addMonths(day, months) and addYears(day, years)', () => {
  test('keep the day of the month, or take the month’s last day', () => {
    expect(dayToIso(addMonths(isoToDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(dayToIso(addMonths(isoToDay('2024-03-15'), -3))).toBe('2023-12-15');
    expect(dayToIso(addYears(isoToDay('2024-02-29'), 10))).toBe('2034-02-28');
  });
});

describe('mondayOnOrAfter(day)', () => {
  test('gives the day itself on a Monday, else the next Monday', () => {
    expect(dayToIso(mondayOnOrAfter(isoToDay('2026-11-16')))).toBe('2026-11-16');
    expect(dayToIso(mondayOnOrAfter(isoToDay('2026-11-17')))).toBe('2026-11-23');
    expect(dayToIso(mondayOnOrAfter(isoToDay('2026-11-22')))).toBe('2026-11-23');
  });
});
