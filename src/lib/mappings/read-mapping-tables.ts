/**
 * Reads the mapping tables (`<dir>/patent.csv`, `trademark.csv`, `design.csv`) and checks them:
 * the header, every cell against the row schema, every code against its standard's code list, a
 * detailed event under its key event's category, and no duplicate or contradictory rows. Every
 * problem names the file, line and column, so the office's staff can fix the table in review.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsvRows } from '../csv/parse-csv.ts';
import { RIGHT_TYPES, type RightType } from '../event-record.ts';
import type { Standard } from '../standards/code-list-schema.ts';
import type { CodeListIndex } from '../standards/code-lists.ts';
import { showValue } from '../validation-errors.ts';
import {
  MAPPING_COLUMNS,
  type MappingProblem,
  type MappingRow,
  MappingRowSchema,
  STANDARD_OF_RIGHT,
} from './mapping-row.ts';

export interface MappingTables {
  rows: MappingRow[];
  problems: MappingProblem[];
  /** Rows read per right type. */
  counts: Record<RightType, number>;
}

/** The columns that must agree across the rows of one national code (one-to-many rows). */
const SAME_FOR_A_CODE = ['legalStatus', 'section', 'labelNb', 'labelNn', 'labelEn', 'source'] as const;

function columnOf(field: string): number {
  return MAPPING_COLUMNS.indexOf(field as (typeof MAPPING_COLUMNS)[number]) + 1;
}

/** Checks a parsed row's codes against the code list of its standard. */
function checkCodes(
  row: MappingRow,
  codes: CodeListIndex,
  problem: (field: string, message: string) => void,
) {
  const standard = codes.list.standard;
  const key = codes.events.get(row.keyEvent);
  if (!key)
    problem(
      'keyEvent',
      `expected a key event of ${standard}, found ${showValue(row.keyEvent)} (not in the list)`,
    );
  else if (key.type === 'detailed') {
    problem('keyEvent', `expected a key event (X10 or X00), found the detailed event ${row.keyEvent}`);
  }
  const detailed = codes.events.get(row.detailedEvent);
  if (!detailed) {
    problem(
      'detailedEvent',
      `expected a detailed event of ${standard}, found ${showValue(row.detailedEvent)} (not in the list)`,
    );
  } else if (detailed.type === 'key') {
    problem(
      'detailedEvent',
      `expected a detailed event (X11-X99 or X00), found the key event ${row.detailedEvent}`,
    );
  } else if (key && detailed.category !== key.category) {
    problem(
      'detailedEvent',
      `expected a detailed event of category ${key.category} (the key event ${row.keyEvent}'s), found ${row.detailedEvent} of category ${detailed.category}`,
    );
  }
  if (!codes.states.has(row.state)) {
    problem(
      'state',
      `expected one of the ${standard} states ${[...codes.states].join(', ')}, found ${showValue(row.state)}`,
    );
  }
  for (const field of ['previousStage', 'currentStage'] as const) {
    if (!codes.stages.has(row[field])) {
      problem(
        field,
        `expected one of the ${standard} stages ${[...codes.stages].join(', ')}, found ${showValue(row[field])}`,
      );
    }
  }
}

/** Reads and checks one right type's table. */
async function readTable(
  path: string,
  right: RightType,
  codes: CodeListIndex,
  problems: MappingProblem[],
): Promise<MappingRow[]> {
  const report = (line: number, field: string, message: string) =>
    problems.push({ file: path, line, column: field ? columnOf(field) : 0, field, message });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    report(0, '', `cannot read the table: ${(error as NodeJS.ErrnoException).code ?? error}`);
    return [];
  }
  let csv: ReturnType<typeof parseCsvRows>;
  try {
    csv = parseCsvRows(text);
  } catch (error) {
    report(Number(/line (\d+)/.exec((error as Error).message)?.[1] ?? 0), '', (error as Error).message);
    return [];
  }
  const [header, ...body] = csv;
  const expectedHeader = MAPPING_COLUMNS.join(',');
  if (!header || header.fields.join(',') !== expectedHeader) {
    report(
      1,
      '',
      `expected the header ${expectedHeader}, found ${header?.fields.join(',') ?? '(empty file)'}`,
    );
    return [];
  }

  const rows: MappingRow[] = [];
  const seen = new Map<string, MappingRow>();
  const firstOfCode = new Map<string, MappingRow>();
  for (const { line, fields } of body) {
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== MAPPING_COLUMNS.length) {
      report(line, '', `expected ${MAPPING_COLUMNS.length} columns like the header, found ${fields.length}`);
      continue;
    }
    const cells = Object.fromEntries(MAPPING_COLUMNS.map((name, i) => [name, fields[i]]));
    const parsed = MappingRowSchema.safeParse(cells, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        report(
          line,
          field,
          `${issue.message.replace(/^Invalid option: /, '')}, found ${showValue(cells[field])}`,
        );
      }
      continue;
    }
    const row: MappingRow = { ...parsed.data, right, file: path, line };
    const problem = (field: string, message: string) => report(line, field, message);
    if (row.standard !== STANDARD_OF_RIGHT[right]) {
      problem('standard', `expected ${STANDARD_OF_RIGHT[right]} for ${right} events, found ${row.standard}`);
    }
    checkCodes(row, codes, problem);

    const identity = [row.nationalCode, row.keyEvent, row.detailedEvent].join('\u0000');
    const duplicate = seen.get(identity);
    if (duplicate) {
      problem(
        'nationalCode',
        `duplicate of line ${duplicate.line}: ${row.nationalCode} is mapped to ${row.keyEvent}/${row.detailedEvent} twice`,
      );
      continue;
    }
    seen.set(identity, row);
    const first = firstOfCode.get(row.nationalCode);
    if (first) {
      for (const field of SAME_FOR_A_CODE) {
        if (row[field] !== first[field]) {
          problem(
            field,
            `contradicts line ${first.line} for ${row.nationalCode}: ${showValue(first[field])} there, ${showValue(row[field])} here`,
          );
        }
      }
    } else {
      firstOfCode.set(row.nationalCode, row);
    }
    rows.push(row);
  }
  return rows;
}

/** Reads every right type's table from `dir` and checks it against the code lists. */
export async function readMappingTables(
  dir: string,
  codeLists: Record<Standard, CodeListIndex>,
): Promise<MappingTables> {
  const problems: MappingProblem[] = [];
  const rows: MappingRow[] = [];
  const counts = { patent: 0, trademark: 0, design: 0 };
  for (const right of RIGHT_TYPES) {
    const table = await readTable(
      join(dir, `${right}.csv`),
      right,
      codeLists[STANDARD_OF_RIGHT[right]],
      problems,
    );
    counts[right] = table.length;
    rows.push(...table);
  }
  return { rows, problems, counts };
}
