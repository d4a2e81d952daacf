import { describe, expect, it } from 'vitest';
import {
  formatStageTimings,
  parseStageTimings,
  type StageTiming,
  timeStage,
} from '../../src/lib/site/stage-timings.ts';

describe('timeStage(timings, stage, run, detail)', () => {
  it('appends the time and detail of a stage, and of a stage that failed', async () => {
    const timings: StageTiming[] = [];
    expect(
      await timeStage(
        timings,
        'documents',
        async () => 3,
        (n) => `${n} copied`,
      ),
    ).toBe(3);
    await expect(
      timeStage(timings, 'search index', async () => {
        throw new Error('no pages');
      }),
    ).rejects.toThrow('no pages');
    expect(timings).toEqual([
      { stage: 'documents', seconds: expect.any(Number), detail: '3 copied' },
      { stage: 'search index', seconds: expect.any(Number), detail: 'failed' },
    ]);
  });
});

describe('formatStageTimings(timings) and parseStageTimings(text)', () => {
  it('write one aligned line per stage, which read back from a build’s output', () => {
    const timings: StageTiming[] = [
      { stage: 'site data export', seconds: 4.56, detail: '22 files written, 0 removed' },
      { stage: 'number index', seconds: 0.04 },
    ];
    const lines = formatStageTimings(timings);
    expect(lines).toEqual([
      '  site data export     4.6 s  (22 files written, 0 removed)',
      '  number index         0.0 s',
    ]);
    expect(parseStageTimings(`build dist: as of …; 12.3 s\n${lines.join('\n')}\n`)).toEqual([
      { stage: 'site data export', seconds: 4.6, detail: '22 files written, 0 removed' },
      { stage: 'number index', seconds: 0 },
    ]);
  });
});
