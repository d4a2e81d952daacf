import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { readMappingTables } from '../../../src/lib/mappings/read-mapping-tables.ts';
import { loadCodeLists } from '../../../src/lib/standards/code-lists.ts';
import { currentStageSql, stageChange, stageTimeline } from '../../../src/lib/standards/stages.ts';

const { rows } = await readMappingTables('mappings', await loadCodeLists());

/** A trademark's history as the office's codes map it (mappings/trademark.csv). */
function history(...codes: (string | { code: string; superseded: true })[]) {
  return codes.map((entry) => {
    const code = typeof entry === 'string' ? entry : entry.code;
    const mapped = rows.filter((row) => row.right === 'trademark' && row.nationalCode === code);
    if (mapped.length === 0) throw new Error(`${code} is not in mappings/trademark.csv`);
    return {
      code,
      legalStatus: mapped[0]?.legalStatus ?? null,
      supersededBy: typeof entry === 'string' ? undefined : { eventId: 'later' },
      standardEvents: mapped.map((row) => ({
        previousStage: row.previousStage,
        currentStage: row.currentStage,
      })),
    };
  });
}

/** `from>to` per event, for reading. */
const read = (events: ReturnType<typeof history>) =>
  stageTimeline(events).map(
    (changes, i) => `${events[i]?.code} ${changes.map((c) => `${c.from}>${c.to}`).join(' ')}`,
  );

describe('stageTimeline(history)', () => {
  it('leaves the stage of a registered mark where it is at a change of name, address or owner', () => {
    expect(read(history('TMFIL', 'TMREG', 'TMNAM', 'TMOWN', 'TMREN'))).toEqual([
      'TMFIL 1>1',
      'TMREG 1>4',
      'TMNAM 4>4',
      'TMOWN 4>4',
      'TMREN 4>4',
    ]);
  });

  it('starts the event after an opposition from the stage the opposition moved the mark to', () => {
    // TMOPF moves a registered mark to stage 5; TMLIM's row expects 4, but the mark is in 5.
    expect(read(history('TMFIL', 'TMREG', 'TMOPF', 'TMLIM', 'TMOPM'))).toEqual([
      'TMFIL 1>1',
      'TMREG 1>4',
      'TMOPF 4>5',
      'TMLIM 5>4',
      'TMOPM 4>4',
    ]);
  });

  it('is moved neither by a publication that is not a legal-status event nor by an event corrected later', () => {
    expect(read(history('TMFIL', 'TMPUB', { code: 'TMREF', superseded: true }, 'TMREG'))).toEqual([
      'TMFIL 1>1',
      'TMPUB 1>2',
      'TMREF 1>6',
      'TMREG 1>4',
    ]);
  });

  it('takes the mapping row’s stage before the first event that sets one', () => {
    expect(read(history('TMNAM', 'TMREN'))).toEqual(['TMNAM 0>0', 'TMREN 4>4']);
    expect(stageChange(null, { previousStage: '2', currentStage: '4' })).toEqual({ from: '2', to: '4' });
  });
});

describe('currentStageSql(stage, window)', () => {
  it('gives the stage of the latest event that sets one, or unspecified', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const result = await connection.runAndReadAll(`
      SELECT right_id, ${currentStageSql('stage', 'PARTITION BY right_id ORDER BY n')} AS stage
      FROM (VALUES ('a', 1, '1'), ('a', 2, '4'), ('a', 3, '0'), ('a', 4, '0'), ('b', 1, '0')) t(right_id, n, stage)
      QUALIFY row_number() OVER (PARTITION BY right_id ORDER BY n DESC) = 1
      ORDER BY right_id`);
    expect(result.getRowObjectsJS()).toEqual([
      { right_id: 'a', stage: '4' },
      { right_id: 'b', stage: '0' },
    ]);
  });
});
