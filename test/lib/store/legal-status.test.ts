import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../scripts/build-data/ingest.ts';
import type { EventRecordInput } from '../../../src/lib/event-record.ts';
import { loadMappingRows } from '../../../src/lib/mappings/load-mapping-rows.ts';
import { readMappingCoverage } from '../../../src/lib/mappings/mapping-coverage.ts';
import { readMappingTables } from '../../../src/lib/mappings/read-mapping-tables.ts';
import { loadCodeLists } from '../../../src/lib/standards/code-lists.ts';
import { type EventStore, openEventStore } from '../../../src/lib/store/event-store.ts';
import { line, patentRecord } from '../../helpers/records.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A patent's life: filed, granted, a fee, lapsed; a correction; a validated EP patent; an unknown code. */
const events: EventRecordInput[] = [
  patentRecord({ eventId: 'P1-1', applicationNumber: 'P1', nationalCode: 'SOKN', eventDate: '2020-01-10' }),
  patentRecord({ eventId: 'P1-2', applicationNumber: 'P1', nationalCode: 'MEDD', eventDate: '2022-05-02' }),
  patentRecord({ eventId: 'P1-3', applicationNumber: 'P1', nationalCode: 'MM1K', eventDate: '2024-03-01' }),
  // Corrects the lapse: the fee was paid after all.
  patentRecord({
    eventId: 'P1-4',
    applicationNumber: 'P1',
    nationalCode: 'ARSP',
    eventDate: '2024-04-15',
    supersedes: 'P1-3',
  }),
  patentRecord({ eventId: 'P2-1', applicationNumber: 'P2', nationalCode: 'T2', eventDate: '2023-06-01' }),
  patentRecord({ eventId: 'P2-2', applicationNumber: 'P2', nationalCode: 'AAAD', eventDate: '2023-09-01' }),
  patentRecord({ eventId: 'P3-1', applicationNumber: 'P3', nationalCode: 'ZZZZ', eventDate: '2023-01-01' }),
];

async function storeWith(records: EventRecordInput[], mappingsDir = 'mappings'): Promise<EventStore> {
  const dir = await tempDir();
  const file = join(dir, 'events.ndjson');
  await writeFile(file, records.map(line).join('\n'));
  const store = await openEventStore(join(dir, 'store.duckdb'));
  await ingestFile(store, file, { quarantinePath: join(dir, 'q.ndjson'), workers: 0 });
  const tables = await readMappingTables(mappingsDir, await loadCodeLists());
  await loadMappingRows(store, tables.rows);
  return store;
}

async function rows(store: EventStore, sql: string) {
  return (await store.connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('legal_status_events (view)', () => {
  it('gives one row per standard event of a one-to-many code, in table order', async () => {
    const store = await storeWith(events);
    try {
      expect(
        await rows(
          store,
          `SELECT mapping_order, key_event, detailed_event, status_event_code FROM legal_status_events
           WHERE event_id = 'P2-1' ORDER BY mapping_order`,
        ),
      ).toEqual([
        { mapping_order: 1, key_event: 'F10', detailed_event: 'F17', status_event_code: 'A-2-4-F10-F17-T2' },
        { mapping_order: 2, key_event: 'Q10', detailed_event: 'Q13', status_event_code: 'A-4-4-Q10-Q13-T2' },
      ]);
    } finally {
      store.closeSync();
    }
  });

  it('writes the status event code as state-previous-current-key-detailed-national', async () => {
    const store = await storeWith(events);
    try {
      expect(
        await rows(store, `SELECT status_event_code FROM legal_status_events WHERE event_id = 'P1-3'`),
      ).toEqual([{ status_event_code: 'N-4-6-H10-H13-MM1K' }]);
    } finally {
      store.closeSync();
    }
  });

  it('keeps unmapped events, flagged, and marks not-LS publications and superseded events', async () => {
    const store = await storeWith(events);
    try {
      expect(
        await rows(
          store,
          `SELECT event_id, mapped, legal_status, superseded_by FROM legal_status_events
           WHERE event_id IN ('P3-1', 'P2-2', 'P1-3', 'P1-4') ORDER BY event_id`,
        ),
      ).toEqual([
        { event_id: 'P1-3', mapped: true, legal_status: true, superseded_by: 'P1-4' },
        { event_id: 'P1-4', mapped: true, legal_status: true, superseded_by: null },
        { event_id: 'P2-2', mapped: true, legal_status: false, superseded_by: null },
        { event_id: 'P3-1', mapped: false, legal_status: null, superseded_by: null },
      ]);
    } finally {
      store.closeSync();
    }
  });

  it('follows a changed mapping table without re-ingesting', async () => {
    const store = await storeWith(events);
    try {
      const tables = await readMappingTables('mappings', await loadCodeLists());
      await loadMappingRows(
        store,
        tables.rows.map((row) =>
          row.nationalCode === 'MM1K' ? { ...row, state: 'T', currentStage: '6' } : row,
        ),
      );
      expect(await rows(store, `SELECT state FROM legal_status_events WHERE event_id = 'P1-3'`)).toEqual([
        { state: 'T' },
      ]);
      expect(
        await rows(
          store,
          `SELECT state FROM right_status_as_of(DATE '2024-03-31') WHERE application_number = 'P1'`,
        ),
      ).toEqual([{ state: 'T' }]);
    } finally {
      store.closeSync();
    }
  });
});

describe('right_status_as_of(date) (macro)', () => {
  const statusOf = async (store: EventStore, date: string) =>
    rows(
      store,
      `SELECT application_number, state, stage, last_key_event, last_event_id
       FROM right_status_as_of(DATE '${date}') ORDER BY application_number`,
    );

  it('gives each right’s status as it stood at the end of a day', async () => {
    const store = await storeWith(events);
    try {
      expect(await statusOf(store, '2019-12-31')).toEqual([]);
      expect(await statusOf(store, '2021-01-01')).toEqual([
        { application_number: 'P1', state: 'A', stage: '1', last_key_event: 'A10', last_event_id: 'P1-1' },
      ]);
      expect(await statusOf(store, '2023-12-31')).toEqual([
        { application_number: 'P1', state: 'A', stage: '4', last_key_event: 'F10', last_event_id: 'P1-2' },
        // Of the two standard events of T2 the last row counts; AAAD is not a legal-status event.
        { application_number: 'P2', state: 'A', stage: '4', last_key_event: 'Q10', last_event_id: 'P2-1' },
      ]);
    } finally {
      store.closeSync();
    }
  });

  it('shows a superseded event until the day of its correction, and not after', async () => {
    const store = await storeWith(events);
    try {
      const p1 = async (date: string) =>
        (await statusOf(store, date)).find((r) => r.application_number === 'P1');
      expect(await p1('2024-03-31')).toMatchObject({ state: 'N', stage: '6', last_event_id: 'P1-3' });
      expect(await p1('2024-04-15')).toMatchObject({ state: 'A', stage: '4', last_event_id: 'P1-4' });
    } finally {
      store.closeSync();
    }
  });
});

describe('readMappingCoverage(store)', () => {
  it('counts mapped events and codes per right type and lists unmapped codes with an example', async () => {
    const store = await storeWith(events);
    try {
      const coverage = await readMappingCoverage(store);
      expect(coverage.patent).toEqual({
        events: 7,
        mappedEvents: 6,
        codes: 7,
        mappedCodes: 6,
        unmapped: [{ code: 'ZZZZ', events: 1, exampleEventId: 'P3-1' }],
      });
      expect(coverage.trademark).toEqual({
        events: 0,
        mappedEvents: 0,
        codes: 0,
        mappedCodes: 0,
        unmapped: [],
      });
    } finally {
      store.closeSync();
    }
  });
});
