import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { line, patentRecord } from './helpers/records.ts';
import { runCli } from './helpers/run-cli.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function storeWithSample(extra: string[] = []) {
  const dir = await tempDir();
  const store = join(dir, 'store.duckdb');
  const extract = join(dir, 'extra.ndjson');
  await runCli(['ingest', 'test/fixtures/sample-small/events.ndjson', '--store', store]);
  if (extra.length > 0) {
    await writeFile(extract, extra.join('\n'));
    await runCli(['ingest', extract, '--store', store]);
  }
  return { dir, store };
}

describe('tidende mappings check', () => {
  it('checks the tables, loads them and reports full coverage of the sample as JSON', async () => {
    const { store } = await storeWithSample();
    const result = await runCli(['mappings', 'check', '--store', store, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, minCoverage: 98, problems: [], belowMinimum: [] });
    for (const right of ['patent', 'trademark', 'design']) {
      const c = report.coverage[right];
      expect(Object.keys(c)).toEqual(['events', 'mappedEvents', 'codes', 'mappedCodes', 'unmapped']);
      expect(c.mappedEvents).toBe(c.events);
      expect(c.unmapped).toEqual([]);
    }
  });

  it('fails below the minimum coverage and lists each unmapped code with its count and an example', async () => {
    const unknown = [1, 2].map((n) => line(patentRecord({ eventId: `X-${n}`, nationalCode: 'QQQQ' })));
    const { store } = await storeWithSample(unknown);
    const result = await runCli(['mappings', 'check', '--store', store]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  patent QQQQ: 2 events, e.g. X-1');
    expect(result.stderr).toContain('Below 98% of national codes mapped: patent.');
    const lenient = await runCli(['mappings', 'check', '--store', store, '--min-coverage', '50']);
    expect(lenient.code).toBe(0);
  });

  it('names file, line and column of a problem and leaves the store alone', async () => {
    const { dir, store } = await storeWithSample();
    const tables = join(dir, 'mappings');
    await cp('mappings', tables, { recursive: true });
    const path = join(tables, 'design.csv');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(/\n([A-Z]+),ST\.87,/, '\n$1,ST.27,'));
    const result = await runCli(['mappings', 'check', '--store', store, '--mappings', tables]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path}:2:2 (standard): expected ST.87 for design events, found ST.27`);
    expect(result.stderr).toContain('the store was not changed');
  });

  it('checks the tables alone when there is no store', async () => {
    const dir = await tempDir();
    const result = await runCli(['mappings', 'check', '--store', join(dir, 'none.duckdb')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('coverage not measured');
  });

  it('asks for the action when it is missing', async () => {
    const result = await runCli(['mappings']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'tidende mappings check'");
  });
});
