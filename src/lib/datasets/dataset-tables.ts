/**
 * The tables of the open datasets, one zod schema per table's rows. These schemas are the one
 * description of the published data: the Frictionless table schemas, the DuckDB column types the
 * files are written with and the data dictionary on the data page are all generated from them.
 */
import { z } from 'zod';
import {
  CLASS_SCHEMES,
  IsoDateSchema,
  MARK_FEATURES,
  PARTY_ROLES,
  RightTypeSchema,
  St3CodeSchema,
} from '../event-record.ts';
import { GAZETTE_SECTIONS } from '../mappings/mapping-row.ts';
import { STAGES, STATES } from '../standards/stages.ts';
import type { Labels } from '../site/site-data.ts';

function column<T extends z.ZodType>(schema: T, description: string, example: string) {
  return schema.meta({ description, examples: [example] });
}
const text = (description: string, example: string) => column(z.string(), description, example);
const date = (description: string, example: string) => column(IsoDateSchema, description, example);
const seq = (description: string) => column(z.number().int().min(1), description, '1');

const rightId = text(
  'Stable identifier of the right: office, right type and application number joined by colons.',
  'NO:patent:20231234',
);
const eventId = text("The office's unique and stable id of the event.", 'NO-PT-20231234-0003');
const issue = column(
  z.string().regex(/^\d{4}-\d{2}$/),
  'Gazette issue: ISO year and week (Europe/Oslo), YYYY-WW.',
  '2024-23',
);

export const RightRowSchema = z.strictObject({
  right_id: rightId,
  office: column(St3CodeSchema, 'ST.3 code of the office.', 'NO'),
  right_type: column(RightTypeSchema, 'Kind of IP right: patent, trademark or design.', 'patent'),
  application_number: text('Application number (INID 21/210).', '20231234'),
  registration_number: text(
    'Patent or registration number, once granted or registered (INID 11/111).',
    '351234',
  ).nullable(),
  kind: text('Kind of right within its type, e.g. spc, ep-validation.', 'ep-validation').nullable(),
  title: text('Title of the invention, verbal element of the mark, or product of the design.', 'NORDLYS'),
  mark_feature: column(z.enum(MARK_FEATURES), 'Trademarks: kind of mark.', 'combined').nullable(),
  filing_date: date('Filing date (INID 22/220).', '2023-02-01').nullable(),
  registration_date: date('Date of grant or registration.', '2024-06-03').nullable(),
  expiry_date: date('Date the right expires unless renewed.', '2043-02-01').nullable(),
  state: column(
    z.enum(STATES),
    'Legal state after the latest legal-status event (WIPO ST.27/ST.61/ST.87).',
    'A',
  ).nullable(),
  stage: column(
    z.enum(STAGES),
    "Stage after the latest legal-status event that sets one (events of ST.27 stage 0, 'unspecified', that can occur at any stage, leave it as it was).",
    '4',
  ).nullable(),
  last_key_event: text('Key event code of the latest legal-status event.', 'F10').nullable(),
  status_event_code: text(
    'The latest legal-status event as state-previous stage-current stage-key event-detailed event-national code.',
    'A-2-4-F10-F11-MEDD',
  ).nullable(),
  status_date: date('Date of the latest legal-status event.', '2024-06-03').nullable(),
  last_event_date: date('Date of the latest event of any kind.', '2024-06-03'),
  first_issue: column(issue.clone(), 'The first gazette issue with data of this right.', '2023-09'),
});

export const LegalStatusEventRowSchema = z.strictObject({
  event_id: eventId,
  standard_event_seq: seq('Number of the standard event within the national event (one-to-many mappings).'),
  right_id: rightId,
  right_type: column(RightTypeSchema, 'Kind of IP right.', 'patent'),
  application_number: text('Application number of the right.', '20231234'),
  national_code: text("The office's national event code.", 'MEDD'),
  label_en: text('Label of the national event in English.', 'Patent granted').nullable(),
  label_nb: text('Label of the national event in Norwegian Bokmål.', 'Patent meddelt').nullable(),
  event_date: date('Date the event happened.', '2024-05-28'),
  effective_date: date('Date the event takes legal effect, if not its date.', '2024-06-03').nullable(),
  publication_date: date('Date the event was published in the gazette.', '2024-06-03').nullable(),
  issue: column(issue.clone(), 'Gazette issue that published the event, or first included it.', '2024-23'),
  section: column(z.enum(GAZETTE_SECTIONS), 'Gazette section.', 'registrations').nullable(),
  mapped: column(z.boolean(), 'Whether the national code is mapped to a WIPO standard event.', 'true'),
  legal_status: column(
    z.boolean(),
    'true for a legal-status event, false for a publication that is not one.',
    'true',
  ).nullable(),
  standard: column(z.enum(['ST.27', 'ST.61', 'ST.87']), 'WIPO standard of the codes.', 'ST.27').nullable(),
  state: column(z.enum(STATES), 'State after the event.', 'A').nullable(),
  previous_stage: column(z.enum(STAGES), 'Stage before the event.', '2').nullable(),
  current_stage: column(z.enum(STAGES), 'Stage after the event.', '4').nullable(),
  key_event: text('Key event code.', 'F10').nullable(),
  detailed_event: text('Detailed event code.', 'F11').nullable(),
  status_event_code: text('state-previous-current-key-detailed-national.', 'A-2-4-F10-F11-MEDD').nullable(),
  supersedes: text('Id of the earlier event this event corrects.', 'NO-PT-20231234-0002').nullable(),
  superseded_by: text('Id of the later event that corrects this one.', 'NO-PT-20231234-0004').nullable(),
});

export const PartyRowSchema = z.strictObject({
  right_id: rightId,
  party_seq: seq('Number of the party within the right.'),
  role: column(z.enum(PARTY_ROLES), 'What the party is to the right.', 'owner'),
  name: text('Name of the person or organisation.', 'Nordfjord Bioteknikk AS'),
  country: column(St3CodeSchema, 'ST.3 code of the country of residence or business.', 'NO'),
  city: text('City, if given.', 'Bergen').nullable(),
});

export const ClassificationRowSchema = z.strictObject({
  right_id: rightId,
  class_seq: seq('Number of the class within the right.'),
  scheme: column(z.enum(CLASS_SCHEMES), 'Classification scheme.', 'nice'),
  code: text('Class code as written in the scheme.', '9'),
  terms: text(
    'Goods, services or product terms in the class, separated by "; ".',
    'computer software',
  ).nullable(),
});

export const PriorityRowSchema = z.strictObject({
  right_id: rightId,
  priority_seq: seq('Number of the priority within the right.'),
  country: column(St3CodeSchema, 'ST.3 code of the office of first filing.', 'SE'),
  number: text('Application number of the earlier filing.', '2023-01234'),
  date: date('Filing date of the earlier application.', '2023-05-02'),
});

export const DocumentRowSchema = z.strictObject({
  event_id: eventId,
  document_seq: seq('Number of the document within the event.'),
  right_id: rightId,
  kind: text('What the document is.', 'mark-image'),
  media_type: text('IANA media type.', 'image/svg+xml'),
  url: text(
    'Where to get the document: its absolute URL on the gazette site.',
    'https://tidende.example/documents/trademark/2023/202312345-1.svg',
  ),
  sha256: column(
    z.string().regex(/^[0-9a-f]{64}$/),
    'SHA-256 of the document, hex.',
    '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  ),
});

/** How a table's rows are identified and replaced when a delta is applied. */
export interface TableDefinition {
  name: string;
  title: Labels;
  description: Labels;
  rows: z.ZodObject;
  primaryKey: string[];
  /**
   * Applying a delta deletes the rows whose `replaceKey` value is listed in the delta's
   * `replaceKeyTable` file, then inserts the delta's rows: per right for register tables, per
   * event for event tables.
   */
  replaceKey: 'right_id' | 'event_id';
  replaceKeyTable: 'rights' | 'legal_status_events';
}

export const DATA_TABLES: TableDefinition[] = [
  {
    name: 'rights',
    title: { nb: 'Rettigheter', nn: 'Rettar', en: 'Rights' },
    description: {
      nb: 'Én rad per rettighet: gjeldende nøkkeldata og rettslig status.',
      nn: 'Éi rad per rett: gjeldande nøkkeldata og rettsleg status.',
      en: 'One row per right: current key data and legal status.',
    },
    rows: RightRowSchema,
    primaryKey: ['right_id'],
    replaceKey: 'right_id',
    replaceKeyTable: 'rights',
  },
  {
    name: 'legal_status_events',
    title: { nb: 'Rettslige statushendelser', nn: 'Rettslege statushendingar', en: 'Legal-status events' },
    description: {
      nb: 'Én rad per hendelse og standardhendelse (WIPO ST.27, ST.61, ST.87), med nasjonal kode og kunngjøring.',
      nn: 'Éi rad per hending og standardhending (WIPO ST.27, ST.61, ST.87), med nasjonal kode og kunngjering.',
      en: 'One row per event and standard event (WIPO ST.27, ST.61, ST.87), with national code and publication.',
    },
    rows: LegalStatusEventRowSchema,
    primaryKey: ['event_id', 'standard_event_seq'],
    replaceKey: 'event_id',
    replaceKeyTable: 'legal_status_events',
  },
  {
    name: 'parties',
    title: { nb: 'Parter', nn: 'Partar', en: 'Parties' },
    description: {
      nb: 'Søkere, innehavere, fullmektiger, oppfinnere og designere per rettighet.',
      nn: 'Søkjarar, innehavarar, fullmektigar, oppfinnarar og designarar per rett.',
      en: 'Applicants, owners, representatives, inventors and designers of each right.',
    },
    rows: PartyRowSchema,
    primaryKey: ['right_id', 'party_seq'],
    replaceKey: 'right_id',
    replaceKeyTable: 'rights',
  },
  {
    name: 'classifications',
    title: { nb: 'Klassifisering', nn: 'Klassifisering', en: 'Classifications' },
    description: {
      nb: 'Klasser per rettighet (Nice, Locarno, IPC, CPC, Wien).',
      nn: 'Klassar per rett (Nice, Locarno, IPC, CPC, Wien).',
      en: 'Classes of each right (Nice, Locarno, IPC, CPC, Vienna).',
    },
    rows: ClassificationRowSchema,
    primaryKey: ['right_id', 'class_seq'],
    replaceKey: 'right_id',
    replaceKeyTable: 'rights',
  },
  {
    name: 'priorities',
    title: { nb: 'Prioriteter', nn: 'Prioritetar', en: 'Priorities' },
    description: {
      nb: 'Prioriteter krevd per rettighet.',
      nn: 'Prioritetar kravde per rett.',
      en: 'Priorities claimed for each right.',
    },
    rows: PriorityRowSchema,
    primaryKey: ['right_id', 'priority_seq'],
    replaceKey: 'right_id',
    replaceKeyTable: 'rights',
  },
  {
    name: 'documents',
    title: { nb: 'Dokumenter', nn: 'Dokument', en: 'Documents' },
    description: {
      nb: 'Dokumenter og bilder per hendelse.',
      nn: 'Dokument og bilete per hending.',
      en: 'Documents and images of each event.',
    },
    rows: DocumentRowSchema,
    primaryKey: ['event_id', 'document_seq'],
    replaceKey: 'event_id',
    replaceKeyTable: 'legal_status_events',
  },
];
