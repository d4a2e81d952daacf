/**
 * A right's key data as rows labelled with INID codes, the numbers WIPO gives bibliographic data
 * so that a reader knows a field whatever the language: ST.9 for patents, ST.60 for marks, ST.80
 * for designs. `(21)` is a patent's application number, `(210)` a mark's.
 */
import type { RightType } from '../../event-record.ts';
import { st3Name } from '../../st3-codes.ts';
import type { ClassView, Language, PartyView, PriorityView, RegisterView } from '../site-data.ts';
import { formatDate } from './format.ts';
import { verbalTitle } from './right-title.ts';
import { makeTranslator, type Translate, type UiKey } from './translator.ts';

/** One value of a row: text, with the machine-readable date when it is one. */
export interface KeyDataValue {
  text: string;
  /** `YYYY-MM-DD` for a `<time datetime>`. */
  datetime?: string;
}

/** A labelled row of key data, e.g. `(22) Filing date: 10 January 2020`. */
export interface KeyDataRow {
  /** Name of the field, stable across languages, e.g. `filingDate`. */
  field: string;
  /** INID code in brackets, e.g. `(22)`; null for a field without one. */
  inid: string | null;
  label: string;
  values: KeyDataValue[];
  /** A word on how to read the values, e.g. that goods and services are as the applicant wrote them. */
  note?: string;
}

type Field =
  | 'applicationNumber'
  | 'registrationNumber'
  | 'filingDate'
  | 'registrationDate'
  | 'expiryDate'
  | 'title'
  | 'markFeature'
  | 'kind'
  | 'applicant'
  | 'owner'
  | 'inventor'
  | 'designer'
  | 'representative'
  | 'ipc'
  | 'cpc'
  | 'nice'
  | 'vienna'
  | 'locarno'
  | 'priority';

/** Fields whose values the search indexes: what a reader searches a right by. Dates, kinds and priorities are left out. */
const SEARCHED_FIELDS: ReadonlySet<string> = new Set<Field>([
  'applicationNumber',
  'registrationNumber',
  'title',
  'applicant',
  'owner',
  'inventor',
  'designer',
  'representative',
  'ipc',
  'cpc',
  'nice',
  'vienna',
  'locarno',
]);

/** Whether the search indexes a key data field's values. */
export function isSearchedField(field: string): boolean {
  return SEARCHED_FIELDS.has(field);
}

/** The fields shown for each right type, in order, with their INID codes (null: no code). */
const LAYOUT: Record<RightType, [Field, string | null, UiKey][]> = {
  // WIPO ST.9: bibliographic data on and relating to patents.
  patent: [
    ['applicationNumber', '21', 'field.applicationNumber'],
    ['registrationNumber', '11', 'field.patentNumber'],
    ['kind', null, 'field.kind'],
    ['filingDate', '22', 'field.filingDate'],
    ['registrationDate', '45', 'field.grantDate'],
    ['expiryDate', null, 'field.expiryDate'],
    ['title', '54', 'field.title.patent'],
    ['applicant', '71', 'field.applicant'],
    ['owner', '73', 'field.proprietor'],
    ['inventor', '72', 'field.inventor'],
    ['representative', '74', 'field.representative'],
    ['ipc', '51', 'field.ipc'],
    ['cpc', null, 'field.cpc'],
    ['priority', '30', 'field.priority'],
  ],
  // WIPO ST.60: bibliographic data relating to marks.
  trademark: [
    ['applicationNumber', '210', 'field.applicationNumber'],
    ['registrationNumber', '111', 'field.registrationNumber'],
    ['kind', null, 'field.kind'],
    ['filingDate', '220', 'field.filingDate'],
    ['registrationDate', '151', 'field.registrationDate'],
    ['expiryDate', '180', 'field.expiryDate'],
    ['title', '540', 'field.title.trademark'],
    ['markFeature', '550', 'field.markFeature'],
    ['nice', '511', 'field.nice'],
    ['vienna', '531', 'field.vienna'],
    ['applicant', '731', 'field.applicant'],
    ['owner', '732', 'field.owner'],
    ['representative', '740', 'field.representative'],
    ['priority', '300', 'field.priority'],
  ],
  // WIPO ST.80: bibliographic data relating to industrial designs.
  design: [
    ['applicationNumber', '21', 'field.applicationNumber'],
    ['registrationNumber', '11', 'field.registrationNumber'],
    ['kind', null, 'field.kind'],
    ['filingDate', '22', 'field.filingDate'],
    ['registrationDate', '15', 'field.registrationDate'],
    ['expiryDate', '18', 'field.expiryDate'],
    ['title', '54', 'field.title.design'],
    ['locarno', '51', 'field.locarno'],
    ['applicant', '71', 'field.applicant'],
    ['owner', '73', 'field.owner'],
    ['designer', '72', 'field.designer'],
    ['representative', '74', 'field.representative'],
    ['priority', '30', 'field.priority'],
  ],
};

/** A party as one line: "Ærlig Øl AS, Bergen, Norge (NO)". */
export function formatParty(party: PartyView, lang: Language): string {
  const place = [party.city, `${st3Name(party.country, lang)} (${party.country})`].filter(Boolean);
  return [party.name, ...place].join(', ');
}

/** A priority claim as one line: "Sverige (SE) 2020/01234, 15. januar 2020". */
export function formatPriority(priority: PriorityView, lang: Language): string {
  return `${st3Name(priority.country, lang)} (${priority.country}) ${priority.number}, ${formatDate(priority.date, lang)}`;
}

function classValue(item: ClassView, t: Translate): KeyDataValue {
  const code = item.scheme === 'nice' ? t('field.niceClass', { code: item.code }) : item.code;
  return { text: item.terms?.length ? `${code}: ${item.terms.join('; ')}` : code };
}

function fieldValues(view: RegisterView, field: Field, t: Translate): KeyDataValue[] {
  const date = (value: string | undefined) =>
    value ? [{ text: formatDate(value, t.lang), datetime: value }] : [];
  const parties = (role: PartyView['role']) =>
    view.parties.filter((p) => p.role === role).map((p) => ({ text: formatParty(p, t.lang) }));
  switch (field) {
    case 'applicationNumber':
      return [{ text: view.applicationNumber }];
    case 'registrationNumber':
      return view.registrationNumber ? [{ text: view.registrationNumber }] : [];
    case 'kind': {
      if (!view.kind || view.kind === view.right) return [];
      const key = `kind.${view.kind}`;
      return [{ text: t.has(key) ? t(key) : view.kind }];
    }
    case 'filingDate':
    case 'registrationDate':
    case 'expiryDate':
      return date(view[field]);
    case 'title': {
      // A mark without words has no verbal element to show: its image and kind say what it is.
      const title = verbalTitle(view);
      return title === null ? [] : [{ text: title }];
    }
    case 'markFeature': {
      if (!view.markFeature) return [];
      const key = `markFeature.${view.markFeature}`;
      return [{ text: t.has(key) ? t(key) : view.markFeature }];
    }
    case 'applicant':
    case 'owner':
    case 'inventor':
    case 'designer':
    case 'representative':
      return parties(field);
    case 'ipc':
    case 'cpc':
    case 'nice':
    case 'vienna':
    case 'locarno':
      return view.classes.filter((c) => c.scheme === field).map((c) => classValue(c, t));
    case 'priority':
      return view.priorities.map((p) => ({ text: formatPriority(p, t.lang) }));
  }
}

/** The key data of a right or entry, in the order of its standard; fields without a value are left out. */
export function keyDataRows(view: RegisterView, lang: Language): KeyDataRow[] {
  const t = makeTranslator(lang);
  return LAYOUT[view.right].flatMap(([field, inid, labelKey]) => {
    const values = fieldValues(view, field, t);
    if (values.length === 0) return [];
    const row: KeyDataRow = { field, inid: inid ? `(${inid})` : null, label: t(labelKey), values };
    // Goods and services are the applicant's own words, in the language of the application: the
    // gazette does not translate them.
    if (field === 'nice' && view.classes.some((c) => c.scheme === 'nice' && c.terms?.length)) {
      row.note = t('field.termsAsFiled');
    }
    return [row];
  });
}
