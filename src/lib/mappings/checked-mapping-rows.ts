/**
 * Reads the mapping tables and refuses to go on when they have problems, printing each problem as
 * `file:line:column (field): ...` on stderr: what every command that publishes needs first.
 */
import { CliError } from '../cli-error.ts';
import type { Standard } from '../standards/code-list-schema.ts';
import type { CodeListIndex } from '../standards/code-lists.ts';
import { formatMappingProblem, type MappingRow } from './mapping-row.ts';
import { readMappingTables } from './read-mapping-tables.ts';

export async function readCheckedMappingRows(
  dir: string,
  codeLists: Record<Standard, CodeListIndex>,
  what: string,
): Promise<MappingRow[]> {
  const tables = await readMappingTables(dir, codeLists);
  if (tables.problems.length > 0) {
    for (const problem of tables.problems) process.stderr.write(`${formatMappingProblem(problem)}\n`);
    throw new CliError(`${tables.problems.length} problems in the mapping tables; nothing was ${what}.`);
  }
  return tables.rows;
}
