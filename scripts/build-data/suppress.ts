/**
 * Suppress: takes back an event that ingest accepted. The store is append-only, so nothing is
 * deleted: a row in `suppressions` says which event, when and why. From the next build on the
 * event is gone from register pages, search and the open data; an issue already locked with it
 * stays as published, and if the event had been public, the first issue still open carries a
 * withdrawal notice (see the store's gazette_entries view).
 */
import { CliError } from '../../src/lib/cli-error.ts';
import { nextIssue } from '../../src/lib/gazette/issue-week.ts';
import { sqlString } from '../../src/lib/store/duckdb-types.ts';
import type { EventStore } from '../../src/lib/store/event-store.ts';

export interface Suppression {
  eventId: string;
  reason: string;
  suppressedAt: Date;
  /** The issue that carries the withdrawal notice; null when the event had not been public. */
  noticeIssue: string | null;
  /** The locked issue that published the event, if any (it stays as published). */
  lockedIssue: string | null;
}

/** Records the suppression of `eventId`; refuses an unknown or already suppressed event. */
export async function suppressEvent(
  store: EventStore,
  eventId: string,
  reason: string,
  now = new Date(),
): Promise<Suppression> {
  const { connection } = store;
  const id = sqlString(eventId);
  const [event] = (
    await connection.runAndReadAll(`
      SELECT s.event_id, s.release_issue, s.issue, x.suppressed_at::VARCHAR AS suppressed_at, x.reason,
        (SELECT max(issue) FROM published_issues) AS last_locked,
        s.event_id IN (SELECT event_id FROM published_issue_entries) AS in_locked_issue
      FROM event_status s LEFT JOIN suppressions x ON x.event_id = s.event_id
      WHERE s.event_id = ${id}
    `)
  ).getRowObjectsJS();
  if (!event) throw new CliError(`No event ${JSON.stringify(eventId)} in the store ${store.path}.`);
  if (event.suppressed_at !== null) {
    throw new CliError(
      `Event ${eventId} was suppressed already, at ${String(event.suppressed_at)}: ${String(event.reason)}`,
    );
  }
  const lastLocked = event.last_locked === null ? null : String(event.last_locked);
  const release = event.release_issue === null ? null : String(event.release_issue);
  // Public already when its release is an issue that is out (locked): readers have seen it.
  const wasPublic = lastLocked !== null && release !== null && release <= lastLocked;
  const noticeIssue = wasPublic && lastLocked !== null ? nextIssue(lastLocked) : null;
  await connection.run(`
    INSERT INTO suppressions VALUES (
      ${id}, ${sqlString(reason)}, ${sqlString(now.toISOString())}::TIMESTAMPTZ,
      ${noticeIssue === null ? 'NULL' : sqlString(noticeIssue)})
  `);
  return {
    eventId,
    reason,
    suppressedAt: now,
    noticeIssue,
    lockedIssue: event.in_locked_issue ? String(event.issue) : null,
  };
}
