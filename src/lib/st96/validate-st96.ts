/**
 * Validates ST.96 `pat:PatentLegalStatusData` XML files against the official XSD with libxml2
 * (xmllint-wasm: the real xmllint compiled to WebAssembly, run in a worker thread).
 *
 * Compiling the ST.96 schema is the expensive part (seconds: it imports MathML), so many files are
 * validated per xmllint run, which compiles it once. (xmllint's streaming mode would compile it
 * again for every file.) Each run parses its files into trees, which take several times the size
 * of the XML, so a run takes files up to a total size and a larger file runs alone; the
 * WebAssembly memory grows as needed up to its 4 GiB limit, ample for files of 50 MB.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { CliError } from '../cli-error.ts';

/** The root schema first, then the schemas it imports (directly or not). */
export const ST96_SCHEMA_FILES = [
  'PatentLegalStatusData_V6_0.xsd',
  'PatentLegalStatusData_V6_0_Common.xsd',
  'OASISTable_V1_0.xsd',
  'FlattenedMathML3.xsd',
] as const;

/** Total size of the XML files of one xmllint run; a larger file runs alone. */
const RUN_BYTES = 32 * 1024 * 1024;

/**
 * WebAssembly memory of a run: it starts at the library's default and grows on demand (compiling
 * the schema alone needs more than the default limit of 32 MiB).
 */
const INITIAL_MEMORY_PAGES = memoryPages.defaultInitialMemoryPages;
const MAX_MEMORY_PAGES = memoryPages.max;

export interface St96ValidationError {
  /** Line in the file, 0 when xmllint gave none. */
  line: number;
  message: string;
}

export interface St96ValidationResult {
  file: string;
  valid: boolean;
  errors: St96ValidationError[];
}

/**
 * Groups files (given by size) into runs of at most `limit` bytes in total, in order; a file
 * larger than `limit` is a run of its own. Returns the indexes of the files of each run.
 */
export function planRuns(sizes: readonly number[], limit: number): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let total = 0;
  sizes.forEach((size, index) => {
    if (run.length > 0 && total + size > limit) {
      runs.push(run);
      run = [];
      total = 0;
    }
    run.push(index);
    total += size;
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

async function readSchemas(schemaDir: string): Promise<XMLFileInfo[]> {
  return Promise.all(
    ST96_SCHEMA_FILES.map(async (fileName) => {
      const path = join(schemaDir, fileName);
      try {
        return { fileName, contents: await readFile(path) };
      } catch (error) {
        throw new CliError(
          `Cannot read the ST.96 schema file ${path}: ${(error as Error).message}. ` +
            `Expected the four XSDs (${ST96_SCHEMA_FILES.join(', ')}) together in ${schemaDir}.`,
          { cause: error },
        );
      }
    }),
  );
}

/** What xmllint printed for one file. */
interface FileOutcome {
  errors: St96ValidationError[];
  validates: boolean;
  failsToValidate: boolean;
}

/**
 * Reads xmllint's output. Files are named `doc<index>.xml` in the run, so every line can be told
 * apart: `<file>:<line>: <message>`, `<file> validates`, `<file> fails to validate`. Other lines
 * are the source excerpt and caret under a parser error, or about the schema files.
 */
function parseOutput(output: string, count: number): FileOutcome[] {
  const outcomes: FileOutcome[] = Array.from({ length: count }, () => ({
    errors: [],
    validates: false,
    failsToValidate: false,
  }));
  const outcomeOf = (name: string | undefined) => outcomes[Number(name)];
  for (const line of output.split('\n')) {
    const located = /^doc(\d+)\.xml:(\d+): (.*)$/.exec(line);
    if (located) {
      outcomeOf(located[1])?.errors.push({ line: Number(located[2]), message: located[3] ?? '' });
      continue;
    }
    const status = /^doc(\d+)\.xml (validates|fails to validate)$/.exec(line);
    if (status) {
      const outcome = outcomeOf(status[1]);
      if (outcome === undefined) continue;
      if (status[2] === 'validates') outcome.validates = true;
      else outcome.failsToValidate = true;
    }
  }
  return outcomes;
}

/** Runs xmllint on one group of files; returns its output (xmllint's stderr). */
async function runXmllint(xml: XMLFileInfo[], schemas: XMLFileInfo[]): Promise<string> {
  const [root, ...imported] = schemas as [XMLFileInfo, ...XMLFileInfo[]];
  let output: string;
  try {
    const result = await validateXML({
      xml,
      schema: root,
      preload: imported,
      initialMemoryPages: INITIAL_MEMORY_PAGES,
      maxMemoryPages: MAX_MEMORY_PAGES,
    });
    output = result.rawOutput;
  } catch (error) {
    // A file that is not well-formed ends xmllint with a code the library rejects for; its output
    // (the message of the error) still has every file's outcome.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'number') throw error;
    output = (error as Error).message;
  }
  const compile = /^(?:WXS|XSD) schema .* failed to compile$/m.exec(output);
  if (compile) {
    throw new CliError(`The ST.96 schema could not be compiled by xmllint:\n${output.trim()}`);
  }
  return output;
}

/**
 * Validates each XML file against the ST.96 V6_0 schema in `schemaDir`. Returns one result per
 * file, in the order given; a file is valid only when xmllint says it validates and reports no
 * error for it. Errors carry the line xmllint gives.
 */
export async function validateSt96(xmlFiles: string[], schemaDir: string): Promise<St96ValidationResult[]> {
  if (xmlFiles.length === 0) return [];
  const schemas = await readSchemas(schemaDir);
  const sizes = await Promise.all(
    xmlFiles.map(async (file) => {
      try {
        return (await stat(file)).size;
      } catch (error) {
        throw new CliError(`Cannot read the XML file ${file} to validate: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }),
  );
  const results: St96ValidationResult[] = [];
  for (const run of planRuns(sizes, RUN_BYTES)) {
    const xml = await Promise.all(
      run.map(async (index, position) => ({
        fileName: `doc${position}.xml`,
        contents: await readFile(xmlFiles[index] as string),
      })),
    );
    const outcomes = parseOutput(await runXmllint(xml, schemas), run.length);
    run.forEach((index, position) => {
      const outcome = outcomes[position] as FileOutcome;
      const errors = [...outcome.errors];
      const valid = outcome.validates && !outcome.failsToValidate && errors.length === 0;
      if (!valid && errors.length === 0) {
        errors.push({
          line: 0,
          message: 'xmllint did not report this file as valid and gave no error line.',
        });
      }
      results.push({ file: xmlFiles[index] as string, valid, errors });
    });
  }
  return results;
}
