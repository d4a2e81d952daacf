/**
 * Loads the WIPO code lists kept in this folder (`st27.json`, `st61.json`, `st87.json`) and
 * indexes them for lookups. Replacing a file with another list of the same shape (for example
 * the official ST.61 list) needs no code change.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.ts';
import { formatFieldErrors, issuesToFieldErrors } from '../validation-errors.ts';
import {
  type CodeList,
  type CodeListEvent,
  CodeListSchema,
  STANDARDS,
  type Standard,
} from './code-list-schema.ts';

/** A code list with its codes indexed. */
export interface CodeListIndex {
  list: CodeList;
  file: string;
  events: Map<string, CodeListEvent>;
  states: Set<string>;
  stages: Set<string>;
  categories: Set<string>;
}

/** The file of a standard's list, e.g. `ST.27` is `src/lib/standards/st27.json`. */
export function codeListPath(standard: Standard): string {
  return fileURLToPath(new URL(`./${standard.replace('.', '').toLowerCase()}.json`, import.meta.url));
}

/** Reads and checks one code list. */
export async function loadCodeList(
  standard: Standard,
  path = codeListPath(standard),
): Promise<CodeListIndex> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read the ${standard} code list ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = CodeListSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new CliError(
      `The ${standard} code list ${path} is not valid:\n${formatFieldErrors(issuesToFieldErrors(parsed.error.issues))}`,
    );
  }
  const list = parsed.data;
  if (list.standard !== standard) {
    throw new CliError(`The code list ${path} is for ${list.standard}, expected ${standard}.`);
  }
  return {
    list,
    file: path,
    events: new Map(list.events.map((e) => [e.code, e])),
    states: new Set(list.states.map((s) => s.code)),
    stages: new Set(list.stages.map((s) => s.code)),
    categories: new Set(list.categories.map((c) => c.code)),
  };
}

/** Loads every standard's list. */
export async function loadCodeLists(): Promise<Record<Standard, CodeListIndex>> {
  const loaded = await Promise.all(STANDARDS.map((standard) => loadCodeList(standard)));
  return Object.fromEntries(STANDARDS.map((standard, i) => [standard, loaded[i]])) as Record<
    Standard,
    CodeListIndex
  >;
}
