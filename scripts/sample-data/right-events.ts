/**
 * Turns the plan of one right (its data and drafted life cycle) into event records in date order:
 * replays the register changes, freezes the register at each event, numbers the events and adds
 * the occasional correcting event that supersedes an earlier one.
 */
import type { EventRecordInput, RightType } from '../../src/lib/event-record.ts';
import { dayToIso } from './dates.ts';
import type { Party, Person } from './parties.ts';
import type { Random } from './random.ts';
import { RegisterState } from './register-state.ts';
import { type Draft, publicationDayFor, type Timeline } from './timeline.ts';
import { withTypo } from './titles.ts';

type Register = EventRecordInput['register'];
/** A class as written in a record. */
export type Classification = NonNullable<Register['classes']>[number];
/** A priority as written in a record. */
export type Priority = NonNullable<Register['priorities']>[number];
/** A document reference as written in a record. */
export type DocumentRef = NonNullable<EventRecordInput['documents']>[number];

/** A file to write beside the extract, at a path relative to the extract's folder. */
export interface SampleFile {
  path: string;
  content: string;
}

/** One generated event and the documents to write with it. */
export interface SampleEvent {
  record: EventRecordInput;
  /** Documents first referenced by this event, to write under the extract's folder. */
  files: SampleFile[];
}

/** A generated event with its JSON text, equal to `JSON.stringify(record)`, for writing extracts. */
export interface SampleLine extends SampleEvent {
  json: string;
}

/** Everything about one right that its events are made from. */
export interface RightPlan {
  right: RightType;
  kind: string;
  /** Right type in event ids: PT, TM or DS. */
  idPrefix: string;
  applicationNumber: string;
  title: string;
  markFeature?: NonNullable<Register['markFeature']>;
  filingDay: number;
  /** Applicants (or owners, for international registrations) at filing. */
  holders: Person[];
  holderRole: 'applicant' | 'owner';
  representative?: Person;
  /** Inventors or designers. */
  contributors: Party[];
  classes: Classification[];
  priorities: Priority[];
  documents: DocumentRef[];
  files: SampleFile[];
  timeline: Timeline;
}

/** The share of events followed by a correcting event. */
const CORRECTION_RATE = 0.01;

interface Pending extends Draft {
  /** The event this one corrects. */
  corrects?: Pending;
  /** A later event corrects this one. */
  corrected?: boolean;
  eventId?: string;
  /** The register as it should have been, kept for the correcting event. */
  trueRegister?: Register;
  trueRegisterJson?: string;
  registrationNumber?: string;
}

/**
 * The right's events up to `untilDay`, in date order, as records (one right's worth: a short array);
 * with `withJson` each is a SampleLine, its JSON text made from cached parts (ids, codes and dates
 * are generated from characters that JSON writes as they are).
 */
export function planToEvents(
  plan: RightPlan,
  random: Random,
  untilDay: number,
  withJson: boolean,
): SampleEvent[] {
  const drafts: Pending[] = plan.timeline.drafts.filter((draft) => draft.day <= untilDay);
  drafts.sort((a, b) => a.day - b.day);
  const count = drafts.length;
  for (let i = 0; i < count; i++) {
    const original = drafts[i] as Pending;
    if (!random.chance(CORRECTION_RATE)) continue;
    const day = original.day + random.int(7, 90);
    if (day > untilDay) continue;
    const correction: Pending = { code: original.code, day, corrects: original };
    original.corrected = true;
    if (original.publicationDay !== undefined) correction.publicationDay = publicationDayFor(random, day);
    if (original.effectiveDay !== undefined) correction.effectiveDay = original.effectiveDay;
    drafts.push(correction);
  }
  if (drafts.length > count) drafts.sort((a, b) => a.day - b.day);

  const state = new RegisterState(plan);
  const events: SampleEvent[] = [];
  let files = plan.files;
  const documentsJson = withJson && plan.documents.length > 0 ? JSON.stringify(plan.documents) : '';
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i] as Pending;
    const eventId = `NO-${plan.idPrefix}-${plan.applicationNumber}-${String(i + 1).padStart(4, '0')}`;
    draft.eventId = eventId;
    let register: Register;
    let registerJson = '';
    let registrationNumber: string | undefined;
    const target = draft.corrects;
    if (target?.trueRegister) {
      register = target.trueRegister;
      registerJson = target.trueRegisterJson ?? '';
      registrationNumber = target.registrationNumber;
    } else {
      state.apply(draft, random);
      register = state.register();
      if (withJson) registerJson = state.registerJson();
      registrationNumber = state.registrationNumber;
      draft.registrationNumber = registrationNumber;
    }
    // An event that a later one corrects went out with a typo; the correction carries the true text.
    if (draft.corrected) {
      draft.trueRegister = register;
      draft.trueRegisterJson = registerJson;
      register = withTypoIn(register, random);
      if (withJson) registerJson = JSON.stringify(register);
    }
    const record = {
      eventId,
      office: 'NO',
      right: plan.right,
      applicationNumber: plan.applicationNumber,
    } as EventRecordInput;
    if (registrationNumber !== undefined) record.registrationNumber = registrationNumber;
    record.nationalCode = draft.code;
    record.eventDate = dayToIso(draft.day);
    if (draft.effectiveDay !== undefined) record.effectiveDate = dayToIso(draft.effectiveDay);
    if (draft.publicationDay !== undefined) record.publicationDate = dayToIso(draft.publicationDay);
    if (target?.eventId) record.supersedes = target.eventId;
    record.register = register;
    if (plan.documents.length > 0) record.documents = plan.documents;
    const event: SampleEvent | SampleLine = withJson
      ? { record, files, json: recordJson(record, registerJson, documentsJson) }
      : { record, files };
    events.push(event);
    files = [];
  }
  return events;
}

/** Copies a register with a typo in the title or the first party's name. */
function withTypoIn(register: Register, random: Random): Register {
  const parties = register.parties ?? [];
  const first = parties[0];
  if (first && random.chance(0.4)) {
    return { ...register, parties: [{ ...first, name: withTypo(random, first.name) }, ...parties.slice(1)] };
  }
  return { ...register, title: withTypo(random, register.title) };
}

/** The record's JSON text from the text of its register and documents; other fields need no escaping. */
function recordJson(record: EventRecordInput, registerJson: string, documentsJson: string): string {
  let json = `{"eventId":"${record.eventId}","office":"${record.office}","right":"${record.right}"`;
  json += `,"applicationNumber":"${record.applicationNumber}"`;
  if (record.registrationNumber !== undefined) json += `,"registrationNumber":"${record.registrationNumber}"`;
  json += `,"nationalCode":"${record.nationalCode}","eventDate":"${record.eventDate}"`;
  if (record.effectiveDate !== undefined) json += `,"effectiveDate":"${record.effectiveDate}"`;
  if (record.publicationDate !== undefined) json += `,"publicationDate":"${record.publicationDate}"`;
  if (record.supersedes !== undefined) json += `,"supersedes":"${record.supersedes}"`;
  json += `,"register":${registerJson}`;
  if (documentsJson) json += `,"documents":${documentsJson}`;
  return `${json}}`;
}
