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
import type { Labels } from '../site/site-data.ts';
import { STAGES, STATES } from '../standards/stages.ts';

/**
 * What each column means, in every language of the data page. The English text is also the
 * column's `description` in the table schemas and JSON Schema; Bokmål and Nynorsk are kept here.
 */
const COLUMN_TEXT = z.registry<Labels>();

function column<T extends z.ZodType>(schema: T, description: Labels, example: string): T {
  const described = schema.meta({ description: description.en, examples: [example] });
  COLUMN_TEXT.add(described, description);
  return described;
}
const text = (description: Labels, example: string) => column(z.string(), description, example);
const date = (description: Labels, example: string) => column(IsoDateSchema, description, example);
const seq = (description: Labels) => column(z.number().int().min(1), description, '1');

/** What a column of a table means, in each language; null for a column without a text. */
export function columnText(definition: TableDefinition, name: string): Labels | null {
  let schema = definition.rows.shape[name] as z.ZodType | undefined;
  while (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional)
    schema = schema.unwrap() as z.ZodType;
  return (schema && COLUMN_TEXT.get(schema)) ?? null;
}

const rightId = text(
  {
    en: 'Stable identifier of the right: office, right type and application number joined by colons.',
    nb: 'Stabil identifikator for rettigheten: kontor, rettighetstype og søknadsnummer skilt med kolon.',
    nn: 'Stabil identifikator for retten: kontor, rettstype og søknadsnummer skilde med kolon.',
  },
  'NO:patent:20231234',
);
const eventId = text(
  {
    en: "The office's unique and stable id of the event.",
    nb: 'Kontorets unike og stabile ID for hendelsen.',
    nn: 'Den unike og stabile ID-en kontoret har gjeve hendinga.',
  },
  'NO-PT-20231234-0003',
);
const issue = column(
  z.string().regex(/^\d{4}-\d{2}$/),
  {
    en: 'Gazette issue: ISO year and week (Europe/Oslo), YYYY-WW.',
    nb: 'Utgave av Tidende: ISO-år og -uke (Europe/Oslo), ÅÅÅÅ-UU.',
    nn: 'Utgåve av Tidende: ISO-år og -veke (Europe/Oslo), ÅÅÅÅ-VV.',
  },
  '2024-23',
);

export const RightRowSchema = z.strictObject({
  right_id: rightId,
  office: column(
    St3CodeSchema,
    { en: 'ST.3 code of the office.', nb: 'ST.3-koden til kontoret.', nn: 'ST.3-koden til kontoret.' },
    'NO',
  ),
  right_type: column(
    RightTypeSchema,
    {
      en: 'Kind of IP right: patent, trademark or design.',
      nb: 'Type immaterialrett: patent, varemerke eller design.',
      nn: 'Type immaterialrett: patent, varemerke eller design.',
    },
    'patent',
  ),
  application_number: text(
    {
      en: 'Application number (INID 21/210).',
      nb: 'Søknadsnummer (INID 21/210).',
      nn: 'Søknadsnummer (INID 21/210).',
    },
    '20231234',
  ),
  registration_number: text(
    {
      en: 'Patent or registration number, once granted or registered (INID 11/111).',
      nb: 'Patent- eller registreringsnummer, når rettigheten er meddelt eller registrert (INID 11/111).',
      nn: 'Patent- eller registreringsnummer, når retten er meddelt eller registrert (INID 11/111).',
    },
    '351234',
  ).nullable(),
  kind: text(
    {
      en: 'Kind of right within its type, e.g. spc, ep-validation.',
      nb: 'Slag rettighet innenfor typen, f.eks. spc (supplerende beskyttelsessertifikat), ep-validation (validert europeisk patent).',
      nn: 'Slag rett innanfor typen, t.d. spc (supplerande vernesertifikat), ep-validation (validert europeisk patent).',
    },
    'ep-validation',
  ).nullable(),
  title: text(
    {
      en: 'Title of the invention, verbal element of the mark, or product of the design.',
      nb: 'Oppfinnelsens tittel, merkets ordelement eller designens produkt.',
      nn: 'Tittelen på oppfinninga, ordelementet i merket eller produktet til designet.',
    },
    'NORDLYS',
  ),
  mark_feature: column(
    z.enum(MARK_FEATURES),
    { en: 'Trademarks: kind of mark.', nb: 'Varemerker: merketype.', nn: 'Varemerke: merketype.' },
    'combined',
  ).nullable(),
  filing_date: date(
    {
      en: 'Filing date (INID 22/220).',
      nb: 'Inngivelsesdato (INID 22/220).',
      nn: 'Inngjevingsdato (INID 22/220).',
    },
    '2023-02-01',
  ).nullable(),
  registration_date: date(
    {
      en: 'Date of grant or registration.',
      nb: 'Dato for meddelelse eller registrering.',
      nn: 'Dato for meddeling eller registrering.',
    },
    '2024-06-03',
  ).nullable(),
  expiry_date: date(
    {
      en: 'Date the right expires unless renewed.',
      nb: 'Datoen rettigheten utløper hvis den ikke fornyes.',
      nn: 'Datoen retten går ut dersom han ikkje blir fornya.',
    },
    '2043-02-01',
  ).nullable(),
  state: column(
    z.enum(STATES),
    {
      en: 'Legal state after the latest legal-status event (WIPO ST.27/ST.61/ST.87).',
      nb: 'Rettslig status etter den siste rettslige statushendelsen (WIPO ST.27/ST.61/ST.87).',
      nn: 'Rettsleg status etter den siste rettslege statushendinga (WIPO ST.27/ST.61/ST.87).',
    },
    'A',
  ).nullable(),
  stage: column(
    z.enum(STAGES),
    {
      en: "Stage after the latest legal-status event that sets one (events of ST.27 stage 0, 'unspecified', that can occur at any stage, leave it as it was).",
      nb: 'Fase etter den siste rettslige statushendelsen som setter en fase (hendelser med ST.27-fase 0, «uspesifisert», som kan skje i alle faser, lar fasen stå).',
      nn: 'Fase etter den siste rettslege statushendinga som set ein fase (hendingar med ST.27-fase 0, «uspesifisert», som kan skje i alle fasar, lèt fasen stå).',
    },
    '4',
  ).nullable(),
  last_key_event: text(
    {
      en: 'Key event code of the latest legal-status event.',
      nb: 'Hovedhendelseskoden til den siste rettslige statushendelsen.',
      nn: 'Hovudhendingskoden til den siste rettslege statushendinga.',
    },
    'F10',
  ).nullable(),
  status_event_code: text(
    {
      en: 'The latest legal-status event as state-previous stage-current stage-key event-detailed event-national code.',
      nb: 'Den siste rettslige statushendelsen som status-fase før-fase etter-hovedhendelse-detaljert hendelse-nasjonal kode.',
      nn: 'Den siste rettslege statushendinga som status-fase før-fase etter-hovudhending-detaljert hending-nasjonal kode.',
    },
    'A-2-4-F10-F11-MEDD',
  ).nullable(),
  status_date: date(
    {
      en: 'Date of the latest legal-status event.',
      nb: 'Dato for den siste rettslige statushendelsen.',
      nn: 'Dato for den siste rettslege statushendinga.',
    },
    '2024-06-03',
  ).nullable(),
  last_event_date: date(
    {
      en: 'Date of the latest event of any kind.',
      nb: 'Dato for den siste hendelsen av noe slag.',
      nn: 'Dato for den siste hendinga av noko slag.',
    },
    '2024-06-03',
  ),
  first_issue: column(
    issue.clone(),
    {
      en: 'The first gazette issue with data of this right.',
      nb: 'Den første utgaven av Tidende med opplysninger om rettigheten.',
      nn: 'Den første utgåva av Tidende med opplysningar om retten.',
    },
    '2023-09',
  ),
});

export const LegalStatusEventRowSchema = z.strictObject({
  event_id: eventId,
  standard_event_seq: seq({
    en: 'Number of the standard event within the national event (one-to-many mappings).',
    nb: 'Nummeret på standardhendelsen innenfor den nasjonale hendelsen (når én kode svarer til flere).',
    nn: 'Nummeret på standardhendinga innanfor den nasjonale hendinga (når éin kode svarar til fleire).',
  }),
  right_id: rightId,
  right_type: column(
    RightTypeSchema,
    { en: 'Kind of IP right.', nb: 'Type immaterialrett.', nn: 'Type immaterialrett.' },
    'patent',
  ),
  application_number: text(
    {
      en: 'Application number of the right.',
      nb: 'Søknadsnummeret til rettigheten.',
      nn: 'Søknadsnummeret til retten.',
    },
    '20231234',
  ),
  national_code: text(
    {
      en: "The office's national event code.",
      nb: 'Kontorets nasjonale hendelseskode.',
      nn: 'Den nasjonale hendingskoden til kontoret.',
    },
    'MEDD',
  ),
  label_en: text(
    {
      en: 'Label of the national event in English.',
      nb: 'Betegnelsen på den nasjonale hendelsen på engelsk.',
      nn: 'Nemninga på den nasjonale hendinga på engelsk.',
    },
    'Patent granted',
  ).nullable(),
  label_nb: text(
    {
      en: 'Label of the national event in Norwegian Bokmål.',
      nb: 'Betegnelsen på den nasjonale hendelsen på bokmål.',
      nn: 'Nemninga på den nasjonale hendinga på bokmål.',
    },
    'Patent meddelt',
  ).nullable(),
  event_date: date(
    { en: 'Date the event happened.', nb: 'Datoen hendelsen skjedde.', nn: 'Datoen hendinga skjedde.' },
    '2024-05-28',
  ),
  effective_date: date(
    {
      en: 'Date the event takes legal effect, if not its date.',
      nb: 'Datoen hendelsen får rettsvirkning, hvis det ikke er hendelsesdatoen.',
      nn: 'Datoen hendinga får rettsverknad, dersom det ikkje er hendingsdatoen.',
    },
    '2024-06-03',
  ).nullable(),
  publication_date: date(
    {
      en: 'Date the event was published in the gazette.',
      nb: 'Datoen hendelsen ble kunngjort i Tidende.',
      nn: 'Datoen hendinga vart kunngjord i Tidende.',
    },
    '2024-06-03',
  ).nullable(),
  issue: column(
    issue.clone(),
    {
      en: 'Gazette issue that published the event, or first included it.',
      nb: 'Utgaven av Tidende som kunngjorde hendelsen, eller først tok den med.',
      nn: 'Utgåva av Tidende som kunngjorde hendinga, eller først tok henne med.',
    },
    '2024-23',
  ),
  section: column(
    z.enum(GAZETTE_SECTIONS),
    { en: 'Gazette section.', nb: 'Del av Tidende.', nn: 'Del av Tidende.' },
    'registrations',
  ).nullable(),
  mapped: column(
    z.boolean(),
    {
      en: 'Whether the national code is mapped to a WIPO standard event.',
      nb: 'Om den nasjonale koden er knyttet til en standardhendelse fra WIPO.',
      nn: 'Om den nasjonale koden er knytt til ei standardhending frå WIPO.',
    },
    'true',
  ),
  legal_status: column(
    z.boolean(),
    {
      en: 'true for a legal-status event, false for a publication that is not one.',
      nb: 'true for en rettslig statushendelse, false for en kunngjøring som ikke er det.',
      nn: 'true for ei rettsleg statushending, false for ei kunngjering som ikkje er det.',
    },
    'true',
  ).nullable(),
  standard: column(
    z.enum(['ST.27', 'ST.61', 'ST.87']),
    {
      en: 'WIPO standard of the codes.',
      nb: 'WIPO-standarden kodene hører til.',
      nn: 'WIPO-standarden kodane høyrer til.',
    },
    'ST.27',
  ).nullable(),
  state: column(
    z.enum(STATES),
    { en: 'State after the event.', nb: 'Status etter hendelsen.', nn: 'Status etter hendinga.' },
    'A',
  ).nullable(),
  previous_stage: column(
    z.enum(STAGES),
    { en: 'Stage before the event.', nb: 'Fase før hendelsen.', nn: 'Fase før hendinga.' },
    '2',
  ).nullable(),
  current_stage: column(
    z.enum(STAGES),
    { en: 'Stage after the event.', nb: 'Fase etter hendelsen.', nn: 'Fase etter hendinga.' },
    '4',
  ).nullable(),
  key_event: text(
    { en: 'Key event code.', nb: 'Hovedhendelseskode.', nn: 'Hovudhendingskode.' },
    'F10',
  ).nullable(),
  detailed_event: text(
    { en: 'Detailed event code.', nb: 'Detaljert hendelseskode.', nn: 'Detaljert hendingskode.' },
    'F11',
  ).nullable(),
  status_event_code: text(
    {
      en: 'state-previous-current-key-detailed-national.',
      nb: 'status-fase før-fase etter-hovedhendelse-detaljert hendelse-nasjonal kode.',
      nn: 'status-fase før-fase etter-hovudhending-detaljert hending-nasjonal kode.',
    },
    'A-2-4-F10-F11-MEDD',
  ).nullable(),
  supersedes: text(
    {
      en: 'Id of the earlier event this event corrects.',
      nb: 'ID-en til den tidligere hendelsen denne hendelsen retter.',
      nn: 'ID-en til den tidlegare hendinga denne hendinga rettar.',
    },
    'NO-PT-20231234-0002',
  ).nullable(),
  superseded_by: text(
    {
      en: 'Id of the later event that corrects this one.',
      nb: 'ID-en til den senere hendelsen som retter denne.',
      nn: 'ID-en til den seinare hendinga som rettar denne.',
    },
    'NO-PT-20231234-0004',
  ).nullable(),
});

export const PartyRowSchema = z.strictObject({
  right_id: rightId,
  party_seq: seq({
    en: 'Number of the party within the right.',
    nb: 'Nummeret på parten innenfor rettigheten.',
    nn: 'Nummeret på parten innanfor retten.',
  }),
  role: column(
    z.enum(PARTY_ROLES),
    {
      en: 'What the party is to the right.',
      nb: 'Hva parten er for rettigheten.',
      nn: 'Kva parten er for retten.',
    },
    'owner',
  ),
  name: text(
    {
      en: 'Name of the person or organisation.',
      nb: 'Navnet på personen eller organisasjonen.',
      nn: 'Namnet på personen eller organisasjonen.',
    },
    'Nordfjord Bioteknikk AS',
  ),
  country: column(
    St3CodeSchema,
    {
      en: 'ST.3 code of the country of residence or business.',
      nb: 'ST.3-koden for landet der parten bor eller driver virksomhet.',
      nn: 'ST.3-koden for landet der parten bur eller driv verksemd.',
    },
    'NO',
  ),
  city: text(
    { en: 'City, if given.', nb: 'Sted, hvis oppgitt.', nn: 'Stad, dersom oppgjeven.' },
    'Bergen',
  ).nullable(),
});

export const ClassificationRowSchema = z.strictObject({
  right_id: rightId,
  class_seq: seq({
    en: 'Number of the class within the right.',
    nb: 'Nummeret på klassen innenfor rettigheten.',
    nn: 'Nummeret på klassen innanfor retten.',
  }),
  scheme: column(
    z.enum(CLASS_SCHEMES),
    { en: 'Classification scheme.', nb: 'Klassifiseringssystem.', nn: 'Klassifiseringssystem.' },
    'nice',
  ),
  code: text(
    {
      en: 'Class code as written in the scheme.',
      nb: 'Klassekoden slik systemet skriver den.',
      nn: 'Klassekoden slik systemet skriv han.',
    },
    '9',
  ),
  terms: text(
    {
      en: 'Goods, services or product terms in the class, separated by "; ".',
      nb: 'Varer, tjenester eller produkter i klassen, skilt med «; ».',
      nn: 'Varer, tenester eller produkt i klassen, skilde med «; ».',
    },
    'computer software',
  ).nullable(),
});

export const PriorityRowSchema = z.strictObject({
  right_id: rightId,
  priority_seq: seq({
    en: 'Number of the priority within the right.',
    nb: 'Nummeret på prioriteten innenfor rettigheten.',
    nn: 'Nummeret på prioriteten innanfor retten.',
  }),
  country: column(
    St3CodeSchema,
    {
      en: 'ST.3 code of the office of first filing.',
      nb: 'ST.3-koden til kontoret der søknaden først ble inngitt.',
      nn: 'ST.3-koden til kontoret der søknaden først vart levert inn.',
    },
    'SE',
  ),
  number: text(
    {
      en: 'Application number of the earlier filing.',
      nb: 'Søknadsnummeret til den tidligere søknaden.',
      nn: 'Søknadsnummeret til den tidlegare søknaden.',
    },
    '2023-01234',
  ),
  date: date(
    {
      en: 'Filing date of the earlier application.',
      nb: 'Inngivelsesdatoen til den tidligere søknaden.',
      nn: 'Inngjevingsdatoen til den tidlegare søknaden.',
    },
    '2023-05-02',
  ),
});

export const DocumentRowSchema = z.strictObject({
  event_id: eventId,
  document_seq: seq({
    en: 'Number of the document within the event.',
    nb: 'Nummeret på dokumentet innenfor hendelsen.',
    nn: 'Nummeret på dokumentet innanfor hendinga.',
  }),
  right_id: rightId,
  kind: text(
    { en: 'What the document is.', nb: 'Hva dokumentet er.', nn: 'Kva dokumentet er.' },
    'mark-image',
  ),
  media_type: text(
    { en: 'IANA media type.', nb: 'Medietype (IANA).', nn: 'Medietype (IANA).' },
    'image/svg+xml',
  ),
  url: text(
    {
      en: 'Where to get the document: its absolute URL on the gazette site.',
      nb: 'Hvor dokumentet finnes: den absolutte URL-en på nettstedet til Tidende.',
      nn: 'Kvar dokumentet finst: den absolutte URL-en på nettstaden til Tidende.',
    },
    'https://tidende.example/documents/trademark/2023/202312345-1.svg',
  ),
  sha256: column(
    z.string().regex(/^[0-9a-f]{64}$/),
    {
      en: 'SHA-256 of the document, hex.',
      nb: 'SHA-256 av dokumentet, heksadesimalt.',
      nn: 'SHA-256 av dokumentet, heksadesimalt.',
    },
    '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  ),
});

// Deletions: a delta's deletions file lists, per table, the replace-key values whose rows the issue
// removes (an event withdrawn with `tidende suppress`, noticed in that issue; a right left with no
// public event). Applying a delta deletes those rows as it deletes the rows it replaces.

/** The deletions table: only in the deltas, never in the snapshot. */
export const DELETIONS_TABLE = 'deletions';

export const DeletionRowSchema = z.strictObject({
  table_name: column(
    z.enum(['rights', 'legal_status_events', 'parties', 'classifications', 'priorities', 'documents']),
    {
      en: 'The table to delete rows from.',
      nb: 'Tabellen radene slettes fra.',
      nn: 'Tabellen radene vert sletta frå.',
    },
    'legal_status_events',
  ),
  key: text(
    {
      en: "The value of that table's replace key whose rows are deleted: right_id for rights, parties, classifications and priorities; event_id for legal_status_events and documents.",
      nb: 'Verdien av tabellens erstatningsnøkkel der radene slettes: right_id for rights, parties, classifications og priorities; event_id for legal_status_events og documents.',
      nn: 'Verdien av erstatningsnøkkelen til tabellen der radene vert sletta: right_id for rights, parties, classifications og priorities; event_id for legal_status_events og documents.',
    },
    'NO-PT-20231234-0003',
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
   * `replaceKeyTable` file or, for this table, in the delta's deletions file, then inserts the
   * delta's rows: per right for register tables, per event for event tables. Null for the
   * deletions table, which only deltas have and which is read, not replaced.
   */
  replaceKey: 'right_id' | 'event_id' | null;
  replaceKeyTable: 'rights' | 'legal_status_events' | null;
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
  {
    name: DELETIONS_TABLE,
    title: { nb: 'Slettinger', nn: 'Slettingar', en: 'Deletions' },
    description: {
      nb: 'Bare i endringsfilene: radene en utgave fjerner, per tabell og nøkkel, fra en hendelse som er trukket tilbake, eller en rettighet som ikke lenger har noen offentlig hendelse.',
      nn: 'Berre i endringsfilene: radene ei utgåve fjernar, per tabell og nøkkel, frå ei hending som er trekt tilbake, eller ein rett som ikkje lenger har noka offentleg hending.',
      en: 'Only in the deltas: the rows an issue removes, by table and key, of an event withdrawn or of a right that no longer has a public event.',
    },
    rows: DeletionRowSchema,
    primaryKey: ['table_name', 'key'],
    replaceKey: null,
    replaceKeyTable: null,
  },
];

/** Tables with rows: in the snapshot and in the deltas, replaced by key when a delta is applied. */
export const ROW_TABLES = DATA_TABLES.filter((table) => table.replaceKey !== null);
