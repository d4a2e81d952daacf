/**
 * Patent legal status as WIPO ST.96 V6_0 `PatentLegalStatusData` XML, from the staged open-data
 * tables (see datasets.ts): one `PatentLegalStatus` per patent with its ST.27 events as they stood
 * once the issue was out. The snapshot holds every patent; the delta of an issue holds the whole
 * record of each patent that issue touched, which replaces the patent's earlier record (so the
 * issue of a correction carries the corrected event again, now marked as corrected).
 */
import { join } from 'node:path';
import type { DataFile } from '../../src/lib/datasets/data-release.ts';
import type { St96PatentRecord, St96StatusEvent } from '../../src/lib/st96/patent-legal-status.ts';
import { writeSt96Files } from '../../src/lib/st96/st96-writer.ts';
import type { EventStore } from '../../src/lib/store/event-store.ts';

/** File names: `patent-legal-status-0001.xml`, ... */
export const ST96_BASE_NAME = 'patent-legal-status';

type Row = Record<string, unknown>;

/**
 * Each patent's mapped ST.27 events, with the register of its latest event, per pair. An event's
 * standard events are numbered as in the `legal_status_events` table (dataset-queries.ts), before
 * the unmapped are left out, so that `<event_id>-<standard_event_seq>`, the ST.96 identifier, is
 * the key of that table's row. `superseded_by` is that table's too: the latest correction out by
 * the pair's issue.
 */
const PATENT_EVENTS = `
  WITH ev AS (
    SELECT p.as_issue, e.*,
      last_value(e.register) OVER w AS latest_register,
      last_value(e.registration_number) OVER w AS latest_registration_number
    FROM right_pairs p
    JOIN data_events e ON e.right_id = p.right_id AND e.data_issue <= p.as_issue
    WHERE e.right_type = 'patent'
    WINDOW w AS (PARTITION BY p.right_id, p.as_issue ORDER BY e.event_date, e.event_id
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ),
  standard AS (
    SELECT l.*, row_number() OVER (PARTITION BY l.event_id ORDER BY l.mapping_order NULLS FIRST)
      AS standard_event_seq
    FROM legal_status_events l WHERE l.right_type = 'patent'
  )
  SELECT ev.as_issue, ev.office, ev.application_number, ev.latest_registration_number AS registration_number,
    ev.latest_register.filingDate AS filing_date, ev.latest_register.registrationDate AS grant_date,
    ev.latest_register.kind AS kind, ev.event_id, ev.national_code, ev.event_date, ev.effective_date,
    ev.publication_date, ev.gazette_issue, ev.supersedes,
    (SELECT arg_max(c.event_id, (c.event_date, c.event_id)) FROM data_events c
     WHERE c.supersedes = ev.event_id AND c.data_issue <= ev.as_issue) AS superseded_by,
    l.standard_event_seq, l.state, l.previous_stage, l.current_stage, l.key_event, l.detailed_event
  FROM ev JOIN standard l ON l.event_id = ev.event_id AND l.mapped AND l.standard = 'ST.27'
  ORDER BY ev.as_issue, ev.application_number, ev.event_date, ev.event_id, l.standard_event_seq`;

function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function statusEvent(row: Row): St96StatusEvent {
  return {
    eventId: String(row.event_id),
    standardEventSeq: Number(row.standard_event_seq),
    state: String(row.state),
    previousStage: String(row.previous_stage),
    currentStage: String(row.current_stage),
    keyEvent: String(row.key_event),
    detailedEvent: String(row.detailed_event),
    nationalCode: String(row.national_code),
    eventDate: String(row.event_date),
    effectiveDate: optional(row.effective_date),
    publicationDate: optional(row.publication_date),
    issue: optional(row.gazette_issue),
    supersedes: optional(row.supersedes),
    supersededBy: optional(row.superseded_by),
  };
}

/** Groups the ordered rows into one record per patent and issue. */
async function* patentRecords(
  rows: AsyncIterable<Row[]>,
): AsyncGenerator<{ asIssue: string; record: St96PatentRecord }> {
  let current = null as { asIssue: string; record: St96PatentRecord } | null;
  for await (const chunk of rows) {
    for (const row of chunk) {
      const asIssue = String(row.as_issue);
      const applicationNumber = String(row.application_number);
      if (current?.asIssue !== asIssue || current.record.applicationNumber !== applicationNumber) {
        if (current) yield current;
        current = {
          asIssue,
          record: {
            office: String(row.office),
            applicationNumber,
            filingDate: optional(row.filing_date),
            registrationNumber: optional(row.registration_number),
            grantDate: optional(row.grant_date),
            kind: optional(row.kind),
            events: [],
          },
        };
      }
      current.record.events.push(statusEvent(row));
    }
  }
  if (current) yield current;
}

export interface ExportSt96Options {
  /** `snapshot`: files go in `dir`; `deltas`: in `dir/<issue>/`. */
  part: 'snapshot' | 'deltas';
  dir: string;
  maxBytes: number;
  /** `com:creationDate` of the files of a part: a delta keeps its issue's date, so it never changes. */
  creationDate: (part: string) => string;
}

/** Writes the XML of the current pairs; returns the files with absolute paths. */
export async function exportSt96(store: EventStore, options: ExportSt96Options): Promise<DataFile[]> {
  const result = await store.connection.stream(PATENT_EVENTS);
  const records = patentRecords(result.yieldRowObjectJson() as AsyncIterable<Row[]>);
  const files: DataFile[] = [];
  let next = await records.next();
  while (!next.done) {
    const issue = next.value.asIssue;
    const office = next.value.record.office;
    async function* sameIssue(): AsyncGenerator<St96PatentRecord> {
      while (!next.done && next.value.asIssue === issue) {
        yield next.value.record;
        next = await records.next();
      }
    }
    const written = await writeSt96Files(sameIssue(), {
      dir: options.part === 'snapshot' ? options.dir : join(options.dir, issue),
      baseName: ST96_BASE_NAME,
      maxBytes: options.maxBytes,
      office,
      creationDate: options.creationDate(options.part === 'snapshot' ? 'snapshot' : issue),
    });
    written.forEach((file, index) => {
      files.push({
        path: file.path,
        format: 'st96',
        table: 'patent_legal_status',
        part: options.part === 'snapshot' ? 'snapshot' : issue,
        sequence: index + 1,
        rows: file.records,
        bytes: file.bytes,
        sha256: file.sha256,
      });
    });
  }
  return files;
}
