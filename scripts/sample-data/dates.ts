/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), without Date objects or time zones,
 * so the generator is fast and its dates never depend on the machine's zone.
 */

/** The day number of a civil date (proleptic Gregorian). */
export function ymdToDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date `[year, month, day]` of a day number. */
export function dayToYmd(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Parses `YYYY-MM-DD` into a day number; throws on anything else. */
export function isoToDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Expected an ISO date like "2026-11-16", got "${iso}".`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = ymdToDay(year, month, day);
  const [y, m, d] = dayToYmd(dayNumber);
  if (y !== year || m !== month || d !== day) throw new Error(`"${iso}" is not a real calendar date.`);
  return dayNumber;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

// Dates repeat a lot across events; cache the strings of 1970-2079 (about 2 MB when all are used).
const isoCache: string[] = [];
const CACHED_DAYS = 40_000;

/** Writes a day number as `YYYY-MM-DD`. */
export function dayToIso(dayNumber: number): string {
  const cached = isoCache[dayNumber];
  if (cached !== undefined) return cached;
  const [year, month, day] = dayToYmd(dayNumber);
  const iso = `${year}-${pad2(month)}-${pad2(day)}`;
  if (dayNumber >= 0 && dayNumber < CACHED_DAYS) isoCache[dayNumber] = iso;
  return iso;
}

/** The calendar year of a day number. */
export function yearOf(dayNumber: number): number {
  return dayToYmd(dayNumber)[0];
}

/** The same calendar day `months` later (the month's last day when it has no such day). */
export function addMonths(dayNumber: number, months: number): number {
  const [year, month, day] = dayToYmd(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const lastDay = ymdToDay(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - ymdToDay(y, m, 1);
  return ymdToDay(y, m, Math.min(day, lastDay));
}

/** The same calendar day `years` later (28 February for 29 February in a common year). */
export function addYears(dayNumber: number, years: number): number {
  return addMonths(dayNumber, years * 12);
}

/** The first Monday on or after a day (1970-01-01 was a Thursday). */
export function mondayOnOrAfter(dayNumber: number): number {
  const weekday = (((dayNumber + 3) % 7) + 7) % 7; // 0 = Monday
  return weekday === 0 ? dayNumber : dayNumber + 7 - weekday;
}
