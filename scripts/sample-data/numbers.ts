/**
 * Number series of a sample register: application numbers counted per year, and registration,
 * patent and international registration numbers that rise with the date they are given.
 */
import type { Random } from './random.ts';

/** Application numbers per year: rising, unique, with gaps the size of the real office's volume. */
export class YearlyCounter {
  private readonly last = new Map<number, number>();
  private readonly meanStep: number;

  /**
   * `realPerYear`: how many the real office numbers a year; `samplePerYear`: how many the sample
   * makes. The mean step between numbers is their ratio, so numbers spread over the real range.
   */
  constructor(realPerYear: number, samplePerYear: number) {
    this.meanStep = Math.max(1, Math.floor(realPerYear / Math.max(samplePerYear, 1e-9)));
  }

  /** The next number of a year (1 or more). */
  next(random: Random, year: number): number {
    const step = this.meanStep === 1 ? 1 : random.int(1, 2 * this.meanStep - 1);
    const value = (this.last.get(year) ?? 0) + step;
    this.last.set(year, value);
    return value;
  }
}

/**
 * Numbers that rise with the day they are given, unique whatever order they are asked for in:
 * each day owns a block of `slotsPerDay` numbers. Memory grows with the number of days, not of numbers.
 */
export class RisingNumbers {
  private readonly counts = new Map<number, number>();
  private overflow = 0;
  private readonly base: number;
  private readonly firstDay: number;
  private readonly lastDay: number;
  private readonly slotsPerDay: number;

  /** Numbers start at `base` on `firstDay`; `slotsPerDay` numbers are kept for each day up to `lastDay`. */
  constructor(base: number, firstDay: number, lastDay: number, slotsPerDay: number) {
    this.base = base;
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.slotsPerDay = Math.max(1, Math.ceil(slotsPerDay));
  }

  /** The next number for a day. */
  next(day: number): number {
    const clamped = Math.min(Math.max(day, this.firstDay), this.lastDay);
    const used = this.counts.get(clamped) ?? 0;
    this.counts.set(clamped, used + 1);
    if (used < this.slotsPerDay) return this.base + (clamped - this.firstDay) * this.slotsPerDay + used;
    // A day busier than its block (very unlikely with the sizes chosen) takes numbers past the last day.
    return this.base + (this.lastDay - this.firstDay + 1) * this.slotsPerDay + this.overflow++;
  }
}

/** Writes a number with at least `width` digits. */
export function padNumber(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
