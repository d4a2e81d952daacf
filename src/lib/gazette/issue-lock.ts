/**
 * Published gazette issues are locked: the first build after an issue's publication instant
 * records a hash of each of its entries in the store, and every later build compares. An entry
 * added to, removed from or changed in a published issue fails the build with the issue and the
 * entries named; a correction is a new event in a later issue, never an edit.
 */
import { CliError } from '../cli-error.ts';
import { sqlString } from '../store/duckdb-types.ts';
import type { EventStore } from '../store/event-store.ts';
import { issueDueAt } from './issue-week.ts';

/** What would change in one published issue. */
export interface IssueChange {
  issue: string;
  added: string[];
  removed: string[];
  changed: string[];
}

/** How many entries per issue and kind of change a message names before it says "and N more". */
const NAMED = 10;

function nameEntries(kind: string, ids: string[]): string | undefined {
  if (ids.length === 0) return undefined;
  const more = ids.length > NAMED ? ` and ${ids.length - NAMED} more` : '';
  return `${kind} ${ids.slice(0, NAMED).join(', ')}${more}`;
}

/** Thrown when a build would change a published issue. */
export class PublishedIssueChangedError extends CliError {
  readonly changes: IssueChange[];

  constructor(changes: IssueChange[]) {
    const lines = changes.map((c) => {
      const parts = [
        nameEntries('added', c.added),
        nameEntries('removed', c.removed),
        nameEntries('changed', c.changed),
      ].filter(Boolean);
      return `  ${c.issue}: ${parts.join('; ')}`;
    });
    super(
      `Published issues would change, and published content is locked:\n${lines.join('\n')}\n` +
        'A correction must be a new event (with supersedes) published in a later issue; a mapping change ' +
        'must not alter what a published issue says.',
    );
    this.name = 'PublishedIssueChangedError';
    this.changes = changes;
  }
}

/** Compares the published issues up to `due` with their locks; lists the differences. */
async function findChanges(store: EventStore, due: string): Promise<IssueChange[]> {
  const rows = (
    await store.connection.runAndReadAll(`
      WITH current AS (
        SELECT issue, event_id, entry_sha256 FROM gazette_entries
        WHERE issue <= ${sqlString(due)} AND issue IN (SELECT issue FROM published_issues)
      )
      SELECT coalesce(c.issue, l.issue) AS issue, coalesce(c.event_id, l.event_id) AS event_id,
        CASE WHEN l.event_id IS NULL THEN 'added' WHEN c.event_id IS NULL THEN 'removed' ELSE 'changed' END AS change
      FROM current c
      FULL JOIN (SELECT * FROM published_issue_entries WHERE issue <= ${sqlString(due)}) l
        ON c.issue = l.issue AND c.event_id = l.event_id
      WHERE l.event_id IS NULL OR c.event_id IS NULL OR c.entry_sha256 <> l.entry_sha256
      ORDER BY issue, event_id
    `)
  ).getRowObjectsJS();
  const byIssue = new Map<string, IssueChange>();
  for (const row of rows) {
    const issue = String(row.issue);
    let change = byIssue.get(issue);
    if (!change) {
      change = { issue, added: [], removed: [], changed: [] };
      byIssue.set(issue, change);
    }
    change[row.change as 'added' | 'removed' | 'changed'].push(String(row.event_id));
  }
  return [...byIssue.values()];
}

/** How far ahead of the clock an as-of may be and still lock issues: clocks of machines differ. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Whether a build as of `asOf` is a preview: later than now, so it may lock nothing. */
export function isPreview(asOf: Date, now = new Date()): boolean {
  return asOf.getTime() > now.getTime() + CLOCK_SKEW_MS;
}

/**
 * Verifies every locked issue and locks the issues published by `asOf` that are not locked yet.
 * Throws PublishedIssueChangedError, changing nothing, if a locked issue would change. An as-of
 * later than now (a preview) locks nothing: an issue still open must stay open to its events.
 */
export async function lockPublishedIssues(
  store: EventStore,
  asOf: Date,
  now = new Date(),
): Promise<{ due: string; newlyLocked: string[]; locked: number; preview: boolean }> {
  const due = issueDueAt(asOf);
  const changes = await findChanges(store, due);
  if (changes.length > 0) throw new PublishedIssueChangedError(changes);
  const { connection } = store;
  if (isPreview(asOf, now)) {
    const total = (
      await connection.runAndReadAll('SELECT count(*)::BIGINT AS n FROM published_issues')
    ).getRowObjectsJS();
    return { due, newlyLocked: [], locked: Number(total[0]?.n), preview: true };
  }
  await connection.run('BEGIN TRANSACTION');
  try {
    const unlocked = `issue <= ${sqlString(due)} AND issue NOT IN (SELECT issue FROM published_issues)`;
    await connection.run(`
      INSERT INTO published_issue_entries SELECT issue, event_id, entry_sha256 FROM gazette_entries WHERE ${unlocked}
    `);
    const fresh = (
      await connection.runAndReadAll(`
        INSERT INTO published_issues
        SELECT issue, sha256(string_agg(event_id || ':' || entry_sha256, '\n' ORDER BY event_id)), count(*), now()
        FROM published_issue_entries WHERE ${unlocked}
        GROUP BY issue
        RETURNING issue
      `)
    ).getRowObjectsJS();
    const newlyLocked = fresh.map((r) => String(r.issue)).sort();
    const total = (
      await connection.runAndReadAll('SELECT count(*)::BIGINT AS n FROM published_issues')
    ).getRowObjectsJS();
    await connection.run('COMMIT');
    return { due, newlyLocked, locked: Number(total[0]?.n), preview: false };
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** A locked issue as the store records it: its id, the hash of its entries and how many. */
export interface LockedIssue {
  issue: string;
  sha256: string;
  entries: number;
}

/** Every issue locked in `store`, by issue; none when it lost its lock tables. */
export async function lockedIssues(store: EventStore): Promise<LockedIssue[]> {
  const tables = await store.connection.runAndReadAll(
    `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'published_issues'`,
  );
  if (tables.currentRowCount === 0) return [];
  const rows = (
    await store.connection.runAndReadAll(
      'SELECT issue, content_sha256, entries FROM published_issues ORDER BY issue',
    )
  ).getRowObjectsJS();
  return rows.map((row) => ({
    issue: String(row.issue),
    sha256: String(row.content_sha256),
    entries: Number(row.entries),
  }));
}
