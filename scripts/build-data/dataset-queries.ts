/**
 * The SQL that derives each open-data table from the store. Every query reads a table of pairs
 * (a right or an event, and the issue `as_issue` to describe it as of) and gives the rows of that
 * right or event as they stood once that issue was out. The snapshot asks for every right and event
 * as of the latest issue; the deltas ask, for every issue, for what that issue touched. One query
 * serves both, so applying the deltas in order gives the snapshot by construction.
 *
 * Staged beforehand (see datasets.ts): `data_events`, one row per public event with `right_id`
 * and `data_issue` (the issue that published it, or for an event not for the gazette, the first
 * issue after its date); `right_pairs(right_id, as_issue)` and `event_pairs(event_id, as_issue)`;
 * `withdrawal_pairs(event_id, right_id, supersedes, as_issue)`, the events suppressed after they
 * were public, each with the issue that carries its notice of withdrawal (none for the snapshot).
 *
 * Rows leave the data only by suppression: the deletions of a delta are the withdrawn events of
 * its issue, and their rights when no public event of the right is left by then. A right that is
 * left, and the event a withdrawn correction had superseded, are among the pairs of that issue, so
 * its delta sends them again as they now stand.
 */
import { DATA_TABLES, DELETIONS_TABLE, type TableDefinition } from '../../src/lib/datasets/dataset-tables.ts';
import { duckDbColumnsOf } from '../../src/lib/datasets/table-schema.ts';
import { currentStageSql } from '../../src/lib/standards/stages.ts';
import { quoteIdentifier, sqlString } from '../../src/lib/store/duckdb-types.ts';

/** Events of each pair's right that were out by its issue, newest first per pair. */
const RIGHT_EVENTS = `
  SELECT p.as_issue, e.* FROM right_pairs p
  JOIN data_events e ON e.right_id = p.right_id AND e.data_issue <= p.as_issue`;

/** The register as the latest event out by the issue froze it. */
const LATEST_REGISTER = `
  SELECT * FROM (${RIGHT_EVENTS})
  QUALIFY row_number() OVER (PARTITION BY right_id, as_issue ORDER BY event_date DESC, event_id DESC) = 1`;

/**
 * A right's legal status by the issue: its latest legal-status event no correction then out
 * supersedes, and the stage of the latest such event that sets one.
 */
const RIGHT_STATUS = `
  SELECT p.right_id, p.as_issue, l.state,
    ${currentStageSql('l.current_stage', 'PARTITION BY p.right_id, p.as_issue ORDER BY l.event_date, l.event_id, l.mapping_order')} AS stage,
    l.key_event, l.status_event_code,
    l.event_date
  FROM right_pairs p
  JOIN data_standard_events l ON l.right_id = p.right_id AND l.data_issue <= p.as_issue
  WHERE l.legal_status AND (l.superseded_in IS NULL OR l.superseded_in > p.as_issue)
  QUALIFY row_number() OVER (
    PARTITION BY p.right_id, p.as_issue ORDER BY l.event_date DESC, l.event_id DESC, l.mapping_order DESC
  ) = 1`;

function rightsQuery(): string {
  return `
    WITH latest AS (${LATEST_REGISTER}), status AS (${RIGHT_STATUS}),
    firsts AS (SELECT right_id, min(data_issue) AS first_issue FROM data_events GROUP BY right_id)
    SELECT latest.as_issue, latest.right_id, latest.office, latest.right_type, latest.application_number,
      latest.registration_number, latest.register.kind AS kind, latest.register.title AS title,
      latest.register.markFeature AS mark_feature, latest.register.filingDate AS filing_date,
      latest.register.registrationDate AS registration_date, latest.register.expiryDate AS expiry_date,
      status.state, status.stage, status.key_event AS last_key_event, status.status_event_code,
      status.event_date AS status_date, latest.event_date AS last_event_date, firsts.first_issue
    FROM latest
    LEFT JOIN status ON status.right_id = latest.right_id AND status.as_issue = latest.as_issue
    JOIN firsts ON firsts.right_id = latest.right_id`;
}

function legalStatusEventsQuery(): string {
  return `
    SELECT p.as_issue, e.event_id,
      row_number() OVER (PARTITION BY p.as_issue, e.event_id ORDER BY l.mapping_order NULLS FIRST)
        AS standard_event_seq,
      e.right_id, e.right_type, e.application_number, e.national_code, l.label_en, l.label_nb,
      e.event_date, e.effective_date, e.publication_date, e.data_issue AS issue, e.section,
      l.mapped, l.legal_status, l.standard, l.state, l.previous_stage, l.current_stage, l.key_event,
      l.detailed_event, CASE WHEN l.mapped THEN l.status_event_code END AS status_event_code,
      e.supersedes,
      (SELECT arg_max(c.event_id, (c.event_date, c.event_id)) FROM data_events c
       WHERE c.supersedes = e.event_id AND c.data_issue <= p.as_issue) AS superseded_by
    FROM event_pairs p
    JOIN data_events e ON e.event_id = p.event_id AND e.data_issue <= p.as_issue
    JOIN legal_status_events l ON l.event_id = e.event_id`;
}

/** Rows of one list of the register (parties, classes, priorities) of each pair's right. */
function registerListQuery(list: string, seq: string, fields: string): string {
  return `
    SELECT as_issue, right_id, ${seq}, ${fields} FROM (
      SELECT as_issue, right_id, unnest(register.${list}) AS item,
        generate_subscripts(register.${list}, 1) AS ${seq}
      FROM (${LATEST_REGISTER})
    )`;
}

function documentsQuery(siteUrl: string): string {
  const base = sqlString(siteUrl.replace(/\/+$/, ''));
  return `
    SELECT as_issue, event_id, document_seq, right_id, d.kind, d.mediaType AS media_type,
      CASE WHEN regexp_matches(d.href, '^[a-zA-Z][a-zA-Z0-9+.-]*:') THEN d.href
        ELSE ${base} || '/' || ltrim(d.href, '/') END AS url,
      d.sha256
    FROM (
      SELECT p.as_issue, e.event_id, e.right_id, unnest(e.documents) AS d,
        generate_subscripts(e.documents, 1) AS document_seq
      FROM event_pairs p JOIN data_events e ON e.event_id = p.event_id AND e.data_issue <= p.as_issue
    )`;
}

/** The tables whose replace key is `key`, as an SQL list of names. */
function tablesKeyedBy(key: 'right_id' | 'event_id'): string {
  const names = DATA_TABLES.filter((t) => t.replaceKey === key).map((t) => `(${sqlString(t.name)})`);
  return `(VALUES ${names.join(', ')}) t(table_name)`;
}

/**
 * Per withdrawal, the key of the event in every table replaced by event, and, when no public event
 * of its right is out by the notice's issue, the key of the right in every table replaced by right.
 */
function deletionsQuery(): string {
  return `
    SELECT DISTINCT as_issue, table_name, key FROM (
      SELECT w.as_issue, t.table_name, w.event_id AS key FROM withdrawal_pairs w, ${tablesKeyedBy('event_id')}
      UNION ALL
      SELECT w.as_issue, t.table_name, w.right_id AS key FROM withdrawal_pairs w, ${tablesKeyedBy('right_id')}
      WHERE NOT EXISTS (SELECT 1 FROM data_events e WHERE e.right_id = w.right_id AND e.data_issue <= w.as_issue)
    )`;
}

/** The query giving `as_issue` and the table's columns, cast to their published types. */
export function tableQuery(table: TableDefinition, siteUrl: string): string {
  const source = {
    rights: rightsQuery,
    legal_status_events: legalStatusEventsQuery,
    parties: () => registerListQuery('parties', 'party_seq', 'item.role, item.name, item.country, item.city'),
    classifications: () =>
      registerListQuery(
        'classes',
        'class_seq',
        `item.scheme, item.code, CASE WHEN len(item.terms) > 0 THEN array_to_string(item.terms, '; ') END AS terms`,
      ),
    priorities: () => registerListQuery('priorities', 'priority_seq', 'item.country, item.number, item.date'),
    documents: () => documentsQuery(siteUrl),
    [DELETIONS_TABLE]: deletionsQuery,
  }[table.name];
  if (!source) throw new Error(`no query for table ${table.name}`);
  const columns = duckDbColumnsOf(table).map(
    ({ name, type }) => `CAST(${quoteIdentifier(name)} AS ${type}) AS ${quoteIdentifier(name)}`,
  );
  const order = table.primaryKey.map(quoteIdentifier).join(', ');
  return `SELECT as_issue, ${columns.join(', ')} FROM (${source()}) ORDER BY as_issue, ${order}`;
}
