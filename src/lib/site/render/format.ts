/**
 * Dates, instants and numbers as the site writes them in each language: `29. februar 2024` in
 * Norwegian, `29 February 2024` in English. Calendar dates are shown as written, whatever the
 * machine's time zone; instants in Europe/Oslo, where the gazette is published.
 */
import { GAZETTE_TIME_ZONE } from '../../gazette/issue-week.ts';
import type { Language } from '../site-data.ts';

/** The locale each site language formats with: British English writes day before month. */
const LOCALE: Record<Language, string> = { nb: 'nb', nn: 'nn', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format as T;
}

/** A calendar date `YYYY-MM-DD` in words: `formatDate('2024-02-29', 'nb')` is "29. februar 2024". */
export function formatDate(isoDate: string, lang: Language): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(date.getTime())) {
    throw new Error(`"${isoDate}" is not a date as YYYY-MM-DD`);
  }
  const format = cached(
    `date:${lang}`,
    () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }),
  );
  return format.format(date);
}

/** An instant in Europe/Oslo with its time: "4. januar 2021 kl. 00:01" in Norwegian. */
export function formatInstant(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`"${iso}" is not an ISO 8601 instant`);
  const format = cached(
    `instant:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALE[lang], {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: GAZETTE_TIME_ZONE,
        hourCycle: 'h23',
      }),
  );
  return format.format(date);
}

/** The calendar date of an instant in Europe/Oslo, in words: the day an issue came out. */
export function formatInstantDate(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`"${iso}" is not an ISO 8601 instant`);
  const format = cached(
    `instantDate:${lang}`,
    () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: GAZETTE_TIME_ZONE }),
  );
  return format.format(date);
}

/** A count with the language's digit grouping: 12 345 in Norwegian, 12,345 in English. */
export function formatCount(count: number, lang: Language): string {
  return cached(`count:${lang}`, () => new Intl.NumberFormat(LOCALE[lang])).format(count);
}
