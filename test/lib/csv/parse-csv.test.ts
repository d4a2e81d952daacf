import { describe, expect, test } from 'vitest';
import { parseCsv, parseCsvObjects } from '../../../src/lib/csv/parse-csv.ts';

describe('parseCsv(text)', () => {
  test('splits rows on LF or CRLF and fields on commas', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  test('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"a, b","say ""hi""","two\nlines"\n')).toEqual([['a, b', 'say "hi"', 'two\nlines']]);
  });

  test('keeps empty fields, also at the end of a row', () => {
    expect(parseCsv('a,,c,\n,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', ''],
    ]);
  });

  test('ignores a byte order mark and a final line break', () => {
    expect(parseCsv('\ufeffx,y\n')).toEqual([['x', 'y']]);
  });

  test('rejects a quote inside an unquoted field, naming the line', () => {
    expect(() => parseCsv('a,b\nc"d,e\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });

  test('rejects a quoted field that is not closed', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/line 1: a quoted field is not closed/);
  });

  test('rejects text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c\n')).toThrow(/expected a comma or line end/);
  });
});

describe('parseCsvObjects(text)', () => {
  test('keys each row by the header', () => {
    expect(parseCsvObjects('code,label\nA,"x, y"\n')).toEqual([{ code: 'A', label: 'x, y' }]);
  });

  test('rejects a row with a different number of fields than the header', () => {
    expect(() => parseCsvObjects('a,b\n1\n')).toThrow(/row 2: expected 2 fields/);
  });
});
