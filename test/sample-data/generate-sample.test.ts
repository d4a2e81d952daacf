import { beforeAll, describe, expect, test } from 'vitest';
import { generateSampleEvents, type SampleEvent } from '../../scripts/sample-data/generate-sample.ts';
import { type EventRecordInput, EventRecordSchema } from '../../src/lib/event-record.ts';

const UNTIL = '2026-11-16';

function collect(rights: number, seed: number, until = UNTIL): SampleEvent[] {
  return [...generateSampleEvents({ rights, seed, until })];
}

/** The records grouped by right, in the order they came. */
function byRight(events: SampleEvent[]): EventRecordInput[][] {
  const groups: EventRecordInput[][] = [];
  let last = '';
  for (const { record } of events) {
    const key = `${record.right}/${record.applicationNumber}`;
    if (key !== last) groups.push([]);
    groups[groups.length - 1]?.push(record);
    last = key;
  }
  return groups;
}

describe('generateSampleEvents(options)', () => {
  let events: SampleEvent[];
  let rights: EventRecordInput[][];
  beforeAll(() => {
    events = collect(2000, 1);
    rights = byRight(events);
  });

  test('gives the same records for the same options', () => {
    const first = JSON.stringify(collect(300, 42));
    const second = JSON.stringify(collect(300, 42));
    expect(second).toBe(first);
  });

  test('gives different records for a different seed', () => {
    expect(JSON.stringify(collect(300, 43))).not.toBe(JSON.stringify(collect(300, 42)));
  });

  test('makes only records that pass the event record schema', () => {
    const failures = events
      .map(({ record }) => EventRecordSchema.safeParse(record))
      .filter((result) => !result.success)
      .map((result) => result.error?.issues);
    expect(failures).toEqual([]);
  });

  test('gives every event a unique id built from the right and a sequence number', () => {
    const ids = events.map(({ record }) => record.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { record } of events.slice(0, 500)) {
      expect(record.eventId).toMatch(/^NO-(PT|TM|DS)-[A-Z0-9]+-\d{4}$/);
      expect(record.eventId).toContain(`-${record.applicationNumber}-`);
    }
  });

  test('keeps each right together, its events in date order', () => {
    expect(rights.length).toBe(2000);
    const seen = new Set<string>();
    for (const group of rights) {
      const first = group[0] as EventRecordInput;
      const key = `${first.right}/${first.applicationNumber}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const dates = group.map((record) => record.eventDate);
      expect(dates).toEqual([...dates].sort());
    }
  });

  test('points every supersedes at an earlier event of the same right, for about 1% of events', () => {
    let corrections = 0;
    for (const group of rights) {
      const earlier = new Map<string, EventRecordInput>();
      for (const record of group) {
        if (record.supersedes) {
          corrections++;
          const corrected = earlier.get(record.supersedes);
          expect(corrected, `${record.eventId} supersedes ${record.supersedes}`).toBeDefined();
          expect((corrected?.eventDate ?? '') < record.eventDate).toBe(true);
          expect(record.nationalCode).toBe(corrected?.nationalCode);
          // The correction is a copy with something fixed.
          expect(JSON.stringify(record.register)).not.toBe(JSON.stringify(corrected?.register));
        }
        earlier.set(record.eventId, record);
      }
    }
    expect(corrections / events.length).toBeGreaterThan(0.005);
    expect(corrections / events.length).toBeLessThan(0.02);
  });

  test('makes no event after until', () => {
    const until = '2015-06-30';
    const early = collect(500, 3, until);
    expect(early.length).toBeGreaterThan(0);
    for (const { record } of early) expect(record.eventDate <= until).toBe(true);
    for (const { record } of events) expect(record.eventDate <= UNTIL).toBe(true);
  });

  test('spreads filings over about twenty years before until', () => {
    const years = new Set(rights.map((group) => (group[0] as EventRecordInput).eventDate.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(20);
  });

  test('makes rights in NIPO proportions: mostly trademarks, many validated European patents', () => {
    const count = (test: (record: EventRecordInput) => boolean) =>
      rights.filter((group) => test(group[0] as EventRecordInput)).length;
    const trademarks = count((record) => record.right === 'trademark');
    const patents = count((record) => record.right === 'patent');
    const designs = count((record) => record.right === 'design');
    expect(trademarks / 2000).toBeGreaterThan(0.65);
    expect(trademarks / 2000).toBeLessThan(0.8);
    expect(patents / 2000).toBeGreaterThan(0.15);
    expect(patents / 2000).toBeLessThan(0.28);
    expect(designs / 2000).toBeGreaterThan(0.04);
    expect(designs / 2000).toBeLessThan(0.1);
    expect(count((record) => record.register.kind === 'ep-validation') / patents).toBeGreaterThan(0.5);
    expect(count((record) => record.register.kind === 'spc')).toBeGreaterThan(0);
    const international = count(
      (record) => record.right === 'trademark' && record.register.kind === 'international-registration',
    );
    expect(international / trademarks).toBeGreaterThan(0.3);
    expect(international / trademarks).toBeLessThan(0.5);
  });

  test('gives about 70% of rights a foreign applicant or owner', () => {
    const foreign = rights.filter((group) => {
      const holder = group[0]?.register.parties?.find(
        (party) => party.role === 'applicant' || party.role === 'owner',
      );
      return holder && holder.country !== 'NO';
    }).length;
    expect(foreign / rights.length).toBeGreaterThan(0.65);
    expect(foreign / rights.length).toBeLessThan(0.75);
  });

  test('averages about six events per right', () => {
    const perRight = events.length / rights.length;
    expect(perRight).toBeGreaterThan(5);
    expect(perRight).toBeLessThan(7);
  });

  test('gives Norwegian representatives, inventors to patents and designers to designs', () => {
    for (const group of rights) {
      const parties = group[group.length - 1]?.register.parties ?? [];
      for (const party of parties) if (party.role === 'representative') expect(party.country).toBe('NO');
      const right = group[0]?.right;
      if (right === 'patent' && group[0]?.register.kind !== 'spc') {
        expect(parties.some((party) => party.role === 'inventor')).toBe(true);
      }
      if (right === 'design') expect(parties.some((party) => party.role === 'designer')).toBe(true);
    }
  });

  test('gives images to figurative, combined and shape marks and to designs, none to patents', () => {
    for (const group of rights) {
      const record = group[0] as EventRecordInput;
      const kinds = (record.documents ?? []).map((document) => document.kind);
      if (record.right === 'patent') expect(kinds).toEqual([]);
      if (record.right === 'design') expect(kinds.length).toBeGreaterThan(0);
      if (record.right === 'trademark') {
        const pictured = ['figurative', 'combined', 'shape'].includes(record.register.markFeature ?? '');
        expect(kinds).toEqual(pictured ? ['mark-image'] : []);
      }
    }
  });

  test('hands each document file over once, with the first event that references it', () => {
    const paths = events.flatMap((event) => event.files.map((file) => file.path));
    expect(new Set(paths).size).toBe(paths.length);
    const referenced = new Set(
      events.flatMap(({ record }) => (record.documents ?? []).map((document) => document.href)),
    );
    expect(new Set(paths)).toEqual(referenced);
  });

  test('publishes gazette events on a Monday a few days after the event and leaves internal ones out', () => {
    let published = 0;
    for (const { record } of events) {
      if (!record.publicationDate) continue;
      published++;
      const days = (Date.parse(record.publicationDate) - Date.parse(record.eventDate)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(2);
      expect(days).toBeLessThanOrEqual(14);
      expect(new Date(`${record.publicationDate}T00:00:00Z`).getUTCDay()).toBe(1);
    }
    expect(published / events.length).toBeGreaterThan(0.3);
    expect(published / events.length).toBeLessThan(0.9);
  });

  test('rejects a number of rights that is not a whole number', () => {
    expect(() => collect(1.5, 1)).toThrow(/"rights"/);
    expect(() => collect(10, 1, '2026-02-30')).toThrow(/not a real calendar date/);
  });
});

describe('generateSampleEvents(options) numbering', () => {
  const events = collect(1500, 2);
  const firsts = byRight(events).map((group) => group[group.length - 1] as EventRecordInput);

  test('numbers applications in NIPO style per kind of right', () => {
    const patterns: Record<string, RegExp> = {
      'patent/patent': /^(19|20)\d{6}$/,
      'patent/ep-validation': /^EP\d{8}$/,
      'patent/spc': /^SPC(19|20)\d{5}$/,
      'trademark/trademark': /^(19|20)\d{7}$/,
      'trademark/international-registration': /^\d{6,7}$/,
      'design/design': /^(19|20)\d{6}$/,
      'design/international-registration': /^DM\d{6}$/,
    };
    for (const record of firsts) {
      expect(record.applicationNumber).toMatch(patterns[`${record.right}/${record.register.kind}`] as RegExp);
    }
  });

  test('gives national registration numbers that rise with the registration date', () => {
    for (const [right, kind] of [
      ['trademark', 'trademark'],
      ['patent', 'patent'],
      ['design', 'design'],
    ]) {
      const registered = firsts
        .filter(
          (record) => record.right === right && record.register.kind === kind && record.registrationNumber,
        )
        .sort((a, b) => (a.register.registrationDate ?? '').localeCompare(b.register.registrationDate ?? ''));
      expect(registered.length, `${right}/${kind}`).toBeGreaterThan(5);
      for (let i = 1; i < registered.length; i++) {
        const [before, after] = [registered[i - 1] as EventRecordInput, registered[i] as EventRecordInput];
        if (before.register.registrationDate === after.register.registrationDate) continue;
        expect(Number(after.registrationNumber), `${right}/${kind} ${after.eventId}`).toBeGreaterThan(
          Number(before.registrationNumber),
        );
      }
    }
  });
});
