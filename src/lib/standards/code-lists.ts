/**
 * Loads the WIPO code lists kept in this folder (`st27.json`, `st61.json`, `st87.json`) and
 * indexes them for lookups. Replacing a file with another list of the same shape (for example
 * the official ST.61 list) needs no code change.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CliError } from '../cli-error.ts';
import { formatFieldErrors, issuesToFieldErrors } from '../validation-errors.ts';
import {
  type CodeList,
  type CodeListEvent,
  CodeListSchema,
  type EventLabels,
  EventLabelsSchema,
  STANDARDS,
  type Standard,
} from './code-list-schema.ts';

/** A code list with its codes indexed. */
export interface CodeListIndex {
  list: CodeList;
  file: string;
  events: Map<string, CodeListEvent>;
  /** nb and nn labels of events, from the labels file beside the list. */
  eventLabels: EventLabels['events'];
  states: Set<string>;
  stages: Set<string>;
  categories: Set<string>;
}

/** The file of a standard's list, e.g. `ST.27` is `src/lib/standards/st27.json`. */
export function codeListPath(standard: Standard): string {
  return fileURLToPath(new URL(`./${standard.replace('.', '').toLowerCase()}.json`, import.meta.url));
}

/** The file of a standard's event labels in nb and nn, beside its list: `st27.labels.json`. */
export function eventLabelsPath(listPath: string): string {
  return listPath.replace(/\.json$/, '.labels.json');
}

async function readChecked<T>(
  what: string,
  path: string,
  schema: { safeParse: (value: unknown, params: { reportInput: boolean }) => z.ZodSafeParseResult<T> },
): Promise<T> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read the ${what} ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new CliError(
      `The ${what} ${path} is not valid:\n${formatFieldErrors(issuesToFieldErrors(parsed.error.issues))}`,
    );
  }
  return parsed.data;
}

/** Reads and checks one code list and the event labels beside it. */
export async function loadCodeList(
  standard: Standard,
  path = codeListPath(standard),
): Promise<CodeListIndex> {
  const list = await readChecked(`${standard} code list`, path, CodeListSchema);
  if (list.standard !== standard) {
    throw new CliError(`The code list ${path} is for ${list.standard}, expected ${standard}.`);
  }
  const labelsPath = eventLabelsPath(path);
  const labels = await readChecked(`${standard} event labels`, labelsPath, EventLabelsSchema);
  if (labels.standard !== standard) {
    throw new CliError(`The event labels ${labelsPath} are for ${labels.standard}, expected ${standard}.`);
  }
  const events = new Map(list.events.map((e) => [e.code, e]));
  const unknown = Object.keys(labels.events).filter((code) => !events.has(code));
  if (unknown.length > 0) {
    throw new CliError(
      `The event labels ${labelsPath} name codes that are not in the ${standard} code list ${path}: ${unknown.join(', ')}. Remove them, or add the events to the list.`,
    );
  }
  return {
    list,
    file: path,
    events,
    eventLabels: labels.events,
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
