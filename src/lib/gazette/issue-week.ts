/**
 * Gazette issues: one per ISO week, named `YYYY-WW` by ISO week-year and week, published on the
 * Monday of that week at 00:01 Europe/Oslo. An event belongs to the issue whose week contains its
 * publication date. Times are computed in Europe/Oslo whatever the machine's time zone.
 */

/** The time zone issues are published in. */
export const GAZETTE_TIME_ZONE = 'Europe/Oslo';

const ISSUE_ID = /^(\d{4})-(0[1-9]|[1-4][0-9]|5[0-3])$/;
const DAY_MS = 86_400_000;

/** An issue id like `2024-09`, checked: week 53 only in years that have one. */
export function parseIssueId(id: string): { year: number; week: number } {
  const match = ISSUE_ID.exec(id);
  const year = Number(match?.[1]);
  const week = Number(match?.[2]);
  if (!match || week > isoWeeksInYear(year)) {
    throw new Error(
      `"${id}" is not a gazette issue: expected YYYY-WW, an ISO week that exists, e.g. "2024-09"`,
    );
  }
  return { year, week };
}

function utcDate(iso: string): Date {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new Error(`"${iso}" is not a date as YYYY-MM-DD`);
  }
  return date;
}

/** The Monday (UTC midnight) of ISO week 1 of an ISO week-year: the week with 4 January in it. */
function mondayOfWeekOne(year: number): number {
  const january4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(january4).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  return january4 - weekday * DAY_MS;
}

/** 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isoWeeksInYear(year: number): number {
  return (mondayOfWeekOne(year + 1) - mondayOfWeekOne(year)) / (7 * DAY_MS);
}

/** The issue a calendar date (`YYYY-MM-DD`) belongs to, e.g. `2021-01-03` is in `2020-53`. */
export function issueOfDate(date: string): string {
  const time = utcDate(date).getTime();
  let year = new Date(time).getUTCFullYear() + 1;
  while (mondayOfWeekOne(year) > time) year--;
  const week = Math.floor((time - mondayOfWeekOne(year)) / (7 * DAY_MS)) + 1;
  return `${year}-${String(week).padStart(2, '0')}`;
}

/** The Monday of an issue's week, as `YYYY-MM-DD`. */
export function mondayOfIssue(id: string): string {
  const { year, week } = parseIssueId(id);
  return new Date(mondayOfWeekOne(year) + (week - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** The issue after this one. */
export function nextIssue(id: string): string {
  return issueOfDate(new Date(utcDate(mondayOfIssue(id)).getTime() + 7 * DAY_MS).toISOString().slice(0, 10));
}

const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: GAZETTE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Europe/Oslo's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function osloOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(osloParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** When an issue is published: Monday 00:01 Europe/Oslo of its week, as a UTC instant. */
export function issuePublicationInstant(id: string): Date {
  const localAsUtc = utcDate(mondayOfIssue(id)).getTime() + 60_000;
  // Monday 00:01 is never in a daylight-saving gap (Norway changes clocks early on Sundays).
  const offset = osloOffsetMinutes(localAsUtc - osloOffsetMinutes(localAsUtc) * 60_000);
  return new Date(localAsUtc - offset * 60_000);
}

/** The calendar date of an instant in Europe/Oslo, `YYYY-MM-DD`. */
export function osloDate(instant: Date): string {
  const parts = Object.fromEntries(osloParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The latest issue published at or before an instant: the one due for publication then. */
export function issueDueAt(instant: Date): string {
  const current = issueOfDate(osloDate(instant));
  if (issuePublicationInstant(current).getTime() <= instant.getTime()) return current;
  // Monday between 00:00 and 00:01: this week's issue is not out yet.
  return issueOfDate(new Date(utcDate(mondayOfIssue(current)).getTime() - DAY_MS).toISOString().slice(0, 10));
}

/** Whether an issue has been published at an instant; future issues are never built. */
export function isIssuePublished(id: string, instant: Date): boolean {
  return issuePublicationInstant(id).getTime() <= instant.getTime();
}
