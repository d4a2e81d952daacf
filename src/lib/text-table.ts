/** Plain-text tables for terminal output: a header row, columns padded, numbers right-aligned. */

const number = new Intl.NumberFormat('en-US');

/** Lays out rows under headers; numbers are grouped by thousands and aligned right. */
export function formatTable(headers: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? number.format(cell) : (cell ?? ''))),
  );
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}
