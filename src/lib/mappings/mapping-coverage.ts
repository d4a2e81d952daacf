/**
 * How much of the store the mapping tables cover, per right type: the share of events and of
 * distinct national codes that map to a standard event, and every unmapped code with its count
 * and an example event, so nothing unmapped goes unnoticed.
 */
import type { RightType } from '../event-record.ts';
import type { EventStore } from '../store/event-store.ts';

export interface UnmappedCode {
  code: string;
  events: number;
  exampleEventId: string;
}

export interface RightCoverage {
  events: number;
  mappedEvents: number;
  codes: number;
  mappedCodes: number;
  unmapped: UnmappedCode[];
}

/** The share mapped, as a percentage; 100 when there is nothing to map. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : (100 * part) / whole;
}

/** Reads the coverage of the mapping rows loaded in the store. */
export async function readMappingCoverage(store: EventStore): Promise<Record<RightType, RightCoverage>> {
  const codes = (
    await store.connection.runAndReadAll(`
      SELECT e.right_type, e.national_code, count(*)::BIGINT AS events, min(e.event_id) AS example,
        bool_or(m.national_code IS NOT NULL) AS mapped
      FROM events e
      LEFT JOIN (SELECT DISTINCT right_type, national_code FROM mapping_rows) m
        ON m.right_type = e.right_type AND m.national_code = e.national_code
      GROUP BY ALL ORDER BY e.right_type, events DESC, e.national_code
    `)
  ).getRowObjectsJS();
  const empty = (): RightCoverage => ({ events: 0, mappedEvents: 0, codes: 0, mappedCodes: 0, unmapped: [] });
  const coverage: Record<RightType, RightCoverage> = { patent: empty(), trademark: empty(), design: empty() };
  for (const row of codes) {
    const entry = coverage[row.right_type as RightType];
    const events = Number(row.events);
    entry.events += events;
    entry.codes++;
    if (row.mapped) {
      entry.mappedEvents += events;
      entry.mappedCodes++;
    } else {
      entry.unmapped.push({ code: String(row.national_code), events, exampleEventId: String(row.example) });
    }
  }
  return coverage;
}
