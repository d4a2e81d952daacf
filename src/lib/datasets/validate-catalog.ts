/**
 * Validates a DCAT-AP-NO catalog (Turtle) with Digdir's DCAT-AP-NO 2.0 SHACL shapes, with two
 * independent SHACL engines (rdf-validate-shacl and shacl-engine): for the tests, and for publish,
 * which refuses a catalog with a violation from either.
 *
 * What is checked against what:
 * - the catalog's structure (classes, cardinalities, datatypes, SHA-1 checksums) against the
 *   shapes, `standards/dcat-ap-no/DCAT-AP-NO-shacl_shapes_2.00.ttl`;
 * - its controlled-vocabulary values (licence, file type, frequency, language, access right, EU
 *   data theme, country) against the vocabulary files in `standards/vocabularies/`, which are
 *   Digdir's reference data for data.norge.no, carried unchanged (sources in
 *   `standards/README.md`). The shapes test a value by looking for its `skos:inScheme` in the data
 *   graph; Digdir's validator gets that triple by fetching the value's IRI. This module runs
 *   offline, so it adds the `skos:inScheme` triples of the codes in those files to the data graph,
 *   and nothing else: a code that is not in the files has no `skos:inScheme` and is a violation,
 *   as an unknown code is at data.norge.no. No code is typed here. Two files (file types,
 *   countries) are harvest results that kept only the class of the codes, not their
 *   `skos:inScheme`; {@link CATALOG_VOCABULARIES} names that class, and the triple is derived.
 *   The shapes make an unknown country (dct:spatial) or a dataset with no EU data theme a
 *   Warning, not a Violation: publish, which refuses Violations, lets those pass; the tests, which
 *   allow no result at all, do not.
 * - Los themes (`https://psi.norge.no/los/`) are loaded too, but the shapes do not test them;
 *   {@link vocabularyCodes} lets the tests check that every Los value is a Los concept.
 *
 * `ontologies.ttl`, which comes with the shapes, is not loaded: it holds only owl:imports of
 * remote ontologies and code lists (what the vocabulary files stand in for), no class hierarchy,
 * and the catalog states every class the shapes test with sh:class directly.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import rdf from '@zazuko/env-node';
import { DataFactory, Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
// @ts-expect-error shacl-engine ships no type declarations; ShaclEngineValidator below types what is used.
import { Validator } from 'shacl-engine';
import { CliError } from '../cli-error.ts';
import { DCAT_AP_NO_SHAPES_DIR } from '../standards/official-files.ts';

export const DCAT_AP_NO_SHAPES_FILE = 'DCAT-AP-NO-shacl_shapes_2.00.ttl';
/** The controlled vocabularies the catalog uses, as Digdir publishes them for data.norge.no. */
export const CATALOG_VOCABULARIES_DIR = fileURLToPath(
  new URL('../../../standards/vocabularies', import.meta.url),
);

type DatasetCore = ReturnType<typeof rdf.dataset>;

const EU = 'http://publications.europa.eu/resource/authority/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SKOS_IN_SCHEME = 'http://www.w3.org/2004/02/skos/core#inScheme';

interface VocabularyFile {
  /** The file in the vocabularies folder, unchanged from its source. */
  file: string;
  /** The scheme whose codes the file must hold (it may hold others, e.g. Los has four). */
  scheme: string;
  /**
   * For a file without `skos:inScheme`: the class its codes have in it. Digdir's harvester built
   * such a file with a SPARQL CONSTRUCT that selected `?code skos:inScheme <scheme>` in the EU
   * table and kept only the code's class, so each subject of that class in the scheme's namespace
   * is a code of the scheme.
   */
  codesOfClass?: string;
}

/** The vocabulary files and what each holds; see `standards/README.md` for their sources. */
export const CATALOG_VOCABULARIES: readonly VocabularyFile[] = [
  { file: 'open-licenses.ttl', scheme: `${EU}licence` },
  { file: 'languages.ttl', scheme: `${EU}language` },
  { file: 'access-right-sparql-result.ttl', scheme: `${EU}access-right` },
  { file: 'data-theme-sparql-result.ttl', scheme: `${EU}data-theme` },
  { file: 'frequencies-sparql-result.ttl', scheme: `${EU}frequency` },
  {
    file: 'filetypes-sparql-result.ttl',
    scheme: `${EU}file-type`,
    codesOfClass: 'http://publications.europa.eu/ontology/euvoc#FileType',
  },
  {
    file: 'country-sparql-result.ttl',
    scheme: `${EU}country`,
    codesOfClass: 'http://purl.org/dc/terms/Location',
  },
  { file: 'los-with-fdk-triples.ttl', scheme: 'https://psi.norge.no/los/ontologi/ord' },
];

export type ShaclEngine = 'rdf-validate-shacl' | 'shacl-engine';
/** Both engines, run by default: a catalog conforms only when neither reports a violation. */
export const SHACL_ENGINES: readonly ShaclEngine[] = ['rdf-validate-shacl', 'shacl-engine'];

export interface CatalogViolation {
  /** The engine that reported it (the same problem is usually reported by both). */
  engine: ShaclEngine;
  focusNode: string;
  /** The property path, when the result is about one property. */
  path: string | null;
  message: string;
  severity: 'Violation' | 'Warning' | 'Info';
}

export interface CatalogValidation {
  /** No result of severity Violation from any engine (warnings and infos do not fail a catalog). */
  conforms: boolean;
  /** Every result of every engine, of any severity. */
  violations: CatalogViolation[];
}

function parseTurtle(text: string, what: string): Quad[] {
  try {
    return new Parser({ format: 'text/turtle' }).parse(text);
  } catch (error) {
    throw new CliError(`${what} is not valid Turtle: ${(error as Error).message}`);
  }
}

/** Reads and parses a Turtle file once per process (the shapes and vocabularies do not change). */
const parsedFiles = new Map<string, Promise<Quad[]>>();
function turtleFile(path: string, what: string): Promise<Quad[]> {
  let cached = parsedFiles.get(path);
  if (!cached) {
    cached = readFile(path, 'utf8').then(
      (text) => parseTurtle(text, `${what} ${path}`),
      (error: Error) => {
        throw new CliError(`Cannot read ${what} ${path}: ${error.message}`);
      },
    );
    cached.catch(() => parsedFiles.delete(path));
    parsedFiles.set(path, cached);
  }
  return cached;
}

const shapes = (shapesDir: string) =>
  turtleFile(join(shapesDir, DCAT_AP_NO_SHAPES_FILE), 'the DCAT-AP-NO SHACL shapes');

/** The `skos:inScheme` triples of the codes in one vocabulary file, stated or derived. */
async function membership(dir: string, vocabulary: VocabularyFile): Promise<Quad[]> {
  const path = join(dir, vocabulary.file);
  const quads = await turtleFile(path, 'the controlled vocabulary');
  const { namedNode, quad } = DataFactory;
  const stated = quads.filter(
    (q) => q.predicate.value === SKOS_IN_SCHEME && q.subject.termType === 'NamedNode',
  );
  const derived = vocabulary.codesOfClass
    ? quads
        .filter(
          (q) =>
            q.predicate.value === RDF_TYPE &&
            q.object.value === vocabulary.codesOfClass &&
            q.subject.value.startsWith(`${vocabulary.scheme}/`),
        )
        .map((q) => quad(q.subject, namedNode(SKOS_IN_SCHEME), namedNode(vocabulary.scheme)))
    : [];
  const members = [...stated, ...derived];
  if (!members.some((q) => q.object.value === vocabulary.scheme)) {
    throw new CliError(`The controlled vocabulary ${path} holds no code of ${vocabulary.scheme}.`);
  }
  return members;
}

async function vocabularyQuads(dir: string): Promise<Quad[]> {
  return (await Promise.all(CATALOG_VOCABULARIES.map((v) => membership(dir, v)))).flat();
}

/** The codes of every scheme in the vocabulary files: scheme IRI → code IRIs. */
export async function vocabularyCodes(
  vocabulariesDir: string = CATALOG_VOCABULARIES_DIR,
): Promise<Map<string, Set<string>>> {
  const codes = new Map<string, Set<string>>();
  for (const { subject, object } of await vocabularyQuads(vocabulariesDir)) {
    const scheme = codes.get(object.value) ?? new Set<string>();
    scheme.add(subject.value);
    codes.set(object.value, scheme);
  }
  return codes;
}

const severityOf = (iri: string | undefined): CatalogViolation['severity'] => {
  const local = iri?.slice(iri.lastIndexOf('#') + 1);
  return local === 'Warning' || local === 'Info' ? local : 'Violation';
};

async function withRdfValidateShacl(shapesGraph: DatasetCore, data: DatasetCore) {
  const report = await new SHACLValidator(shapesGraph, { factory: rdf }).validate(data);
  return report.results.map(
    (result): CatalogViolation => ({
      engine: 'rdf-validate-shacl',
      focusNode: result.focusNode?.value ?? '',
      path: result.path?.value ?? null,
      message:
        result.message.map((m) => m.value).join(' / ') || (result.sourceConstraintComponent?.value ?? ''),
      severity: severityOf(result.severity?.value),
    }),
  );
}

/** The part of shacl-engine's API used here (its results hold grapoi pointers and path steps). */
interface ShaclEngineResult {
  focusNode: { term?: { value: string } };
  path?: { start: string; quantifier: string; predicates: { value: string }[] }[] | null;
  message: { value: string }[];
  constraintComponent?: { value: string };
  severity: { value: string };
}
type ShaclEngineValidator = new (
  shapes: DatasetCore,
  options: { factory: typeof rdf },
) => { validate(data: { dataset: DatasetCore }): Promise<{ results: ShaclEngineResult[] }> };

/** The predicate of a path of one predicate, as rdf-validate-shacl reports it; else null. */
const simplePath = (path: ShaclEngineResult['path']): string | null => {
  const [step, ...more] = path ?? [];
  const simple = step && more.length === 0 && step.quantifier === 'one' && step.start === 'subject';
  return simple && step.predicates.length === 1 ? (step.predicates[0]?.value ?? null) : null;
};

async function withShaclEngine(shapesGraph: DatasetCore, data: DatasetCore) {
  const report = await new (Validator as ShaclEngineValidator)(shapesGraph, { factory: rdf }).validate({
    dataset: data,
  });
  return report.results.map(
    (result): CatalogViolation => ({
      engine: 'shacl-engine',
      focusNode: result.focusNode.term?.value ?? '',
      path: simplePath(result.path),
      message: result.message.map((m) => m.value).join(' / ') || (result.constraintComponent?.value ?? ''),
      severity: severityOf(result.severity.value),
    }),
  );
}

const ENGINES: Record<ShaclEngine, typeof withShaclEngine> = {
  'rdf-validate-shacl': withRdfValidateShacl,
  'shacl-engine': withShaclEngine,
};

/**
 * Validates the catalog Turtle with the DCAT-AP-NO shapes in `shapesDir` and the controlled
 * vocabularies in `vocabulariesDir`, with each of `engines`.
 */
export async function validateCatalog(
  turtle: string,
  shapesDir: string = DCAT_AP_NO_SHAPES_DIR,
  vocabulariesDir: string = CATALOG_VOCABULARIES_DIR,
  engines: readonly ShaclEngine[] = SHACL_ENGINES,
): Promise<CatalogValidation> {
  const catalog = parseTurtle(turtle, 'The catalog');
  const [shapeQuads, vocabularies] = await Promise.all([shapes(shapesDir), vocabularyQuads(vocabulariesDir)]);
  const violations: CatalogViolation[] = [];
  for (const engine of engines) {
    // A fresh graph for each engine, so that neither sees what the other may have cached on it.
    const results = await ENGINES[engine](
      rdf.dataset(shapeQuads),
      rdf.dataset([...catalog, ...vocabularies]),
    );
    violations.push(...results);
  }
  return { conforms: violations.every((v) => v.severity !== 'Violation'), violations };
}
