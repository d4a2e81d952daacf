/**
 * Where the official machine-readable standards the repository carries are (`standards/`, each
 * with its source, version and licence in `standards/README.md`), resolved from this file so that
 * they are found from any working directory.
 */
import { fileURLToPath } from 'node:url';

const standardsDir = (folder: string) =>
  fileURLToPath(new URL(`../../../standards/${folder}`, import.meta.url));

/** WIPO's ST.96 V6_0 XSDs for `PatentLegalStatusData`. */
export const ST96_SCHEMA_DIR = standardsDir('st96');
/** Digdir's DCAT-AP-NO 2.0 SHACL shapes and the ontologies they need. */
export const DCAT_AP_NO_SHAPES_DIR = standardsDir('dcat-ap-no');
