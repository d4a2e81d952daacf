import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerPath } from '../../src/lib/site/render/site-urls.ts';
import {
  applicationNumberOf,
  MAX_SEGMENT_LENGTH,
  rightFile,
  rightPath,
  rightSegment,
} from '../../src/lib/site/right-path.ts';

/** Characters a segment may hold: RFC 3986 unreserved, which nothing on the way encodes or decodes. */
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;

describe('rightSegment(applicationNumber)', () => {
  it.each([
    ['202312345', '202312345'],
    ['EP1234567', 'EP1234567'],
    ['2023-01234', '2023-01234'],
    ['202310123456.7', '202310123456.7'],
    ['2023/01234', '2023_01234'],
    ['PCT/NO2023/050123', 'PCT_NO2023_050123'],
    ['VA 2023 01234', 'VA~202023~2001234'],
    ['2023_01234', '2023~5F01234'],
    ['a~b', 'a~7Eb'],
    ['1?2#3%4', '1~3F2~233~254'],
    ['Bø/1', 'B~C3~B8_1'],
    ['.hidden', '~2Ehidden'],
    ['..', '~2E.'],
    ['1\\2', '1~5C2'],
  ])('writes %j as %j', (number, segment) => {
    expect(rightSegment(number)).toBe(segment);
    expect(applicationNumberOf(segment)).toBe(number);
  });

  it('keeps a slash and a real hyphen or underscore apart', () => {
    const segments = ['2023/01234', '2023-01234', '2023_01234', '2023~5F01234', '2023 01234'].map(
      rightSegment,
    );
    expect(new Set(segments).size).toBe(segments.length);
  });

  it('is one-to-one, reversible and URL-safe for any text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30, unit: 'binary' }), (number) => {
        const segment = rightSegment(number);
        expect(segment).toMatch(UNRESERVED);
        expect(segment).not.toMatch(/^\./);
        expect(applicationNumberOf(segment)).toBe(number);
        // What a browser or host does to a path leaves it as it is.
        expect(decodeURIComponent(segment)).toBe(segment);
        expect(encodeURIComponent(segment)).toBe(segment);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({
          minLength: 1,
          maxLength: 12,
          unit: fc.constantFrom('1', '/', '-', '_', '~', ' ', '.', 'F'),
        }),
        fc.string({
          minLength: 1,
          maxLength: 12,
          unit: fc.constantFrom('1', '/', '-', '_', '~', ' ', '.', 'F'),
        }),
        (a, b) => {
          fc.pre(a !== b);
          expect(rightSegment(a)).not.toBe(rightSegment(b));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses an empty number and one too long for a file name', () => {
    expect(() => rightSegment('')).toThrow(/empty application number/);
    expect(rightSegment('1'.repeat(MAX_SEGMENT_LENGTH))).toHaveLength(MAX_SEGMENT_LENGTH);
    expect(() => rightSegment('/'.repeat(MAX_SEGMENT_LENGTH + 1))).toThrow(
      /too long for a page URL: its path segment has 241 characters/,
    );
  });
});

describe('applicationNumberOf(segment)', () => {
  it.each(['', '2023/01234', '2023%2F01234', '~2', '~2f', '~41', 'a b', '~FF', '.x'])(
    'refuses %j, which the rule never writes',
    (segment) => {
      expect(() => applicationNumberOf(segment)).toThrow(/is not a right's path segment/);
    },
  );
});

describe('rightPath, rightFile and registerPath', () => {
  it('name the page and the data file of a right by the same segment', () => {
    expect(rightPath('trademark', '2023/01234')).toBe('trademark/2023_01234/');
    expect(registerPath('trademark', '2023/01234')).toBe('trademark/2023_01234/');
    expect(rightFile('trademark', '2023/01234')).toBe('rights/trademark/2023_01234.json');
    expect(rightPath('patent', '20201234')).toBe('patent/20201234/');
  });
});
