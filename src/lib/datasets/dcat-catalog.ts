/**
 * The DCAT-AP-NO 2 catalog of a data release, for data.norge.no and other harvesters: one
 * dcat:Dataset per table and one for the ST.96 patent legal status, each with its distributions,
 * written as `catalog.ttl` (Turtle) and `catalog.jsonld` (JSON-LD), the same graph in both.
 *
 * What the DCAT-AP-NO 2.0 SHACL shapes require shapes this module:
 * - publisher, contact point, period of time, checksum and standard are typed nodes, because the
 *   shapes test them with sh:class; every node has an IRI (no blank nodes), so the two files
 *   compare triple by triple and a harvester can merge catalogs;
 * - every controlled-vocabulary value is a code of the vocabulary files in
 *   `standards/vocabularies/` (Digdir's reference data for data.norge.no), which
 *   `validate-catalog.ts` checks the catalog against: access right, frequency, file type, EU data
 *   theme, language, country and licence. The licence is NLOD 2.0 as data.norge.no names it,
 *   `licence/NLOD_2_0` (in its list of open licences, the file loaded, and in Digdir's extract of
 *   the EU licence table, 20241211-0), linked to the data.norge.no text. Parquet has no file type
 *   in those files, so a Parquet distribution states its format by its IANA media type only;
 * - every dataset has dct:language (NOB, NNO, ENG: the languages of its titles, descriptions and
 *   keywords), dct:spatial (EU country NOR: the shapes take EU country, continent, place or
 *   GeoNames), and dcat:theme from both the EU data themes (ECON, GOVE) and Los, the Norwegian
 *   public-sector themes data.norge.no files datasets under (`los/ord/patent-design-og-varemerke`,
 *   "Patent, design og varemerke", under Næringsliv);
 * - dcat:byteSize is an xsd:decimal;
 * - the checksum algorithm must be SHA-1 (spdx:checksumAlgorithm_sha1); SHA-256 would be a
 *   violation. So every distribution that is one file (each snapshot file) has the SHA-1 of that
 *   file, which the caller must give ({@link writeCatalog} reads the files for it); the SHA-256
 *   of every file is in `datapackage.json`, which each dataset links to as documentation.
 *
 * Deltas are not listed file by file (30 years of weekly issues would be some 20,000
 * distributions): each table has one distribution per format describing the weekly delta files,
 * reached from the data page.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, type Quad, Writer } from 'n3';
import { CliError } from '../cli-error.ts';
import { mondayOfIssue } from '../gazette/issue-week.ts';
import type { Labels, Language } from '../site/site-data.ts';
import type { DataFile, DataRelease, DataTable } from './data-release.ts';
import { MEDIA_TYPES } from './data-release.ts';
import {
  DATAPACKAGE_FILE,
  knownLicense,
  orderedFiles,
  resourceName,
  rfc3339,
  ST96_TABLE,
  schemaPath,
  type WrittenFile,
  writeTextFile,
} from './datapackage.ts';
import { DELETIONS_TABLE } from './dataset-tables.ts';

const { namedNode, literal, quad } = DataFactory;

export const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const EU = 'http://publications.europa.eu/resource/authority/';
const IANA = 'https://www.iana.org/assignments/media-types/';
/** WIPO's page of ST.96 V6_0, from which its XML schemas are published. */
export const ST96_STANDARD = 'https://www.wipo.int/standards/en/st96/v6-0/';
export const CATALOG_TURTLE = 'catalog.ttl';
export const CATALOG_JSONLD = 'catalog.jsonld';

const LANGUAGES: Language[] = ['nb', 'nn', 'en'];
/**
 * The EU file type of each format, from the file-type codes in `standards/vocabularies/`; null
 * where those have none (Parquet: Digdir's extract of the EU table, version 20220928-0, has no
 * Parquet entry), and the IANA media type alone says what the file is.
 */
const FILE_TYPE: Record<DataFile['format'], string | null> = { csv: 'CSV', parquet: null, st96: 'XML' };
/** dct:language of the catalog and of each dataset: the languages of their titles, descriptions and keywords. */
const METADATA_LANGUAGES = ['NOB', 'NNO', 'ENG'];
/** dcat:theme of each dataset: EU data themes, and the Los theme of patents, designs and trademarks. */
const THEMES = [
  `${EU}data-theme/ECON`,
  `${EU}data-theme/GOVE`,
  'https://psi.norge.no/los/ord/patent-design-og-varemerke',
];

type Term = ReturnType<typeof namedNode> | ReturnType<typeof literal>;
const p = (prefixed: `${keyof typeof PREFIXES}:${string}`) => {
  const [prefix, local] = prefixed.split(':') as [keyof typeof PREFIXES, string];
  return namedNode(PREFIXES[prefix] + local);
};
const iri = (value: string) => namedNode(value);
const xsd = (value: string, type: 'date' | 'dateTime' | 'decimal' | 'hexBinary') =>
  literal(value, namedNode(PREFIXES.xsd + type));

/** The graph under construction, in the order its triples are added. */
class Graph {
  readonly quads: Quad[] = [];
  add(subject: string, predicate: ReturnType<typeof namedNode>, ...objects: Term[]): void {
    for (const object of objects) this.quads.push(quad(iri(subject), predicate, object));
  }
  type(subject: string, ...types: `${keyof typeof PREFIXES}:${string}`[]): void {
    this.add(subject, namedNode(RDF_TYPE), ...types.map(p));
  }
  labels(subject: string, predicate: ReturnType<typeof namedNode>, labels: Labels): void {
    this.add(subject, predicate, ...LANGUAGES.map((lang) => literal(labels[lang], lang)));
  }
}

const map = (labels: Labels, f: (text: string, lang: Language) => string): Labels => ({
  nb: f(labels.nb, 'nb'),
  nn: f(labels.nn, 'nn'),
  en: f(labels.en, 'en'),
});

const TEXT = {
  catalogTitle: { nb: 'åpne data', nn: 'opne data', en: 'open data' },
  catalogDescription: {
    nb: 'Patenter, varemerker og design med rettslige statushendelser (WIPO ST.27, ST.61, ST.87) som åpne data: tabeller i CSV og Parquet, rettslig status for patenter i WIPO ST.96 XML, og endringene fra hver ukentlige kunngjøring.',
    nn: 'Patent, varemerke og design med rettslege statushendingar (WIPO ST.27, ST.61, ST.87) som opne data: tabellar i CSV og Parquet, rettsleg status for patent i WIPO ST.96 XML, og endringane frå kvar vekentlege kunngjering.',
    en: 'Patents, trademarks and designs with their legal-status events (WIPO ST.27, ST.61, ST.87) as open data: tables as CSV and Parquet, patent legal status as WIPO ST.96 XML, and the changes of every weekly gazette issue.',
  },
  st96Title: {
    nb: 'Rettslig status for patenter (WIPO ST.96)',
    nn: 'Rettsleg status for patent (WIPO ST.96)',
    en: 'Patent legal status (WIPO ST.96)',
  },
  st96Description: {
    nb: 'Rettslig status for patenter som WIPO ST.96 V6_0 PatentLegalStatusData (XML), med hendelser kodet etter WIPO ST.27: et øyeblikksbilde delt i filer, og endringene fra hver kunngjøring.',
    nn: 'Rettsleg status for patent som WIPO ST.96 V6_0 PatentLegalStatusData (XML), med hendingar koda etter WIPO ST.27: eit augneblinksbilete delt i filer, og endringane frå kvar kunngjering.',
    en: 'Patent legal status as WIPO ST.96 V6_0 PatentLegalStatusData (XML), events coded in WIPO ST.27: a snapshot split into files, and the changes of every gazette issue.',
  },
  snapshot: { nb: 'øyeblikksbilde', nn: 'augneblinksbilete', en: 'snapshot' },
  deltas: { nb: 'ukentlige endringer', nn: 'vekentlege endringar', en: 'weekly changes' },
  file: { nb: 'fil', nn: 'fil', en: 'file' },
  keywords: {
    nb: ['patent', 'varemerke', 'design', 'rettslig status', 'immaterielle rettigheter'],
    nn: ['patent', 'varemerke', 'design', 'rettsleg status', 'immaterielle rettar'],
    en: ['patent', 'trademark', 'design', 'legal status', 'intellectual property'],
  },
  contact: { nb: 'Kontakt', nn: 'Kontakt', en: 'Contact' },
  schemaTitle: {
    nb: 'Tabellskjema (Frictionless v2) for',
    nn: 'Tabellskjema (Frictionless v2) for',
    en: 'Table schema (Frictionless v2) of',
  },
} as const;

function deltaDescription(table: DataTable | undefined, pattern: string): Labels {
  if (!table) {
    return {
      nb: `Filer per kunngjøring, ${pattern}, med rettslig status for patentene som endret seg i den kunngjøringen. ${DATAPACKAGE_FILE} lister hver fil med størrelse og SHA-256.`,
      nn: `Filer per kunngjering, ${pattern}, med rettsleg status for patenta som endra seg i den kunngjeringa. ${DATAPACKAGE_FILE} listar kvar fil med storleik og SHA-256.`,
      en: `Files per gazette issue, ${pattern}, with the legal status of the patents that changed in that issue. ${DATAPACKAGE_FILE} lists every file with its size and SHA-256.`,
    };
  }
  const { name, replaceKey: key, replaceKeyTable: keys } = table;
  return {
    nb: `Én fil per kunngjøring, ${pattern}. Brukt i rekkefølge på et øyeblikksbilde: slett radene der ${key} finnes i endringens ${keys}-fil eller står for ${name} i endringens ${DELETIONS_TABLE}-fil, og sett inn endringens rader. ${DATAPACKAGE_FILE} lister hver fil med størrelse og SHA-256.`,
    nn: `Éi fil per kunngjering, ${pattern}. Brukt i rekkjefølgje på eit augneblinksbilete: slett radene der ${key} finst i ${keys}-fila til endringa eller står for ${name} i ${DELETIONS_TABLE}-fila til endringa, og set inn radene i endringa. ${DATAPACKAGE_FILE} listar kvar fil med storleik og SHA-256.`,
    en: `One file per gazette issue, ${pattern}. Applied in order to a snapshot: delete the rows whose ${key} is in the delta's ${keys} file or is listed for ${name} in the delta's ${DELETIONS_TABLE} file, then insert the delta's rows. ${DATAPACKAGE_FILE} lists every file with its size and SHA-256.`,
  };
}

/** The Enhetsregisteret URI of a Norwegian organisation: the publisher's IRI. */
export function publisherIri(organisationNumber: string): string {
  if (!/^\d{9}$/.test(organisationNumber)) {
    throw new CliError(`The publisher's organisation number "${organisationNumber}" is not 9 digits.`);
  }
  return `https://data.brreg.no/enhetsregisteret/api/enheter/${organisationNumber}`;
}

export interface CatalogOptions {
  /**
   * SHA-1 (hex) of files by release path, for the distributions' spdx:checksum: needed for every
   * snapshot file (each is a distribution of its own).
   */
  sha1: ReadonlyMap<string, string>;
}

/** The catalog graph of a release, as quads in a fixed order. */
export function catalogQuads(release: DataRelease, options: CatalogOptions): Quad[] {
  const { baseUrl, publisher } = release;
  if (!/^https?:\/\/.+\/$/.test(baseUrl)) {
    throw new CliError(`The data folder URL "${baseUrl}" must be an absolute http(s) URL ending in "/".`);
  }
  const g = new Graph();
  const files = orderedFiles(release);
  const licence = iri(knownLicense(release.license).euAuthority);
  const modified = xsd(rfc3339(release.asOf), 'dateTime');
  const catalog = `${baseUrl}#catalog`;
  const agent = publisherIri(publisher.organisationNumber);
  const contact = `${baseUrl}#contact-point`;
  const temporal = `${baseUrl}#temporal-coverage`;
  const datapackage = `${baseUrl}${DATAPACKAGE_FILE}`;
  // The deletions files belong to the deltas of the tables they delete from: not a dataset of their own.
  const tables = release.tables
    .filter((t) => t.replaceKey !== null)
    .map((t) => ({
      name: t.name,
      table: t as DataTable | undefined,
      title: t.title as Labels,
      description: t.description as Labels,
    }));
  if (files.some((f) => f.format === 'st96')) {
    tables.push({
      name: ST96_TABLE,
      table: undefined,
      title: TEXT.st96Title,
      description: TEXT.st96Description,
    });
  }
  const datasetIri = (name: string) => `${baseUrl}#dataset-${name}`;

  g.type(catalog, 'dcat:Catalog');
  g.add(catalog, p('dct:identifier'), literal(catalog));
  g.labels(
    catalog,
    p('dct:title'),
    map(publisher.name, (name, lang) => `${name}: ${TEXT.catalogTitle[lang]}`),
  );
  g.labels(catalog, p('dct:description'), TEXT.catalogDescription);
  g.add(catalog, p('dct:publisher'), iri(agent));
  g.add(catalog, p('dct:license'), licence);
  g.add(catalog, p('foaf:homepage'), iri(baseUrl));
  g.add(catalog, p('dct:language'), ...METADATA_LANGUAGES.map((code) => iri(`${EU}language/${code}`)));
  g.add(catalog, p('dct:modified'), modified);
  g.add(catalog, p('dcat:dataset'), ...tables.map((t) => iri(datasetIri(t.name))));

  g.type(agent, 'foaf:Agent');
  g.labels(agent, p('foaf:name'), publisher.name);
  g.add(agent, p('dct:identifier'), literal(publisher.organisationNumber));

  g.type(contact, 'vcard:Organization');
  g.labels(
    contact,
    p('vcard:fn'),
    map(publisher.name, (name, lang) => `${name}: ${TEXT.contact[lang]}`),
  );
  g.add(contact, p('vcard:hasEmail'), iri(`mailto:${publisher.email}`));
  g.add(contact, p('vcard:hasURL'), iri(publisher.homepage));

  g.type(licence.value, 'dct:LicenseDocument');
  g.add(licence.value, p('skos:exactMatch'), iri(release.license));

  if (release.temporal) {
    g.type(temporal, 'dct:PeriodOfTime');
    g.add(temporal, p('dcat:startDate'), xsd(release.temporal.start, 'date'));
    g.add(temporal, p('dcat:endDate'), xsd(release.temporal.end, 'date'));
  }

  // dct:issued: the Monday of the first issue the release has a delta of.
  const firstIssue = files.find((f) => f.part !== 'snapshot')?.part;
  const standards = new Map<string, Labels>();

  for (const { name, table, title, description } of tables) {
    const dataset = datasetIri(name);
    const own = files.filter((f) => f.table === name);
    const standard = table ? `${baseUrl}${schemaPath(name)}` : ST96_STANDARD;
    standards.set(
      standard,
      table
        ? map(title, (_, lang) => `${TEXT.schemaTitle[lang]} ${name}`)
        : {
            nb: 'WIPO ST.96 V6_0: XML-skjema for rettslig status for patenter (PatentLegalStatusData)',
            nn: 'WIPO ST.96 V6_0: XML-skjema for rettsleg status for patent (PatentLegalStatusData)',
            en: 'WIPO ST.96 V6_0: XML schema of patent legal status (PatentLegalStatusData)',
          },
    );

    g.type(dataset, 'dcat:Dataset');
    g.add(dataset, p('dct:identifier'), literal(dataset));
    g.labels(dataset, p('dct:title'), title);
    g.labels(dataset, p('dct:description'), description);
    g.add(dataset, p('dct:publisher'), iri(agent));
    g.add(dataset, p('dcat:contactPoint'), iri(contact));
    g.add(dataset, p('dct:license'), licence);
    g.add(dataset, p('dct:accessRights'), iri(`${EU}access-right/PUBLIC`));
    g.add(dataset, p('dct:language'), ...METADATA_LANGUAGES.map((code) => iri(`${EU}language/${code}`)));
    g.add(dataset, p('dcat:theme'), ...THEMES.map(iri));
    for (const lang of LANGUAGES)
      g.add(dataset, p('dcat:keyword'), ...TEXT.keywords[lang].map((k) => literal(k, lang)));
    if (release.temporal) g.add(dataset, p('dct:temporal'), iri(temporal));
    g.add(dataset, p('dct:accrualPeriodicity'), iri(`${EU}frequency/WEEKLY`));
    g.add(dataset, p('dct:spatial'), iri(`${EU}country/NOR`));
    if (firstIssue) g.add(dataset, p('dct:issued'), xsd(mondayOfIssue(firstIssue), 'date'));
    g.add(dataset, p('dct:modified'), modified);
    g.add(dataset, p('dcat:landingPage'), iri(baseUrl));
    g.add(dataset, p('foaf:page'), iri(datapackage));

    const distributions: string[] = [];
    const describe = (distribution: string, file: DataFile, titles: Labels) => {
      distributions.push(distribution);
      g.type(distribution, 'dcat:Distribution');
      g.labels(distribution, p('dct:title'), titles);
      const fileType = FILE_TYPE[file.format];
      if (fileType) g.add(distribution, p('dct:format'), iri(`${EU}file-type/${fileType}`));
      g.add(distribution, p('dcat:mediaType'), iri(IANA + MEDIA_TYPES[file.format]));
      if (file.compression === 'gzip')
        g.add(distribution, p('dcat:compressFormat'), iri(`${IANA}application/gzip`));
      g.add(distribution, p('dct:license'), licence);
      g.add(distribution, p('dct:conformsTo'), iri(standard));
    };
    const formatLabel = (file: DataFile) =>
      file.format === 'st96' ? 'ST.96 XML' : file.format === 'csv' ? 'CSV, gzip' : 'Parquet';

    for (const file of own.filter((f) => f.part === 'snapshot')) {
      const distribution = `${baseUrl}#distribution-${resourceName(file)}`;
      const url = iri(baseUrl + file.path);
      const fileNumber = (lang: Language) =>
        file.sequence === undefined ? '' : `, ${TEXT.file[lang]} ${file.sequence}`;
      describe(
        distribution,
        file,
        map(
          title,
          (text, lang) => `${text}, ${TEXT.snapshot[lang]} (${formatLabel(file)}${fileNumber(lang)})`,
        ),
      );
      g.add(distribution, p('dcat:accessURL'), url);
      g.add(distribution, p('dcat:downloadURL'), url);
      g.add(distribution, p('dcat:byteSize'), xsd(String(file.bytes), 'decimal'));
      const sha1 = options.sha1.get(file.path);
      if (sha1 === undefined || !/^[0-9a-f]{40}$/.test(sha1)) {
        throw new CliError(`The catalog needs the SHA-1 of ${file.path}, which it offers for download.`);
      }
      const checksum = `${distribution}-checksum`;
      g.add(distribution, p('spdx:checksum'), iri(checksum));
      g.type(checksum, 'spdx:Checksum');
      g.add(checksum, p('spdx:algorithm'), p('spdx:checksumAlgorithm_sha1'));
      g.add(checksum, p('spdx:checksumValue'), xsd(sha1, 'hexBinary'));
    }

    // One distribution per format for all the deltas: the first delta file stands for the pattern.
    const deltas = own.filter((f) => f.part !== 'snapshot' && (f.sequence ?? 1) === 1);
    const formats = [...new Set(deltas.map((f) => f.format))];
    for (const format of formats) {
      const file = deltas.find((f) => f.format === format) as DataFile;
      const pattern = file.path
        .replace(`deltas/${file.part}/`, 'deltas/<YYYY-WW>/')
        .replace(/-0*1(\.[a-z.]+)$/, '-NNNN$1');
      const distribution = `${baseUrl}#distribution-${name}-deltas-${format}`;
      describe(
        distribution,
        file,
        map(title, (text, lang) => `${text}, ${TEXT.deltas[lang]} (${formatLabel(file)})`),
      );
      g.labels(distribution, p('dct:description'), deltaDescription(table, pattern));
      g.add(distribution, p('dcat:accessURL'), iri(baseUrl));
      g.add(distribution, p('foaf:page'), iri(datapackage));
    }
    g.add(dataset, p('dcat:distribution'), ...distributions.map(iri));
  }

  for (const [standard, titles] of standards) {
    g.type(standard, 'dct:Standard');
    g.labels(standard, p('dct:title'), titles);
    if (standard === ST96_STANDARD) g.add(standard, p('owl:versionInfo'), literal('V6_0'));
  }
  return g.quads;
}

/** Turtle of the quads, with the catalog's prefixes. */
export function toTurtle(quads: Quad[]): string {
  const writer = new Writer({ prefixes: PREFIXES });
  writer.addQuads(quads);
  let turtle = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    turtle = result;
  });
  return turtle;
}

function compact(value: string): string {
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    const local = value.slice(namespace.length);
    if (value.startsWith(namespace) && /^[A-Za-z_][\w-]*$/.test(local)) return `${prefix}:${local}`;
  }
  return value;
}

/**
 * The quads as a compacted JSON-LD document: the prefixes as @context, one node object per
 * subject, properties as compact IRIs, node references with full IRIs. Written directly from the
 * quads (no blank nodes, no lists), so it holds exactly the graph the Turtle holds.
 */
export function toJsonLd(quads: Quad[]): Record<string, unknown> {
  const nodes = new Map<string, Map<string, unknown[]>>();
  for (const { subject, predicate, object } of quads) {
    const node = nodes.get(subject.value) ?? new Map<string, unknown[]>();
    nodes.set(subject.value, node);
    const isType = predicate.value === RDF_TYPE;
    const key = isType ? '@type' : compact(predicate.value);
    let value: unknown;
    if (isType) value = compact(object.value);
    else if (object.termType === 'NamedNode') value = { '@id': object.value };
    else if (object.termType !== 'Literal') throw new Error(`unexpected ${object.termType} in the catalog`);
    else if (object.language) value = { '@value': object.value, '@language': object.language };
    else if (object.datatype.value === `${PREFIXES.xsd}string`) value = object.value;
    else value = { '@value': object.value, '@type': compact(object.datatype.value) };
    const values = node.get(key) ?? [];
    values.push(value);
    node.set(key, values);
  }
  return {
    '@context': { ...PREFIXES },
    '@graph': [...nodes].map(([id, properties]) => ({
      '@id': id,
      ...Object.fromEntries(
        [...properties].map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
      ),
    })),
  };
}

/** The catalog of a release as Turtle and as JSON-LD. */
export function buildCatalog(
  release: DataRelease,
  options: CatalogOptions,
): { turtle: string; jsonld: Record<string, unknown> } {
  const quads = catalogQuads(release, options);
  return { turtle: toTurtle(quads), jsonld: toJsonLd(quads) };
}

async function sha1Of(path: string): Promise<string> {
  const hash = createHash('sha1');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new CliError(
      `Cannot read the data file ${path} to checksum it for the catalog: ${(error as Error).message}`,
    );
  }
  return hash.digest('hex');
}

/**
 * Writes `catalog.ttl` and `catalog.jsonld` into the data folder `dir`. Every snapshot file the
 * catalog offers for download is read from `dir` for its SHA-1 checksum.
 */
export async function writeCatalog(
  dir: string,
  release: DataRelease,
): Promise<{ turtle: WrittenFile; jsonld: WrittenFile }> {
  const sha1 = new Map<string, string>();
  for (const file of release.files.filter((f) => f.part === 'snapshot')) {
    sha1.set(file.path, await sha1Of(join(dir, file.path)));
  }
  const { turtle, jsonld } = buildCatalog(release, { sha1 });
  return {
    turtle: await writeTextFile(join(dir, CATALOG_TURTLE), turtle),
    jsonld: await writeTextFile(join(dir, CATALOG_JSONLD), `${JSON.stringify(jsonld, null, 2)}\n`),
  };
}
