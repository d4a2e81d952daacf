/**
 * What all rights of one sample share: the time window, the mix of right kinds and the number
 * series, sized from the options so numbers look like NIPO's at any scale.
 */
import { addYears, isoToDay } from './dates.ts';
import { RisingNumbers, YearlyCounter } from './numbers.ts';

/** The kinds of right in a sample and their shares of the archive. */
export const RIGHT_MIX = [
  // About 15,000 trademark applications a year, some 40% of them international registrations.
  { right: 'trademark', kind: 'trademark', share: 0.436 },
  { right: 'trademark', kind: 'international-registration', share: 0.29 },
  // About 1,300 national patent applications a year, but many more European patents validated.
  { right: 'patent', kind: 'patent', share: 0.063 },
  { right: 'patent', kind: 'ep-validation', share: 0.145 },
  { right: 'patent', kind: 'spc', share: 0.003 },
  // About 1,300 design applications a year, a quarter of them through the Hague system.
  { right: 'design', kind: 'design', share: 0.047 },
  { right: 'design', kind: 'international-registration', share: 0.016 },
] as const;

/** One entry of RIGHT_MIX. */
export type RightKind = (typeof RIGHT_MIX)[number];

/** Years of filings the sample spreads over, ending at `until`. */
export const SAMPLE_YEARS = 21;

/** The shared window and number series of one sample. */
export interface SampleContext {
  startDay: number;
  untilDay: number;
  patentApplications: YearlyCounter;
  trademarkApplications: YearlyCounter;
  designApplications: YearlyCounter;
  spcApplications: YearlyCounter;
  epApplications: YearlyCounter;
  patentNumbers: RisingNumbers;
  trademarkNumbers: RisingNumbers;
  designNumbers: RisingNumbers;
  epNumbers: RisingNumbers;
  madridNumbers: RisingNumbers;
  hagueNumbers: RisingNumbers;
}

function shareOf(kind: string, right: string): number {
  return RIGHT_MIX.find((entry) => entry.kind === kind && entry.right === right)?.share ?? 0;
}

/** Sets up the window and number series for `rights` rights up to `until`. */
export function createContext(rights: number, until: string): SampleContext {
  const untilDay = isoToDay(until);
  const startDay = addYears(untilDay, -SAMPLE_YEARS);
  const days = untilDay - startDay;
  const perYear = (kind: string, right: string) => (rights * shareOf(kind, right)) / SAMPLE_YEARS;
  // Each day keeps at least as many numbers as the real office gives out a day, and three times
  // the sample's mean, so a busy day never runs out.
  const slots = (realPerDay: number, kind: string, right: string) =>
    Math.max(realPerDay, Math.ceil((3 * perYear(kind, right) * SAMPLE_YEARS) / days) + 3);
  const back = (years: number) => addYears(startDay, -years);
  return {
    startDay,
    untilDay,
    patentApplications: new YearlyCounter(1_400, perYear('patent', 'patent')),
    trademarkApplications: new YearlyCounter(9_500, perYear('trademark', 'trademark')),
    designApplications: new YearlyCounter(1_000, perYear('design', 'design')),
    spcApplications: new YearlyCounter(60, perYear('spc', 'patent')),
    epApplications: new YearlyCounter(190_000, perYear('ep-validation', 'patent')),
    patentNumbers: new RisingNumbers(322_000, startDay, untilDay + 2_000, slots(4, 'patent', 'patent')),
    trademarkNumbers: new RisingNumbers(
      231_000,
      startDay,
      untilDay + 2_000,
      slots(14, 'trademark', 'trademark'),
    ),
    designNumbers: new RisingNumbers(84_000, startDay, untilDay + 2_000, slots(3, 'design', 'design')),
    epNumbers: new RisingNumbers(
      1_000_000,
      back(10),
      untilDay + 2_000,
      slots(320, 'ep-validation', 'patent'),
    ),
    madridNumbers: new RisingNumbers(
      860_000,
      back(1),
      untilDay + 2_000,
      slots(130, 'international-registration', 'trademark'),
    ),
    hagueNumbers: new RisingNumbers(
      60_000,
      back(1),
      untilDay + 2_000,
      slots(18, 'international-registration', 'design'),
    ),
  };
}
