import { describe, expect, it } from 'vitest';
import {
  currentStatusLine,
  nationalEventLine,
  standardEventLine,
  statusAfter,
} from '../../../src/lib/site/render/legal-status.ts';
import { fixture } from '../fixture-data.ts';

const site = await fixture.site();

describe('standardEventLine(event, standards, lang)', () => {
  const patentGrant = {
    standard: 'ST.27' as const,
    keyEvent: 'F10',
    detailedEvent: 'F11',
    state: 'A',
    previousStage: '2',
    currentStage: '4',
    statusEventCode: 'A-2-4-F10-F11-MEDD',
  };

  it('labels state, stages and events in the page language', () => {
    const line = standardEventLine(patentGrant, site.standards, 'nb');
    expect(line.state).toBe('Aktiv');
    expect(line.stage).toMatch(/^.+ → .+$/);
    expect(line.keyEvent).toEqual({ text: `F10 ${site.standards['ST.27'].events.F10?.nb}` });
    expect(line.keyEvent.text).not.toMatch(/granted/);
    expect(line.category).toBe(site.standards['ST.27'].categories.F?.nb);
    expect(line.provisional).toBe(false);
  });

  it('shows an event without a label in the page language in English, marked as English', () => {
    const events = {
      ...site.standards['ST.27'].events,
      F11: { en: 'IP right granted following substantive examination' },
    };
    const standards = { ...site.standards, 'ST.27': { ...site.standards['ST.27'], events } };
    const line = standardEventLine(patentGrant, standards, 'nn');
    expect(line.detailedEvent).toEqual({
      text: 'F11 IP right granted following substantive examination',
      lang: 'en',
    });
    expect(line.keyEvent.lang).toBeUndefined();
  });

  it('shows a stage change only where there is one, and no stage for an event of any stage', () => {
    const stages = site.standards['ST.27'].stages;
    const grant = standardEventLine(patentGrant, site.standards, 'nn', { from: '4', to: '4' });
    expect(grant.stage).toBe(stages['4']?.nn);
    const change = { ...patentGrant, previousStage: '0', currentStage: '0' };
    expect(standardEventLine(change, site.standards, 'nb').stage).toBeNull();
    expect(standardEventLine(change, site.standards, 'nb', { from: '5', to: '5' }).stage).toBe(
      stages['5']?.nb,
    );
    expect(standardEventLine(patentGrant, site.standards, 'en', { from: '5', to: '4' }).stage).toBe(
      `${stages['5']?.en} → ${stages['4']?.en}`,
    );
  });

  it('needs no language mark on English pages', () => {
    expect(standardEventLine(patentGrant, site.standards, 'en').keyEvent.lang).toBeUndefined();
  });

  it('says that an ST.61 or ST.87 event comes from a provisional list', () => {
    const line = standardEventLine(
      { ...patentGrant, standard: 'ST.61', statusEventCode: 'A-2-4-F10-F11-TMREG' },
      site.standards,
      'en',
    );
    expect(line.provisional).toBe(true);
  });
});

describe('nationalEventLine(event, lang)', () => {
  it('names a mapped event in the page language', () => {
    const line = nationalEventLine(
      {
        nationalCode: 'TMERR',
        nationalLabel: { nb: 'Rettelse', nn: 'Retting', en: 'Erratum' },
        legalStatus: true,
      },
      'nn',
    );
    expect(line).toEqual({ code: 'TMERR', label: 'Retting', note: null });
  });

  it('says that an unmapped code is not mapped', () => {
    const line = nationalEventLine({ nationalCode: 'DSXQZ', nationalLabel: null, legalStatus: null }, 'en');
    expect(line.label).toBe('Event DSXQZ');
    expect(line.note).toBe('Event code DSXQZ is not mapped to a WIPO legal status event.');
  });

  it('says that a publication is not a legal-status event', () => {
    const line = nationalEventLine(
      { nationalCode: 'TMPUB', nationalLabel: { nb: 'a', nn: 'b', en: 'c' }, legalStatus: false },
      'en',
    );
    expect(line.note).toBe('Publication only: not a legal status event.');
  });
});

describe('currentStatusLine(right, standards, lang)', () => {
  it('labels the current state and stage', async () => {
    const line = currentStatusLine(await fixture.right('design', '20200999'), site.standards, 'nb');
    expect(line?.state).toBe('Aktiv');
    expect(line?.statusEventCode).toBe('A-2-4-F10-F11-DSREG');
    expect(line?.standard).toBe('ST.87');
    expect(line?.provisional).toBe(true);
    // The label alone: the code is for the technical details.
    expect(line?.lastKeyEvent).toEqual({ text: site.standards['ST.87'].events.F10?.nb });
    expect(line?.lastKeyEventCode).toBe('F10');
  });

  it('is null before the first legal-status event', () => {
    expect(currentStatusLine({ right: 'patent', status: null }, site.standards, 'nb')).toBeNull();
  });
});

describe('statusAfter(events, standards, lang) on NIPO patent codes (mappings/patent.csv)', async () => {
  const { readMappingTables } = await import('../../../src/lib/mappings/read-mapping-tables.ts');
  const { loadCodeLists } = await import('../../../src/lib/standards/code-lists.ts');
  const { stageTimeline } = await import('../../../src/lib/standards/stages.ts');
  const { rows } = await readMappingTables('mappings', await loadCodeLists());
  const standards = site.standards;
  /** A patent's events as NIPO's codes map them. */
  const events = (code: string) =>
    rows
      .filter((row) => row.right === 'patent' && row.nationalCode === code)
      .map((row) => ({
        standard: 'ST.27' as const,
        keyEvent: row.keyEvent,
        detailedEvent: row.detailedEvent,
        state: row.state,
        previousStage: row.previousStage,
        currentStage: row.currentStage,
        statusEventCode: `${row.state}-${row.previousStage}-${row.currentStage}-${row.keyEvent}-${row.detailedEvent}-${code}`,
      }));

  it('reads a validated European patent, a pledge, a lapse and a re-establishment as a reader would', () => {
    const codes = ['T2', 'PLED', 'MM1K', 'RE'];
    const history = codes.map((code) => ({ legalStatus: true, standardEvents: events(code) }));
    const timeline = stageTimeline(history);
    const stage = (code: string) => standards['ST.27'].stages[code]?.en;
    const lines = history.map((h, i) => statusAfter(h.standardEvents, standards, 'en', timeline[i]));
    expect(lines).toEqual([
      // One national event, two standard events (F10 then Q10): one change, not "Grant, Grant".
      { state: 'Active', stage: `${stage('2')} → ${stage('4')}` },
      { state: 'Active', stage: stage('4') },
      { state: 'Not active', stage: `${stage('4')} → ${stage('6')}` },
      { state: 'Active', stage: `${stage('6')} → ${stage('4')}` },
    ]);
    // The same words in Nynorsk, never a code.
    const nn = statusAfter(history[2]?.standardEvents ?? [], standards, 'nn', timeline[2]);
    expect(nn?.state).toBe(standards['ST.27'].states.N?.nn);
    expect(JSON.stringify(nn)).not.toMatch(/H10|MM1K|\b[0-6]\b/);
  });
});
