import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import {
  isIssuePublished,
  isoWeeksInYear,
  issueDueAt,
  issueOfDate,
  issuePublicationInstant,
  mondayOfIssue,
  nextIssue,
  parseIssueId,
} from '../../../src/lib/gazette/issue-week.ts';

describe('issueOfDate(date)', () => {
  it('puts the days around New Year in ISO week 53 or week 1 of the right week-year', () => {
    expect(issueOfDate('2020-12-31')).toBe('2020-53');
    expect(issueOfDate('2021-01-03')).toBe('2020-53');
    expect(issueOfDate('2021-01-04')).toBe('2021-01');
    expect(issueOfDate('2024-12-29')).toBe('2024-52');
    expect(issueOfDate('2024-12-30')).toBe('2025-01');
    expect(issueOfDate('2026-12-31')).toBe('2026-53');
    expect(issueOfDate('2027-01-03')).toBe('2026-53');
    expect(issueOfDate('2027-01-04')).toBe('2027-01');
  });

  it('agrees with DuckDB’s ISO week for every day from 1995 to 2035', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (
      await connection.runAndReadAll(`
        SELECT strftime(d, '%Y-%m-%d') AS day, strftime(d, '%G-%V') AS issue
        FROM range(DATE '1995-01-01', DATE '2036-01-01', INTERVAL 1 DAY) t(d)
      `)
    ).getRowObjectsJS();
    expect(rows.length).toBeGreaterThan(14_000);
    const differing = rows.filter((r) => issueOfDate(String(r.day)) !== r.issue);
    expect(differing).toEqual([]);
  });

  it('refuses what is not a date', () => {
    expect(() => issueOfDate('2023-02-29')).toThrow('"2023-02-29" is not a date as YYYY-MM-DD');
  });
});

describe('isoWeeksInYear(year)', () => {
  it('gives 53 for years starting on a Thursday or leap years starting on a Wednesday', () => {
    expect([2015, 2020, 2021, 2024, 2026, 2032].map(isoWeeksInYear)).toEqual([53, 53, 52, 52, 53, 53]);
  });
});

describe('parseIssueId(id)', () => {
  it('accepts existing weeks and refuses others', () => {
    expect(parseIssueId('2026-53')).toEqual({ year: 2026, week: 53 });
    expect(() => parseIssueId('2021-53')).toThrow('"2021-53" is not a gazette issue');
    expect(() => parseIssueId('2024-00')).toThrow();
    expect(() => parseIssueId('2024-9')).toThrow();
  });
});

describe('mondayOfIssue(id) and nextIssue(id)', () => {
  it('finds the Monday and steps across year ends', () => {
    expect(mondayOfIssue('2020-53')).toBe('2020-12-28');
    expect(mondayOfIssue('2025-01')).toBe('2024-12-30');
    expect(nextIssue('2020-53')).toBe('2021-01');
    expect(nextIssue('2024-52')).toBe('2025-01');
  });
});

describe('issuePublicationInstant(id)', () => {
  it('is Monday 00:01 Europe/Oslo: 23:01 UTC the day before in winter, 22:01 in summer', () => {
    expect(issuePublicationInstant('2024-02').toISOString()).toBe('2024-01-07T23:01:00.000Z');
    expect(issuePublicationInstant('2024-27').toISOString()).toBe('2024-06-30T22:01:00.000Z');
  });

  it('follows the clock changes of the weekend before', () => {
    // Summer time began on Sunday 31 March 2024 and ended on Sunday 27 October 2024.
    expect(issuePublicationInstant('2024-13').toISOString()).toBe('2024-03-24T23:01:00.000Z');
    expect(issuePublicationInstant('2024-14').toISOString()).toBe('2024-03-31T22:01:00.000Z');
    expect(issuePublicationInstant('2024-43').toISOString()).toBe('2024-10-20T22:01:00.000Z');
    expect(issuePublicationInstant('2024-44').toISOString()).toBe('2024-10-27T23:01:00.000Z');
  });
});

describe('issueDueAt(instant)', () => {
  it('switches to the new issue at Monday 00:01 Oslo time, not before', () => {
    expect(issueDueAt(new Date('2024-03-31T22:00:59Z'))).toBe('2024-13');
    expect(issueDueAt(new Date('2024-03-31T22:01:00Z'))).toBe('2024-14');
    expect(issueDueAt(new Date('2024-04-07T21:59:00Z'))).toBe('2024-14');
    expect(issueDueAt(new Date('2021-01-03T22:00:00Z'))).toBe('2020-53');
    expect(issueDueAt(new Date('2021-01-03T23:01:00Z'))).toBe('2021-01');
  });

  it('never counts a future issue as published', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(isIssuePublished('2026-47', now)).toBe(true);
    expect(isIssuePublished('2026-48', now)).toBe(false);
  });
});
