/**
 * The data the gazette site is rendered from, as `tidende build` exports it from the store into
 * a folder of JSON files: `site.json`, `issues/<YYYY-WW>.json`, `rights/<right>/<segment>.json`
 * (the segment made from the application number by right-path.ts) and `rights-index.json`. Pages
 * only read these; everything is computed before rendering.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RightType } from '../event-record.ts';
import type { GazetteSection } from '../mappings/mapping-row.ts';
import type { Standard } from '../standards/code-list-schema.ts';
import { rightFile } from './right-path.ts';

export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The language of the site's root URLs. */
export const DEFAULT_LANGUAGE: Language = 'nb';

/** A text in every language of the site. */
export type Labels = Record<Language, string>;

/** Where the site data folder is: `TIDENDE_SITE_DATA`, else `.tidende/site-data`. */
export function siteDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TIDENDE_SITE_DATA || '.tidende/site-data';
}

export interface PartyView {
  role: 'applicant' | 'owner' | 'representative' | 'inventor' | 'designer';
  name: string;
  country: string;
  city?: string;
}

export interface ClassView {
  scheme: 'nice' | 'locarno' | 'ipc' | 'cpc' | 'vienna';
  code: string;
  terms?: string[];
}

export interface PriorityView {
  country: string;
  number: string;
  date: string;
}

/** One standard event a national event maps to (several for a one-to-many code). */
export interface StandardEventView {
  standard: Standard;
  keyEvent: string;
  detailedEvent: string;
  state: string;
  previousStage: string;
  currentStage: string;
  /** e.g. `N-4-6-H10-H13-MM1K`. */
  statusEventCode: string;
}

/** A link to another event: the one a correction corrects, or the correction of an event. */
export interface EventLink {
  eventId: string;
  /** The issue it was published in, or null when it was not published in the gazette. */
  issue: string | null;
}

/** The register data of a right as frozen at one event. */
export interface RegisterView {
  right: RightType;
  applicationNumber: string;
  registrationNumber?: string;
  kind?: string;
  title: string;
  markFeature?: string;
  filingDate?: string;
  registrationDate?: string;
  expiryDate?: string;
  parties: PartyView[];
  classes: ClassView[];
  priorities: PriorityView[];
  /** The first image among the documents (mark image or design view), if any. */
  image?: { href: string; mediaType: string };
}

/** What every view of an event shows: when it happened, what it was and its legal status. */
export interface EventFieldsView {
  eventId: string;
  eventDate: string;
  effectiveDate?: string;
  nationalCode: string;
  /** Label of the national event; null for an event whose code is not mapped. */
  nationalLabel: Labels | null;
  /** False for a publication that is not a legal-status event; null when unmapped. */
  legalStatus: boolean | null;
  standardEvents: StandardEventView[];
  supersedes?: EventLink;
  supersededBy?: EventLink;
}

/** One entry of a gazette issue: a published event with the right's data as of that event. */
export interface EntryView extends RegisterView, EventFieldsView {
  section: GazetteSection;
  publicationDate: string;
}

/** An issue as listed on the home page and in the archive. */
export interface IssueSummary {
  /** `YYYY-WW`. */
  id: string;
  year: number;
  week: number;
  /** The Monday of the week, `YYYY-MM-DD`. */
  monday: string;
  /** Publication instant, ISO 8601 UTC (Monday 00:01 Europe/Oslo). */
  publishedAt: string;
  /** Number of entries in the issue. */
  entryCount: number;
  /** Entry counts per right type and section, in section order. */
  counts: { right: RightType; section: GazetteSection; entries: number }[];
  /** Changes whenever what the issue page shows changes. */
  cacheKey: string;
}

export interface IssueData extends IssueSummary {
  /** Ordered by right type, section, application number, event. */
  entries: EntryView[];
  /** Announcements taken back (tidende suppress) since the previous issue, by application number. */
  withdrawals: WithdrawalView[];
}

/** A withdrawal notice: an announcement of an earlier issue (or a register event) taken back. */
export interface WithdrawalView {
  eventId: string;
  right: RightType;
  applicationNumber: string;
  title: string;
  markFeature?: string;
  /** The issue that published the withdrawn announcement; null for an event not in the gazette. */
  issue: string | null;
}

/** One event in a right's legal-status history. */
export interface HistoryEventView extends EventFieldsView {
  /**
   * The gazette section the event belongs in (a correction's is `corrections`), as its entry in
   * an issue shows it; set also for events not in the gazette.
   */
  section: GazetteSection;
  publicationDate?: string;
  issue: string | null;
}

export interface RightData extends RegisterView {
  /** The right's legal status at the build's as-of time; null if no legal-status event yet. */
  status: { state: string; stage: string; lastKeyEvent: string; statusEventCode: string } | null;
  /** Every event, oldest first. */
  history: HistoryEventView[];
  documents: { kind: string; href: string; mediaType: string }[];
  cacheKey: string;
}

/** A right as listed for page generation and number search. */
export interface RightIndexEntry {
  right: RightType;
  applicationNumber: string;
  registrationNumber?: string;
  title: string;
  cacheKey: string;
}

/** An event's label; a language without one is shown in English. */
export type EventLabel = Pick<Labels, 'en'> & Partial<Labels>;

/** Labels of a standard's codes, for display. */
export interface StandardLabels {
  verified: boolean;
  states: Record<string, Labels>;
  stages: Record<string, Labels>;
  categories: Record<string, Labels>;
  /** Each event code's label: English from the code list; nb and nn where the labels file has them. */
  events: Record<string, EventLabel>;
}

export interface SiteData {
  /** The build's as-of instant, ISO 8601. */
  asOf: string;
  /** The latest published issue at as-of, or null before the first. */
  dueIssue: string | null;
  /** Published issues, newest first. */
  issues: IssueSummary[];
  standards: Record<Standard, StandardLabels>;
}

async function readJson<T>(dir: string, file: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
}

/** Readers of the site data folder, for pages. */
export function siteDataReader(dir = siteDataDir()) {
  return {
    site: () => readJson<SiteData>(dir, 'site.json'),
    issue: (id: string) => readJson<IssueData>(dir, join('issues', `${id}.json`)),
    right: (right: RightType, applicationNumber: string) =>
      readJson<RightData>(dir, rightFile(right, applicationNumber)),
    rightsIndex: () => readJson<RightIndexEntry[]>(dir, 'rights-index.json'),
  };
}
