import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/lib/cli-error.ts';
import type { DataFile, DataRelease } from '../../../src/lib/datasets/data-release.ts';
import {
  buildDataPackage,
  rfc3339,
  schemaPath,
  tableSchemaDocument,
  writeDataPackage,
} from '../../../src/lib/datasets/datapackage.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';
import {
  FIXTURE_DELETIONS_ISSUE,
  FIXTURE_ROW_TABLES,
  FIXTURE_TABLES,
  fixtureRelease,
  measured,
  partFiles,
} from './release-fixture.ts';

const tempDir = useTempDirs();
const PROFILES = 'standards/frictionless';

interface Resource {
  name: string;
  path: string;
  type?: string;
  format: string;
  mediatype: string;
  encoding?: string;
  compression?: string;
  bytes: number;
  hash: string;
  schema?: string;
  dialect?: Record<string, unknown>;
}
interface Package {
  $schema: string;
  name: string;
  version: string;
  created: string;
  licenses: { path: string; title: string }[];
  contributors: { title: string; roles: string[] }[];
  description: string;
  resources: (Resource & { description?: string })[];
}

// The profiles are JSON Schema draft-07 (their $schema), Ajv's default draft. They carry
// annotation keywords of their own (propertyOrder, context, options), hence strict: false.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// A form hint of the profiles' editor, not a constraint.
ajv.addFormat('textarea', true);
async function profile(name: string): Promise<ValidateFunction> {
  const schema = JSON.parse(await readFile(join(PROFILES, name), 'utf8')) as { $schema: string };
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  return ajv.compile(schema);
}
const [packageProfile, resourceProfile, tableSchemaProfile, dialectProfile] = await Promise.all([
  profile('v2.0_datapackage.json'),
  profile('v2.0_dataresource.json'),
  profile('v2.0_tableschema.json'),
  profile('v2.0_tabledialect.json'),
]);

function expectValid(validate: ValidateFunction, value: unknown, what: string) {
  const ok = validate(value);
  expect(ok ? [] : (validate.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message}`)).toEqual([]);
}

function expectValidPackage(pkg: Package, schemas: Map<string, unknown>) {
  expectValid(packageProfile, pkg, 'datapackage');
  for (const resource of pkg.resources) {
    expectValid(resourceProfile, resource, resource.name);
    if (resource.dialect) expectValid(dialectProfile, resource.dialect, `${resource.name} dialect`);
  }
  for (const [path, schema] of schemas) expectValid(tableSchemaProfile, schema, path);
}

const build = (release: DataRelease) => buildDataPackage(release) as unknown as Package;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('buildDataPackage', () => {
  const release = fixtureRelease();
  const pkg = build(release);
  const schemas = new Map(FIXTURE_TABLES.map((t) => [schemaPath(t.name), tableSchemaDocument(t.schema)]));

  it('is valid against the Frictionless v2 package, resource, dialect and table schema profiles', () => {
    expect(pkg.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
    expectValidPackage(pkg, schemas);
  });

  it('is checked by profiles that do reject a broken descriptor', () => {
    const [first] = pkg.resources as [Resource];
    expect(resourceProfile({ ...first, hash: 'sha256:not-hex' })).toBe(false);
    expect(packageProfile({ ...pkg, created: '2024-06-03T00:01+02:00' })).toBe(false);
    expect(packageProfile({ ...pkg, resources: [{ ...first, path: '../rights.csv.gz' }] })).toBe(false);
    expect(tableSchemaProfile({ fields: [{ name: 'x', type: 'text' }] })).toBe(false);
  });

  it('states the release: version, creation time, licence and publisher', () => {
    expect(pkg.version).toBe('2024-23');
    expect(pkg.created).toBe('2024-06-02T22:01:00Z');
    expect(pkg.licenses).toEqual([
      {
        path: 'https://data.norge.no/nlod/no/2.0',
        title: 'Norwegian Licence for Open Government Data (NLOD) 2.0',
      },
    ]);
    expect(pkg.contributors[0]).toMatchObject({
      title: 'Norwegian Industrial Property Office',
      roles: ['publisher'],
    });
    expect(build({ ...release, issue: null }).version).toBe('2024-06-02T22:01:00Z');
  });

  it('lists every file once, with its bytes and sha256, under a unique lower-case name', () => {
    expect(pkg.resources).toHaveLength(release.files.length);
    const byPath = new Map(release.files.map((f) => [f.path, f]));
    for (const resource of pkg.resources) {
      const file = byPath.get(resource.path) as DataFile;
      expect(file, resource.path).toBeDefined();
      expect(resource.bytes).toBe(file.bytes);
      expect(resource.hash).toBe(`sha256:${file.sha256}`);
      expect(resource.name).toMatch(/^[a-z0-9._-]+$/);
    }
    expect(new Set(pkg.resources.map((r) => r.name)).size).toBe(pkg.resources.length);
  });

  it('describes each format: CSV with gzip and a dialect, Parquet, ST.96 XML without a table schema', () => {
    const get = (name: string) => pkg.resources.find((r) => r.name === name) as Resource;
    expect(get('rights')).toMatchObject({
      path: 'snapshot/rights.csv.gz',
      type: 'table',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      compression: 'gz',
      schema: 'schemas/rights.schema.json',
      dialect: { header: true, delimiter: ',', quoteChar: '"' },
    });
    expect(get('rights-parquet')).toMatchObject({
      path: 'snapshot/rights.parquet',
      type: 'table',
      format: 'parquet',
      mediatype: 'application/vnd.apache.parquet',
      schema: 'schemas/rights.schema.json',
    });
    expect(get('rights-parquet').dialect).toBeUndefined();
    expect(get('rights-parquet').compression).toBeUndefined();
    const st96 = get('patent_legal_status-0002');
    expect(st96).toMatchObject({ path: 'snapshot/patent-legal-status-0002.xml', format: 'xml' });
    expect(st96.mediatype).toBe('application/xml');
    expect(st96.type).toBeUndefined();
    expect(st96.schema).toBeUndefined();
    expect(get('parties-delta-2024-22')).toMatchObject({
      path: 'deltas/2024-22/parties.csv.gz',
      type: 'table',
    });
    expect(get('patent_legal_status-delta-2024-23-0001').path).toBe(
      'deltas/2024-23/patent-legal-status-0001.xml',
    );
  });

  it('names the snapshot CSV after its table, so the foreign keys of the schemas resolve', () => {
    const names = new Set(pkg.resources.map((r) => r.name));
    for (const table of FIXTURE_ROW_TABLES) {
      expect(names).toContain(table.name);
      for (const key of table.schema.foreignKeys ?? []) expect(names).toContain(key.reference.resource);
    }
  });

  it('states how to apply a delta, its deletions included, and describes the deletions files', () => {
    expect(pkg.description).toContain(
      "or is listed for the table in the delta's deletions file (table_name, key); then insert the delta's rows.",
    );
    expect(pkg.resources.find((r) => r.name === 'rights')?.description).toContain(
      "delete every row whose right_id is in the delta's rights file or is listed for rights in the delta's deletions file",
    );
    expect(pkg.resources.find((r) => r.name === 'documents')?.description).toContain(
      "delete every row whose event_id is in the delta's legal_status_events file or is listed for documents",
    );
    const deletions = pkg.resources.filter((r) => r.path.includes('/deletions.'));
    expect(deletions.map((r) => [r.name, r.path, r.schema])).toEqual([
      [
        `deletions-delta-${FIXTURE_DELETIONS_ISSUE}`,
        `deltas/${FIXTURE_DELETIONS_ISSUE}/deletions.csv.gz`,
        'schemas/deletions.schema.json',
      ],
      [
        `deletions-delta-${FIXTURE_DELETIONS_ISSUE}-parquet`,
        `deltas/${FIXTURE_DELETIONS_ISSUE}/deletions.parquet`,
        'schemas/deletions.schema.json',
      ],
    ]);
    for (const resource of deletions) {
      expect(resource.description).toContain('delete the rows of table_name whose replace key is key');
    }
    // After the delta's other tables.
    const issue = pkg.resources.filter((r) => r.path.startsWith(`deltas/${FIXTURE_DELETIONS_ISSUE}/`));
    expect(issue.at(-1)?.path).toBe(`deltas/${FIXTURE_DELETIONS_ISSUE}/patent-legal-status-0001.xml`);
    expect(issue.at(-2)?.path).toBe(`deltas/${FIXTURE_DELETIONS_ISSUE}/deletions.parquet`);
  });

  it('orders resources snapshot first, then issues in order, whatever the order of the files', () => {
    const shuffled = { ...release, files: [...release.files].reverse() };
    expect(JSON.stringify(build(shuffled))).toBe(JSON.stringify(pkg));
    const parts = pkg.resources.map((r) => r.path.split('/').slice(0, -1).join('/'));
    expect([...new Set(parts)]).toEqual(['snapshot', 'deltas/2024-21', 'deltas/2024-22', 'deltas/2024-23']);
  });

  it('keeps 30 years of weekly deltas at a few hundred bytes a file', () => {
    const issues = Array.from(
      { length: 1_560 },
      (_, i) => `${1995 + Math.floor(i / 52)}-${String((i % 52) + 1).padStart(2, '0')}`,
    );
    const big = fixtureRelease({
      files: [...partFiles('snapshot'), ...issues.flatMap((issue) => partFiles(issue))],
    });
    const text = JSON.stringify(buildDataPackage(big), null, 2);
    expect(big.files.length).toBe(13 * 1_561);
    expect(text.length / big.files.length).toBeLessThan(700);
  });

  it('refuses files it cannot describe, naming them', () => {
    const stray = { ...(release.files[0] as DataFile), path: 'snapshot/owners.csv.gz', table: 'owners' };
    expect(() => build({ ...release, files: [...release.files, stray] })).toThrow(
      new CliError(
        'The data file snapshot/owners.csv.gz is of table "owners", which the release does not describe.',
      ),
    );
    const badHash = { ...(release.files[0] as DataFile), sha256: 'abc' };
    expect(() => build({ ...release, files: [badHash] })).toThrow(
      /snapshot\/rights\.csv\.gz has sha256 "abc"/,
    );
    const twice = { ...(release.files[0] as DataFile), path: 'snapshot/RIGHTS.csv.gz' };
    expect(() => build({ ...release, files: [release.files[0] as DataFile, twice] })).toThrow(
      /would both be the resource "rights"/,
    );
    expect(() => build({ ...release, license: 'https://example.org/licence' })).toThrow(CliError);
    expect(() => rfc3339('last monday')).toThrow(CliError);
  });
});

describe('writeDataPackage', () => {
  it('describes real files with their sizes and hashes, and writes the same bytes twice', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'snapshot'), { recursive: true });
    await mkdir(join(dir, 'deltas/2024-23'), { recursive: true });
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      for (const part of ['snapshot', 'deltas/2024-23']) {
        const rows = part === 'snapshot' ? 500 : 20;
        const select = `SELECT 'NO:patent:' || (20230000 + i) AS right_id, 'patent' AS right_type,
          CAST(20230000 + i AS VARCHAR) AS application_number, 'Tittel ' || i AS title,
          DATE '2023-01-01' + CAST(i AS INTEGER) AS filing_date, 'A' AS state, '2024-23' AS first_issue
          FROM range(${rows}) t(i)`;
        await connection.run(
          `COPY (${select}) TO '${join(dir, part, 'rights.csv.gz')}' (FORMAT csv, HEADER, COMPRESSION gzip)`,
        );
        await connection.run(`COPY (${select}) TO '${join(dir, part, 'rights.parquet')}' (FORMAT parquet)`);
      }
    } finally {
      connection.closeSync();
      db.closeSync();
    }
    await copyFile(
      'test/fixtures/st96-samples/example_PatentLegalStatusData_V6_0.xml',
      join(dir, 'snapshot/patent-legal-status-0001.xml'),
    );
    const tables = FIXTURE_TABLES.filter((t) => t.name === 'rights');
    const listed = [...partFiles('snapshot', tables), ...partFiles('2024-23', tables, 0)];
    const release = fixtureRelease({ tables, files: await measured(dir, listed) });

    const written = await writeDataPackage(dir, release);
    const text = await readFile(join(dir, 'datapackage.json'));
    expect(written).toMatchObject({
      path: join(dir, 'datapackage.json'),
      bytes: text.length,
      sha256: sha256(text),
    });
    const pkg = JSON.parse(text.toString('utf8')) as Package;
    const schemaText = await readFile(join(dir, 'schemas/rights.schema.json'), 'utf8');
    expect(written.schemas).toEqual([
      {
        path: join(dir, 'schemas/rights.schema.json'),
        bytes: Buffer.byteLength(schemaText),
        sha256: sha256(Buffer.from(schemaText)),
      },
    ]);
    expectValidPackage(pkg, new Map([['schemas/rights.schema.json', JSON.parse(schemaText)]]));

    expect(pkg.resources.map((r) => r.path)).toEqual([
      'snapshot/rights.csv.gz',
      'snapshot/rights.parquet',
      'snapshot/patent-legal-status-0001.xml',
      'deltas/2024-23/rights.csv.gz',
      'deltas/2024-23/rights.parquet',
    ]);
    for (const resource of pkg.resources) {
      const content = await readFile(join(dir, resource.path));
      expect(resource.bytes, resource.path).toBe(content.length);
      expect(resource.hash, resource.path).toBe(`sha256:${sha256(content)}`);
      if (resource.schema)
        await expect(readFile(join(dir, resource.schema), 'utf8')).resolves.toBe(schemaText);
    }

    const again = await writeDataPackage(dir, release);
    expect(again).toEqual(written);
  });
});
