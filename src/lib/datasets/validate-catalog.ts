/**
 * Validates a DCAT-AP-NO catalog (Turtle) with the DCAT-AP-NO 2.0 SHACL shapes, as Digdir's
 * validator does: for the tests, and for publish, which refuses a catalog with violations.
 *
 * The shapes check that controlled-vocabulary values are in their EU authority table by looking
 * for `skos:inScheme` of the value in the data graph. Digdir's validator gets those triples by
 * fetching each value's IRI; this module runs offline, so it adds them from an excerpt of the
 * tables, `EU_VOCABULARIES`. A code missing from the excerpt is reported as a violation, as an
 * unknown code is there.
 *
 * `ontologies.ttl`, which comes with the shapes, is not loaded: it holds only owl:imports of
 * remote ontologies and code lists (what the excerpt stands in for), no class hierarchy, and the
 * catalog states every class the shapes test with sh:class directly.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import rdf from '@zazuko/env-node';
import { DataFactory, Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { CliError } from '../cli-error.ts';

export const DCAT_AP_NO_SHAPES_FILE = 'DCAT-AP-NO-shacl_shapes_2.00.ttl';

const EU = 'http://publications.europa.eu/resource/authority/';
const SKOS_IN_SCHEME = 'http://www.w3.org/2004/02/skos/core#inScheme';

/**
 * Codes of the EU Publications Office authority tables the catalog may use: a subset of each
 * table, of codes that exist there. Add a code when the catalog starts using one.
 */
export const EU_VOCABULARIES: Readonly<Record<string, readonly string[]>> = {
  'access-right': ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'],
  country: ['NOR'],
  'data-theme': [
    'AGRI',
    'ECON',
    'EDUC',
    'ENER',
    'ENVI',
    'GOVE',
    'HEAL',
    'INTR',
    'JUST',
    'OP_DATPRO',
    'REGI',
    'SOCI',
    'TECH',
    'TRAN',
  ],
  'file-type': ['CSV', 'GZIP', 'JSON', 'JSON_LD', 'PARQUET', 'RDF_TURTLE', 'XML', 'ZIP'],
  frequency: ['ANNUAL', 'CONT', 'DAILY', 'IRREG', 'MONTHLY', 'QUARTERLY', 'WEEKLY'],
  language: ['ENG', 'NNO', 'NOB', 'NOR'],
  licence: ['CC0', 'CC_BY_4_0', 'NLOD_1_0', 'NLOD_2_0'],
};

function vocabularyQuads(): Quad[] {
  const { namedNode, quad } = DataFactory;
  return Object.entries(EU_VOCABULARIES).flatMap(([table, codes]) =>
    codes.map((code) =>
      quad(namedNode(`${EU}${table}/${code}`), namedNode(SKOS_IN_SCHEME), namedNode(`${EU}${table}`)),
    ),
  );
}

export interface CatalogViolation {
  focusNode: string;
  /** The property path, when the result is about one property. */
  path: string | null;
  message: string;
  severity: 'Violation' | 'Warning' | 'Info';
}

export interface CatalogValidation {
  /** No result of severity Violation (warnings and infos do not fail a catalog). */
  conforms: boolean;
  /** Every result, of any severity. */
  violations: CatalogViolation[];
}

function parseTurtle(text: string, what: string): Quad[] {
  try {
    return new Parser({ format: 'text/turtle' }).parse(text);
  } catch (error) {
    throw new CliError(`${what} is not valid Turtle: ${(error as Error).message}`);
  }
}

const shapesCache = new Map<string, Promise<Quad[]>>();

function shapes(shapesDir: string): Promise<Quad[]> {
  const path = join(shapesDir, DCAT_AP_NO_SHAPES_FILE);
  let cached = shapesCache.get(path);
  if (!cached) {
    cached = readFile(path, 'utf8').then(
      (text) => parseTurtle(text, `The SHACL shapes ${path}`),
      (error: Error) => {
        throw new CliError(`Cannot read the DCAT-AP-NO SHACL shapes ${path}: ${error.message}`);
      },
    );
    cached.catch(() => shapesCache.delete(path));
    shapesCache.set(path, cached);
  }
  return cached;
}

const severityOf = (iri: string | undefined): CatalogViolation['severity'] => {
  const local = iri?.slice(iri.lastIndexOf('#') + 1);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
};

/** Validates the catalog Turtle with the DCAT-AP-NO shapes found in `shapesDir`. */
export async function validateCatalog(turtle: string, shapesDir: string): Promise<CatalogValidation> {
  const shapesGraph = rdf.dataset(await shapes(shapesDir));
  const data = rdf.dataset([...parseTurtle(turtle, 'The catalog'), ...vocabularyQuads()]);
  const report = await new SHACLValidator(shapesGraph, { factory: rdf }).validate(data);
  const violations = report.results.map(
    (result): CatalogViolation => ({
      focusNode: result.focusNode?.value ?? '',
      path: result.path?.value ?? null,
      message:
        result.message.map((m) => m.value).join(' / ') || (result.sourceConstraintComponent?.value ?? ''),
      severity: severityOf(result.severity?.value),
    }),
  );
  return { conforms: violations.every((v) => v.severity !== 'Violation'), violations };
}
