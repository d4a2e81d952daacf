/**
 * One row of a mapping table (`mappings/<right>.csv`): a national event code mapped to a WIPO
 * standard event with the state and stages it leads to. Several rows for one national code map it
 * to several standard events (one-to-many). The descriptions feed the data dictionary.
 */
import { z } from 'zod';
import type { RightType } from '../event-record.ts';
import type { Standard } from '../standards/code-list-schema.ts';

/** The standard each right type's events are mapped to. */
export const STANDARD_OF_RIGHT: Record<RightType, Standard> = {
  patent: 'ST.27',
  trademark: 'ST.61',
  design: 'ST.87',
};

/** Gazette sections, in the order an issue shows them. */
export const GAZETTE_SECTIONS = [
  'applications',
  'registrations',
  'renewals',
  'changes',
  'oppositions',
  'terminations',
  'corrections',
  'other',
] as const;
export type GazetteSection = (typeof GAZETTE_SECTIONS)[number];

const cell = (description: string) =>
  z
    .string()
    .regex(/^\S(?:.*\S)?$/, { error: 'expected a value without leading or trailing spaces' })
    .meta({ description });

export const MappingRowSchema = z.strictObject({
  nationalCode: cell('The national event code, as in the event records.'),
  standard: z.enum(['ST.27', 'ST.61', 'ST.87']).meta({ description: 'The WIPO standard mapped to.' }),
  keyEvent: cell('Key event code of the standard (category letter + 10, or + 00 where none fits).'),
  detailedEvent: cell('Detailed event code in the key event’s category (letter + 11-99, or + 00).'),
  state: cell('State of the right after the event, e.g. A (active).'),
  previousStage: cell('Stage of the right before the event, e.g. 1 (filing).'),
  currentStage: cell('Stage of the right after the event.'),
  legalStatus: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .transform((value) => value === 'true')
    .meta({ description: 'true for a legal-status event; false for a publication that is not one.' }),
  section: z.enum(GAZETTE_SECTIONS).meta({ description: 'The gazette section the event is published in.' }),
  labelNb: cell('Label of the national event in Norwegian Bokmål.'),
  labelNn: cell('Label of the national event in Norwegian Nynorsk.'),
  labelEn: cell('Label of the national event in English.'),
  source: cell('Where the national code comes from.'),
});

/** The columns of a mapping table, in order. */
export const MAPPING_COLUMNS = Object.keys(MappingRowSchema.shape) as (keyof typeof MappingRowSchema.shape)[];

/** A validated mapping row with where it was read. */
export type MappingRow = z.output<typeof MappingRowSchema> & {
  right: RightType;
  file: string;
  line: number;
};

/** A problem in a mapping table, pointing at the cell. */
export interface MappingProblem {
  file: string;
  line: number;
  /** 1-based column number; 0 when the problem is the whole row. */
  column: number;
  /** Column name, when there is one. */
  field: string;
  message: string;
}

/** Writes a problem as `file:line:column (field): message`. */
export function formatMappingProblem(problem: MappingProblem): string {
  const where =
    problem.column > 0 ? `${problem.line}:${problem.column} (${problem.field})` : `${problem.line}`;
  return `${problem.file}:${where}: ${problem.message}`;
}
