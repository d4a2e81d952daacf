/**
 * What the open data page shows of a release, ready to render: the snapshot files, the latest
 * delta, the metadata files, and the data dictionary generated from the table schemas. The
 * page's words live here too, in every site language, beside the data they describe.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scaleBytes } from '../byte-units.ts';
import { issuePublicationInstant } from '../gazette/issue-week.ts';
import { formatCount, formatDate, formatInstantDate } from '../site/render/format.ts';
import { makeTranslator } from '../site/render/translator.ts';
import type { Labels, Language } from '../site/site-data.ts';
import { CodeListSchema } from '../standards/code-list-schema.ts';
import st27 from '../standards/st27.json' with { type: 'json' };
import type { DataFile, DataRelease } from './data-release.ts';
import { KNOWN_LICENSES } from './datapackage.ts';
import { columnText, DATA_TABLES } from './dataset-tables.ts';
import { dataTableOf } from './table-schema.ts';

/** The release as the build puts it beside the site data, for the data page. */
export const SITE_DATA_RELEASE_FILE = 'datasets.json';

/** The release of the site data folder, or null when the build wrote no datasets. */
export async function readDataRelease(siteDataDir: string): Promise<DataRelease | null> {
  const text = await readFile(join(siteDataDir, SITE_DATA_RELEASE_FILE), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
  return text === null ? null : (JSON.parse(text) as DataRelease);
}

export const DATA_PAGE_TEXT = {
  releaseHeading: { nb: 'Datasett', nn: 'Datasett', en: 'Datasets' },
  noRelease: {
    nb: 'Ingen datasett er publisert ennå.',
    nn: 'Ingen datasett er publiserte enno.',
    en: 'No datasets have been published yet.',
  },
  releaseSummary: {
    nb: 'Øyeblikksbilde per utgave {issue}, med hendelser fra {start} til {end}.',
    nn: 'Augneblinksbilete per utgåve {issue}, med hendingar frå {start} til {end}.',
    en: 'Snapshot as of issue {issue}, with events from {start} to {end}.',
  },
  snapshotHeading: { nb: 'Fullt øyeblikksbilde', nn: 'Fullt augneblinksbilete', en: 'Full snapshot' },
  deltaHeading: {
    nb: 'Endringer i siste utgave ({issue})',
    nn: 'Endringar i siste utgåve ({issue})',
    en: 'Changes in the latest issue ({issue})',
  },
  deltaNote: {
    nb: 'Hver utgave har sine endringer i mappen deltas/ÅÅÅÅ-UU/ ({count} utgaver); alle filene står i datapackage.json.',
    nn: 'Kvar utgåve har endringane sine i mappa deltas/ÅÅÅÅ-VV/ ({count} utgåver); alle filene står i datapackage.json.',
    en: 'Every issue has its changes in the folder deltas/YYYY-WW/ ({count} issues); datapackage.json lists every file.',
  },
  metadataHeading: { nb: 'Metadata', nn: 'Metadata', en: 'Metadata' },
  dictionaryHeading: { nb: 'Dataordbok', nn: 'Dataordbok', en: 'Data dictionary' },
  dictionaryNote: {
    nb: 'Kolonnene med koder har kodene forklart under betydningen. I tabellskjemaene (datapackage.json) står beskrivelsene på engelsk.',
    nn: 'Kolonnane med kodar har kodane forklarte under tydinga. I tabellskjemaa (datapackage.json) står skildringane på engelsk.',
    en: 'Columns that hold codes have them explained under their meaning. The table schemas (datapackage.json) describe the columns in English.',
  },
  primaryKey: { nb: 'Primærnøkkel', nn: 'Primærnøkkel', en: 'Primary key' },
  st96Note: {
    nb: 'Rettslig status for patenter finnes også som WIPO ST.96-XML (PatentLegalStatusData V6_0). For varemerker og design finnes det ikke noe ST.96-dokument for rettslig status; deres status står i tabellene.',
    nn: 'Rettsleg status for patent finst også som WIPO ST.96-XML (PatentLegalStatusData V6_0). For varemerke og design finst det ikkje noko ST.96-dokument for rettsleg status; statusen deira står i tabellane.',
    en: 'Patent legal status is also available as WIPO ST.96 XML (PatentLegalStatusData V6_0). Trademarks and designs have no ST.96 legal-status document; their status is in the tables.',
  },
  columns: {
    file: { nb: 'Fil', nn: 'Fil', en: 'File' },
    table: { nb: 'Innhold', nn: 'Innhald', en: 'Contents' },
    format: { nb: 'Format', nn: 'Format', en: 'Format' },
    rows: { nb: 'Rader', nn: 'Rader', en: 'Rows' },
    size: { nb: 'Størrelse', nn: 'Storleik', en: 'Size' },
    sha256: { nb: 'SHA-256', nn: 'SHA-256', en: 'SHA-256' },
    updated: { nb: 'Oppdatert', nn: 'Oppdatert', en: 'Updated' },
    column: { nb: 'Kolonne', nn: 'Kolonne', en: 'Column' },
    type: { nb: 'Type', nn: 'Type', en: 'Type' },
    meaning: { nb: 'Betydning', nn: 'Tyding', en: 'Meaning' },
    example: { nb: 'Eksempel', nn: 'Døme', en: 'Example' },
  },
  citeHeading: { nb: 'Slik siterer du dataene', nn: 'Slik siterer du dataa', en: 'How to cite the data' },
  citation: {
    nb: '{publisher} ({year}). Tidende: åpne data om patenter, varemerker og design, utgave {issue} [datasett]. {url}. Lisens: {licence}. Hentet [dato].',
    nn: '{publisher} ({year}). Tidende: opne data om patent, varemerke og design, utgåve {issue} [datasett]. {url}. Lisens: {licence}. Henta [dato].',
    en: '{publisher} ({year}). Tidende: open data on patents, trademarks and designs, issue {issue} [dataset]. {url}. Licence: {licence}. Retrieved [date].',
  },
  citationNote: {
    nb: 'Oppgi utgaven du brukte og datoen du hentet filene: en utgave endres aldri, men et nytt øyeblikksbilde kommer hver uke.',
    nn: 'Oppgje utgåva du brukte og datoen du henta filene: ei utgåve blir aldri endra, men eit nytt augneblinksbilete kjem kvar veke.',
    en: 'Give the issue you used and the date you downloaded the files: an issue never changes, but a new snapshot comes every week.',
  },
  licenceText: {
    nb: 'Dataene er lisensiert under',
    nn: 'Dataa er lisensierte under',
    en: 'The data is licensed under',
  },
  patentLegalStatus: {
    nb: 'Rettslig status for patenter (ST.96)',
    nn: 'Rettsleg status for patent (ST.96)',
    en: 'Patent legal status (ST.96)',
  },
} satisfies Record<string, Labels | Record<string, Labels>>;

const FORMAT_NAMES: Record<DataFile['format'], string> = {
  csv: 'CSV (gzip)',
  parquet: 'Parquet (zstd)',
  st96: 'ST.96 XML',
};

export interface FileRow {
  href: string;
  name: string;
  contents: string;
  format: string;
  rows: string;
  size: string;
  sha256: string;
  updated: string;
}

export interface DictionaryTable {
  id: string;
  name: string;
  title: string;
  description: string;
  primaryKey: string;
  columns: {
    name: string;
    type: string;
    meaning: string;
    /** What each code of a coded column means, e.g. A: Active; empty for other columns. */
    values: { code: string; label: string }[];
    example: string;
    required: boolean;
  }[];
}

export interface DataPageView {
  summary: string | null;
  /** A recommended citation of the release, and the licence as a link; null before a release. */
  citation: { text: string; note: string; licence: { href: string; title: string; intro: string } } | null;
  snapshot: FileRow[];
  delta: { heading: string; files: FileRow[]; note: string } | null;
  metadata: FileRow[];
  dictionary: DictionaryTable[];
}

/** A file size in the units a reader expects: 812 B, 4.2 kB, 31.5 MB. */
export function formatBytes(bytes: number, lang: Language): string {
  const { value, unit } = scaleBytes(bytes);
  const digits = unit === 'B' ? 0 : value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
  return `${number} ${unit}`;
}

function fill(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`);
}

function fileRow(release: DataRelease, file: DataFile, lang: Language): FileRow {
  const table = release.tables.find((t) => t.name === file.table);
  const contents = table ? table.title[lang] : DATA_PAGE_TEXT.patentLegalStatus[lang];
  const updated = file.part === 'snapshot' ? release.asOf : issuePublicationInstant(file.part).toISOString();
  return {
    href: file.path,
    name: file.path.split('/').pop() ?? file.path,
    contents,
    format: FORMAT_NAMES[file.format],
    rows: formatCount(file.rows, lang),
    size: formatBytes(file.bytes, lang),
    sha256: file.sha256,
    updated: formatInstantDate(updated, lang),
  };
}

/** Labels of the ST.27 states and stages, which ST.61 and ST.87 share. */
const ST27_CODES = CodeListSchema.parse(st27);

/** The words for the codes of a coded column, from the code list or the site's texts. */
const CODE_LABELS: Record<string, (code: string, lang: Language) => string | undefined> = {
  state: (code, lang) => ST27_CODES.states.find((s) => s.code === code)?.label[lang],
  stage: (code, lang) => ST27_CODES.stages.find((s) => s.code === code)?.label[lang],
  section: (code, lang) => siteText(`section.${code}`, lang),
  right_type: (code, lang) => siteText(`right.${code}`, lang),
  mark_feature: (code, lang) => siteText(`markFeature.${code}`, lang),
};

function siteText(key: string, lang: Language): string | undefined {
  const t = makeTranslator(lang);
  return t.has(key) ? t(key) : undefined;
}
const LABELLED_AS: Record<string, keyof typeof CODE_LABELS> = {
  previous_stage: 'stage',
  current_stage: 'stage',
};

function codeValues(
  column: string,
  codes: readonly string[] | undefined,
  lang: Language,
): { code: string; label: string }[] {
  const labelOf = CODE_LABELS[LABELLED_AS[column] ?? column];
  if (!codes || !labelOf) return [];
  return codes.map((code) => ({ code, label: labelOf(code, lang) ?? code }));
}

/** The page's view of a release; null shows that nothing is published yet. */
export function dataPageView(release: DataRelease | null, lang: Language): DataPageView {
  const text = DATA_PAGE_TEXT;
  const dictionary = DATA_TABLES.map((definition) => {
    const table = dataTableOf(definition);
    return {
      id: `table-${table.name}`,
      name: table.name,
      title: table.title[lang],
      description: table.description[lang],
      primaryKey: table.schema.primaryKey.join(', '),
      columns: table.schema.fields.map((field) => ({
        name: field.name,
        type: field.type,
        meaning: columnText(definition, field.name)?.[lang] ?? field.description,
        values: codeValues(field.name, field.constraints?.enum, lang),
        example: field.example ?? '',
        required: field.constraints?.required === true,
      })),
    };
  });
  if (!release || release.issue === null) {
    return { summary: null, citation: null, snapshot: [], delta: null, metadata: [], dictionary };
  }
  const issues = [...new Set(release.files.map((f) => f.part).filter((p) => p !== 'snapshot'))].sort();
  const latest = issues[issues.length - 1];
  const summary = fill(text.releaseSummary[lang], {
    issue: release.issue,
    start: release.temporal ? formatDate(release.temporal.start, lang) : '',
    end: release.temporal ? formatDate(release.temporal.end, lang) : '',
  });
  const byTable = (a: DataFile, b: DataFile) =>
    tableOrder(release, a.table) - tableOrder(release, b.table) || a.path.localeCompare(b.path);
  const licence = KNOWN_LICENSES[release.license];
  const licenceTitle = licence?.title ?? release.license;
  const citation = {
    text: fill(text.citation[lang], {
      publisher: release.publisher.name[lang],
      year: release.asOf.slice(0, 4),
      issue: release.issue,
      url: release.baseUrl,
      licence: licenceTitle,
    }),
    note: text.citationNote[lang],
    licence: { href: release.license, title: licenceTitle, intro: text.licenceText[lang] },
  };
  return {
    summary,
    citation,
    snapshot: release.files
      .filter((f) => f.part === 'snapshot')
      .sort(byTable)
      .map((f) => fileRow(release, f, lang)),
    delta: latest
      ? {
          heading: fill(text.deltaHeading[lang], { issue: latest }),
          files: release.files
            .filter((f) => f.part === latest)
            .sort(byTable)
            .map((f) => fileRow(release, f, lang)),
          note: fill(text.deltaNote[lang], { count: formatCount(issues.length, lang) }),
        }
      : null,
    metadata: (release.metadata ?? []).map((file) => ({
      href: file.path,
      name: file.path,
      contents: file.format,
      format: file.format,
      rows: '',
      size: formatBytes(file.bytes, lang),
      sha256: file.sha256,
      updated: formatInstantDate(release.asOf, lang),
    })),
    dictionary,
  };
}

function tableOrder(release: DataRelease, table: string): number {
  const index = release.tables.findIndex((t) => t.name === table);
  return index === -1 ? release.tables.length : index;
}
