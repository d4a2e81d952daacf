/**
 * A small, strict RFC 4180 CSV reader: quoted fields with doubled quotes, commas and line breaks
 * inside quotes, CRLF or LF line ends. Malformed input fails with the line it was found on.
 */

/** One row of a CSV file and the line it starts on (a quoted field can span lines). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Reads CSV text into rows of fields; a final line break does not make an empty row. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((row) => row.fields);
}

/** Reads CSV text into rows with the line each starts on, for messages that point at a cell. */
export function parseCsvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let rowLine = 1;
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atFieldStart = true;
  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (atFieldStart && char === '"') {
      // A quoted field runs to the next quote not followed by another quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`CSV line ${startLine}: a quoted field is not closed.`);
        const inner = text[i] as string;
        if (inner === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n') line++;
        field += inner;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new Error(
          `CSV line ${line}: expected a comma or line end after a quoted field, got "${next}".`,
        );
      }
      atFieldStart = false;
      continue;
    }
    if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push({ line: rowLine, fields: row });
      row = [];
      line++;
      rowLine = line;
    } else if (char === '"') {
      throw new Error(
        `CSV line ${line}: a quote inside an unquoted field; quote the whole field and double the quote.`,
      );
    } else {
      field += char;
      atFieldStart = false;
    }
    i++;
  }
  if (!atFieldStart || row.length > 0) {
    endField();
    rows.push({ line: rowLine, fields: row });
  }
  return rows;
}

/** Reads CSV text with a header row into one object per row, keyed by the header's names. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new Error(
        `CSV row ${index + 2}: expected ${header.length} fields like the header, got ${row.length}.`,
      );
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i] as string]));
  });
}
