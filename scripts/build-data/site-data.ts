/**
 * Site data stage: exports from the store the JSON the gazette pages render (see
 * src/lib/site/site-data.ts): one file per published issue, one per right, an index of rights and
 * `site.json`. Only what is public at the as-of time goes out: issues published by then, events
 * that happened by then and are not waiting for a later issue. Rights are read a page at a time,
 * so memory does not grow with the archive.
 */
import { createHash } from 'node:crypto';
import { documentFile, documentStorePath } from '../../src/lib/documents/document-store.ts';
import { RIGHT_TYPES, type RightType } from '../../src/lib/event-record.ts';
import { issueDueAt, issuePublicationInstant, mondayOfIssue } from '../../src/lib/gazette/issue-week.ts';
import { GAZETTE_SECTIONS, type GazetteSection } from '../../src/lib/mappings/mapping-row.ts';
import { rightFile } from '../../src/lib/site/right-path.ts';
import type {
  EntryView,
  EventFieldsView,
  HistoryEventView,
  IssueData,
  IssueSummary,
  Labels,
  RegisterView,
  RightData,
  RightIndexEntry,
  SiteData,
  StandardLabels,
  WithdrawalView,
} from '../../src/lib/site/site-data.ts';
import {
  openSiteDataWriter,
  type SiteDataWriter,
  type SiteDataWriteSummary,
} from '../../src/lib/site/site-data-writer.ts';
import type { Standard } from '../../src/lib/standards/code-list-schema.ts';
import type { CodeListIndex } from '../../src/lib/standards/code-lists.ts';
import { currentStageSql } from '../../src/lib/standards/stages.ts';
import { sqlString } from '../../src/lib/store/duckdb-types.ts';
import type { EventStore } from '../../src/lib/store/event-store.ts';

/** Rights read per query. */
const RIGHTS_PAGE = 2_000;
/** Issues read per query. */
const ISSUES_PAGE = 100;

type Row = Record<string, unknown>;

export interface SiteDataSummary extends SiteDataWriteSummary {
  dueIssue: string | null;
  issues: number;
  entries: number;
  rights: number;
}

async function rows(store: EventStore, sql: string): Promise<Row[]> {
  return (await store.connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

/**
 * Rows of a query whose only column is `to_json(...)` of each row: DuckDB writes the JSON and
 * JSON.parse reads it, about three times faster than converting every value of wide rows of
 * nested registers one by one. Dates come out as `YYYY-MM-DD`, as with {@link rows}.
 */
async function jsonRows(store: EventStore, sql: string): Promise<Row[]> {
  const [column] = (await store.connection.runAndReadAll(sql)).getColumnsJson();
  return ((column ?? []) as string[]).map((json) => JSON.parse(json) as Row);
}

/** Writes JSON with a cache key: the hash of everything else in it. */
async function writeJsonWithKey<T extends object>(
  writer: SiteDataWriter,
  file: string,
  value: T,
): Promise<T & { cacheKey: string }> {
  const cacheKey = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
  const keyed = { ...value, cacheKey };
  await writer.write(file, JSON.stringify(keyed));
  return keyed;
}

function labelsOf(row: Row): Labels | null {
  return row.label_nb === null
    ? null
    : { nb: String(row.label_nb), nn: String(row.label_nn), en: String(row.label_en) };
}

function optional<T>(value: unknown): T | undefined {
  return value === null || value === undefined ? undefined : (value as T);
}

function linkTo(eventId: unknown, issue: unknown) {
  return eventId === null
    ? undefined
    : { eventId: String(eventId), issue: issue === null ? null : String(issue) };
}

/** The register frozen at an event, as pages show it. */
function registerView(row: Row): RegisterView {
  const register = row.register as Record<string, unknown>;
  const documents = (row.documents as { kind: string; href: string; mediaType: string }[]) ?? [];
  const image = documents.find((d) => d.mediaType.startsWith('image/') && !/^[a-z]+:/i.test(d.href));
  const strip = <T extends object>(items: T[]) =>
    items.map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)) as T);
  return {
    right: row.right_type as RightType,
    applicationNumber: String(row.application_number),
    registrationNumber: optional(row.registration_number),
    kind: optional(register.kind),
    title: String(register.title),
    markFeature: optional(register.markFeature),
    filingDate: optional(register.filingDate),
    registrationDate: optional(register.registrationDate),
    expiryDate: optional(register.expiryDate),
    parties: strip((register.parties as RegisterView['parties']) ?? []),
    classes: strip((register.classes as RegisterView['classes']) ?? []),
    priorities: strip((register.priorities as RegisterView['priorities']) ?? []),
    ...(image ? { image: { href: image.href, mediaType: image.mediaType } } : {}),
  };
}

function standardLabels(codes: CodeListIndex): StandardLabels {
  const byCode = (entries: { code: string; label: Labels }[]) =>
    Object.fromEntries(entries.map((e) => [e.code, e.label]));
  return {
    verified: codes.list.provenance.verified,
    states: byCode(codes.list.states),
    stages: byCode(codes.list.stages),
    categories: byCode(codes.list.categories),
    events: Object.fromEntries(
      codes.list.events.map((e) => [e.code, { en: e.label, ...codes.eventLabels[e.code] }]),
    ),
  };
}

/**
 * Collects the events public once issue `due` is out in a temporary table, with the issue of any
 * correction link, so that issues and rights are each read with one cheap query. An event is
 * public from its release (the event_release view, which the open data follows too). A suppressed
 * event stays only in an issue already locked with it (`suppressed` is true there): register
 * pages leave it out.
 */
async function stagePublicEvents(store: EventStore, due: string | null): Promise<void> {
  const dueSql = due === null ? 'NULL' : sqlString(due);
  await store.connection.run(`
    CREATE OR REPLACE TEMP TABLE public_base AS
    SELECT s.*, CASE WHEN s.issue <= ${dueSql} THEN s.issue END AS published_issue
    FROM event_status s
    WHERE s.release_issue <= ${dueSql}
      AND (NOT s.suppressed OR s.in_issue);
    CREATE OR REPLACE TEMP TABLE public_events AS
    SELECT p.*, sup.published_issue AS supersedes_issue, cor.event_id AS public_superseded_by,
      cor.published_issue AS superseded_by_issue
    FROM public_base p
    LEFT JOIN public_base sup ON sup.event_id = p.supersedes AND NOT sup.suppressed
    LEFT JOIN public_base cor ON cor.event_id = p.superseded_by AND NOT cor.suppressed;
    DROP TABLE public_base;
    CREATE OR REPLACE TEMP TABLE public_rights AS
    SELECT right_type, application_number, row_number() OVER (ORDER BY right_type, application_number) AS n
    FROM (SELECT DISTINCT right_type, application_number FROM public_events WHERE NOT suppressed);
    CREATE OR REPLACE TEMP TABLE public_withdrawals AS
    SELECT x.notice_issue, x.event_id, e.right_type, e.application_number, e.register.title AS title,
      e.register.markFeature AS mark_feature,
      strftime(e.publication_date, '%G-%V') AS issue
    FROM suppressions x JOIN events e ON e.event_id = x.event_id
    WHERE x.notice_issue <= ${dueSql};
  `);
}

/** The fields every view of an event shares. */
function eventFields(row: Row): EventFieldsView {
  return {
    eventId: String(row.event_id),
    eventDate: String(row.event_date),
    effectiveDate: optional(row.effective_date),
    nationalCode: String(row.national_code),
    nationalLabel: labelsOf(row),
    legalStatus: row.legal_status as boolean | null,
    standardEvents: (row.standard_events as EventFieldsView['standardEvents']) ?? [],
    supersedes: linkTo(row.supersedes, row.supersedes_issue),
    supersededBy: linkTo(row.public_superseded_by, row.superseded_by_issue),
  };
}

function entryView(row: Row): EntryView {
  return {
    ...registerView(row),
    ...eventFields(row),
    section: row.section as GazetteSection,
    publicationDate: String(row.publication_date),
  };
}

async function exportIssues(
  store: EventStore,
  writer: SiteDataWriter,
): Promise<{ summaries: IssueSummary[]; entries: number }> {
  const issues = (
    await rows(
      store,
      `SELECT DISTINCT issue FROM (
         SELECT published_issue AS issue FROM public_events WHERE published_issue IS NOT NULL
         UNION ALL SELECT notice_issue FROM public_withdrawals
       ) ORDER BY issue DESC`,
    )
  ).map((r) => String(r.issue));
  const sectionOrder = `list_position(${JSON.stringify(GAZETTE_SECTIONS).replaceAll('"', "'")}, p.section)`;
  const rightOrder = `list_position(${JSON.stringify(RIGHT_TYPES).replaceAll('"', "'")}, p.right_type)`;
  const summaries: IssueSummary[] = [];
  let entries = 0;
  for (let i = 0; i < issues.length; i += ISSUES_PAGE) {
    const page = issues.slice(i, i + ISSUES_PAGE);
    const found = await jsonRows(
      store,
      `SELECT to_json(p) FROM public_events p WHERE p.published_issue IN (${page.map(sqlString).join(', ')})
       ORDER BY p.published_issue DESC, ${rightOrder}, ${sectionOrder}, p.application_number, p.event_id`,
    );
    const byIssue = Map.groupBy(found, (row) => String(row.published_issue));
    const withdrawals = Map.groupBy(
      await rows(
        store,
        `SELECT * FROM public_withdrawals WHERE notice_issue IN (${page.map(sqlString).join(', ')})
         ORDER BY right_type, application_number, event_id`,
      ),
      (row) => String(row.notice_issue),
    );
    for (const issue of page) {
      const summary = await writeIssue(
        writer,
        issue,
        byIssue.get(issue) ?? [],
        (withdrawals.get(issue) ?? []).map(withdrawalView),
      );
      summaries.push(summary);
      entries += summary.entryCount;
    }
  }
  return { summaries, entries };
}

function withdrawalView(row: Row): WithdrawalView {
  return {
    eventId: String(row.event_id),
    right: row.right_type as RightType,
    applicationNumber: String(row.application_number),
    title: String(row.title),
    markFeature: optional(row.mark_feature),
    issue: row.issue === null ? null : String(row.issue),
  };
}

async function writeIssue(
  writer: SiteDataWriter,
  issue: string,
  found: Row[],
  withdrawals: WithdrawalView[],
): Promise<IssueSummary> {
  const views = found.map(entryView);
  const counts = new Map<string, IssueSummary['counts'][number]>();
  for (const view of views) {
    const key = `${view.right}/${view.section}`;
    const count = counts.get(key) ?? { right: view.right, section: view.section, entries: 0 };
    count.entries++;
    counts.set(key, count);
  }
  const [year, week] = issue.split('-').map(Number) as [number, number];
  const summary = {
    id: issue,
    year,
    week,
    monday: mondayOfIssue(issue),
    publishedAt: issuePublicationInstant(issue).toISOString(),
    entryCount: views.length + withdrawals.length,
    counts: [...counts.values()],
  };
  const written = await writeJsonWithKey<Omit<IssueData, 'cacheKey'>>(writer, `issues/${issue}.json`, {
    ...summary,
    entries: views,
    withdrawals,
  });
  return { ...summary, cacheKey: written.cacheKey };
}

function historyView(row: Row): HistoryEventView {
  const published = row.published_issue !== null;
  return {
    ...eventFields(row),
    section: row.section as GazetteSection,
    publicationDate: published ? optional(row.publication_date) : undefined,
    issue: published ? String(row.published_issue) : null,
  };
}

async function exportRights(store: EventStore, writer: SiteDataWriter): Promise<RightIndexEntry[]> {
  const index: RightIndexEntry[] = [];
  const total = Number((await rows(store, 'SELECT count(*) AS n FROM public_rights'))[0]?.n ?? 0);
  for (let from = 1; from <= total; from += RIGHTS_PAGE) {
    const page = `r.n BETWEEN ${from} AND ${from + RIGHTS_PAGE - 1}`;
    const events = await jsonRows(
      store,
      `SELECT to_json(p) FROM public_rights r
       JOIN public_events p ON p.right_type = r.right_type AND p.application_number = r.application_number
       WHERE ${page} AND NOT p.suppressed ORDER BY r.n, p.event_date, p.event_id`,
    );
    const statuses = await rows(
      store,
      // The latest public legal-status event not corrected by a public one: as right_status_as_of,
      // but an event whose gazette issue is not out yet changes no status on the page.
      `SELECT l.right_type, l.application_number, l.state,
         ${currentStageSql('l.current_stage', 'PARTITION BY l.right_type, l.application_number ORDER BY l.event_date, l.event_id, l.mapping_order')} AS stage,
         l.key_event AS last_key_event, l.status_event_code
       FROM legal_status_events l
       JOIN public_events p ON p.event_id = l.event_id AND NOT p.suppressed
       JOIN public_rights r ON r.right_type = l.right_type AND r.application_number = l.application_number
       WHERE ${page} AND l.mapped AND l.legal_status
         AND NOT EXISTS (SELECT 1 FROM public_events c WHERE c.supersedes = l.event_id AND NOT c.suppressed)
       QUALIFY row_number() OVER (
         PARTITION BY l.right_type, l.application_number
         ORDER BY l.event_date DESC, l.event_id DESC, l.mapping_order DESC
       ) = 1`,
    );
    const statusOf = new Map(statuses.map((s) => [`${s.right_type}/${s.application_number}`, s]));
    let start = 0;
    while (start < events.length) {
      const first = events[start] as Row;
      let end = start + 1;
      while (
        end < events.length &&
        (events[end] as Row).right_type === first.right_type &&
        (events[end] as Row).application_number === first.application_number
      ) {
        end++;
      }
      const history = events.slice(start, end);
      const latest = history[history.length - 1] as Row;
      const status = statusOf.get(`${first.right_type}/${first.application_number}`);
      const documents = new Map<string, { kind: string; href: string; mediaType: string }>();
      for (const event of history) {
        for (const d of (event.documents as { kind: string; href: string; mediaType: string }[]) ?? []) {
          if (!/^[a-z]+:/i.test(d.href))
            documents.set(d.href, { kind: d.kind, href: d.href, mediaType: d.mediaType });
        }
      }
      const register = registerView(latest);
      const right: Omit<RightData, 'cacheKey'> = {
        ...register,
        status: status
          ? {
              state: String(status.state),
              stage: String(status.stage),
              lastKeyEvent: String(status.last_key_event),
              statusEventCode: String(status.status_event_code),
            }
          : null,
        history: history.map(historyView),
        documents: [...documents.values()],
      };
      const written = await writeJsonWithKey(
        writer,
        rightFile(register.right, register.applicationNumber),
        right,
      );
      index.push({
        right: register.right,
        applicationNumber: register.applicationNumber,
        ...(register.registrationNumber ? { registrationNumber: register.registrationNumber } : {}),
        title: register.title,
        cacheKey: written.cacheKey,
      });
      start = end;
    }
  }
  return index;
}

/** A document the site shows: its path on the site and the file in the document store. */
export interface DocumentSource {
  href: string;
  source: string;
}

/** The documents of public events (suppressed ones aside), each once, from the document store. */
async function publicDocuments(store: EventStore): Promise<DocumentSource[]> {
  const storeDir = documentStorePath(store.path);
  const found = await rows(
    store,
    `SELECT DISTINCT d.path, d.sha256 FROM public_events p JOIN event_documents d ON d.event_id = p.event_id
     WHERE NOT p.suppressed ORDER BY d.path`,
  );
  return found.map((r) => ({ href: String(r.path), source: documentFile(storeDir, String(r.sha256)) }));
}

/**
 * Writes the site data for `asOf` into `dir`, leaving untouched the files whose content did not
 * change and removing those of rights and issues no longer exported. The folder is never a mix of
 * two exports: changed files are staged beside it and moved in once all are written (see
 * src/lib/site/site-data-writer.ts).
 */
export async function exportSiteData(
  store: EventStore,
  options: { dir: string; asOf: Date; codeLists: Record<Standard, CodeListIndex> },
): Promise<SiteDataSummary> {
  const writer = await openSiteDataWriter(options.dir);
  try {
    const dueCandidate = issueDueAt(options.asOf);
    const hasIssue = await rows(
      store,
      `SELECT 1 FROM gazette_entries WHERE issue <= ${sqlString(dueCandidate)} LIMIT 1`,
    );
    const due = hasIssue.length > 0 ? dueCandidate : null;
    await stagePublicEvents(store, due);
    const { summaries, entries } = await exportIssues(store, writer);
    const index = await exportRights(store, writer);
    await writer.write('rights-index.json', JSON.stringify(index));
    const site: SiteData = {
      asOf: options.asOf.toISOString(),
      dueIssue: summaries[0]?.id ?? null,
      issues: summaries,
      standards: Object.fromEntries(
        Object.entries(options.codeLists).map(([standard, codes]) => [standard, standardLabels(codes)]),
      ) as Record<Standard, StandardLabels>,
    };
    await writer.write('site.json', JSON.stringify(site));
    await writer.write('documents.json', JSON.stringify(await publicDocuments(store)));
    await store.connection.run(
      'DROP TABLE IF EXISTS public_events; DROP TABLE IF EXISTS public_rights; DROP TABLE IF EXISTS public_withdrawals;',
    );
    const files = await writer.commit();
    return { dueIssue: site.dueIssue, issues: summaries.length, entries, rights: index.length, ...files };
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}
