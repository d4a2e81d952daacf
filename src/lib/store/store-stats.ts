/** Counts of what the event store holds, for `tidende stats` and for checks after a build. */
import type { IngestCounts } from '../ingest/ingest-counts.ts';
import type { EventStore } from './event-store.ts';

export interface StoreStats {
  /** Per right type: distinct rights (application numbers), events, and the span of event dates. */
  rightTypes: {
    right: string;
    rights: number;
    events: number;
    corrections: number;
    firstEvent: string;
    lastEvent: string;
  }[];
  /** Events per right type and national code, most frequent first. */
  nationalCodes: { right: string; nationalCode: string; events: number }[];
  /** Events per right type and year of the event date. */
  years: { right: string; year: number; events: number }[];
  /** The newest ingest batches, newest first. */
  batches: (IngestCounts & { batchId: number; file: string; sha256: string; finishedAt: string })[];
  /** Lines held in quarantine, by reason. */
  quarantine: { rejected: number; conflict: number };
}

async function rows(store: EventStore, sql: string): Promise<Record<string, unknown>[]> {
  return (await store.connection.runAndReadAll(sql)).getRowObjectsJS();
}

/** Reads the counts; `batchLimit` is how many recent batches to list. */
export async function readStoreStats(store: EventStore, batchLimit = 10): Promise<StoreStats> {
  const rightTypes = await rows(
    store,
    `SELECT right_type AS right, count(DISTINCT application_number)::BIGINT AS rights, count(*)::BIGINT AS events,
       count(supersedes)::BIGINT AS corrections, min(event_date)::VARCHAR AS first, max(event_date)::VARCHAR AS last
     FROM events GROUP BY right_type ORDER BY right_type`,
  );
  const nationalCodes = await rows(
    store,
    `SELECT right_type AS right, national_code, count(*)::BIGINT AS events
     FROM events GROUP BY ALL ORDER BY right_type, events DESC, national_code`,
  );
  const years = await rows(
    store,
    `SELECT right_type AS right, year(event_date)::INTEGER AS year, count(*)::BIGINT AS events
     FROM events GROUP BY ALL ORDER BY right_type, year`,
  );
  const batches = await rows(
    store,
    `SELECT * REPLACE (finished_at::VARCHAR AS finished_at) FROM ingest_batches ORDER BY batch_id DESC LIMIT ${batchLimit}`,
  );
  const quarantine = await rows(
    store,
    'SELECT reason, count(*)::BIGINT AS n FROM quarantine GROUP BY reason',
  );
  const held = Object.fromEntries(quarantine.map((r) => [r.reason, Number(r.n)]));
  return {
    rightTypes: rightTypes.map((r) => ({
      right: String(r.right),
      rights: Number(r.rights),
      events: Number(r.events),
      corrections: Number(r.corrections),
      firstEvent: String(r.first),
      lastEvent: String(r.last),
    })),
    nationalCodes: nationalCodes.map((r) => ({
      right: String(r.right),
      nationalCode: String(r.national_code),
      events: Number(r.events),
    })),
    years: years.map((r) => ({ right: String(r.right), year: Number(r.year), events: Number(r.events) })),
    batches: batches.map((r) => ({
      batchId: Number(r.batch_id),
      file: String(r.file),
      sha256: String(r.sha256),
      finishedAt: String(r.finished_at),
      read: Number(r.lines_read),
      accepted: Number(r.accepted),
      duplicate: Number(r.duplicate),
      conflict: Number(r.conflict),
      rejected: Number(r.rejected),
      blank: Number(r.blank),
    })),
    quarantine: { rejected: held.rejected ?? 0, conflict: held.conflict ?? 0 },
  };
}
