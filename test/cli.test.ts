import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_RECORD_JSON_SCHEMA_PATH } from '../src/lib/json-schema.ts';
import { line, patentRecord, trademarkRecord, writeExtract } from './helpers/records.ts';
import { runCli } from './helpers/run-cli.ts';
import { useTempDirs } from './helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('tidende (CLI)', () => {
  it('lists its commands with --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['ingest', 'sample', 'stats', 'schema'])
      expect(result.stdout).toContain(`  ${command}`);
  });

  it('shows help for every command, made from its options', async () => {
    const result = await runCli(['ingest', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: tidende ingest FILE...');
    expect(result.stdout).toMatch(
      /--store PATH\s+The event store \(a DuckDB file\)\. \(default: \.tidende\/store\.duckdb; env: TIDENDE_STORE\)/,
    );
    for (const command of ['sample', 'stats', 'schema']) {
      expect((await runCli([command, '--help'])).stdout).toContain(`Usage: tidende ${command}`);
    }
  });

  it('points an unknown command or option at help, with exit code 1 or 2', async () => {
    const unknown = await runCli(['ingets']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("tidende: unknown command 'ingets'. See 'tidende --help'.\n");
    const option = await runCli(['ingest', '--stroe', 'x']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--stroe'");
    expect(option.stderr).toContain("See 'tidende ingest --help'.");
  });

  it('reports a missing file in one line, without a stack trace', async () => {
    const dir = await tempDir();
    const result = await runCli(['ingest', join(dir, 'nope.ndjson'), '--store', join(dir, 's.duckdb')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`tidende ingest: Cannot read ${join(dir, 'nope.ndjson')}: ENOENT.\n`);
  });

  it('prints the ingest summary as JSON and exits 1 when a line was refused', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeExtract(file, [line(trademarkRecord()), '', 'nope'].join('\n'));
    const store = join(dir, 's.duckdb');
    const result = await runCli(['ingest', file, '--store', store, '--json']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ read: 3, accepted: 1, duplicate: 0, conflict: 0, rejected: 1, blank: 1 });
    expect(summary.quarantine).toBe(join(dir, 'quarantine.ndjson'));
    expect(summary.files[0]).toMatchObject({ file, batchId: 1 });
  });

  it('prints each refused line with file, line, field, expected and found', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeExtract(file, [line(trademarkRecord()), line(patentRecord({ office: 'XY' }))].join('\n'));
    const result = await runCli(['ingest', file, '--store', join(dir, 's.duckdb')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2 lines: 1 accepted, 0 duplicate, 0 conflict, 1 rejected, 0 blank/);
    expect(result.stderr).toContain(
      `${file}:2: rejected: office: expected a WIPO ST.3 two-letter code such as "NO", "SE" or "EP", found "XY"`,
    );
  });

  it('exits 0 when every line was accepted, and finds the store through TIDENDE_STORE', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeExtract(file, `${line(trademarkRecord())}\n${line(patentRecord())}\n`);
    const env = { TIDENDE_STORE: join(dir, 'env.duckdb') };
    expect((await runCli(['ingest', file], env)).code).toBe(0);
    const stats = await runCli(['stats', '--json'], env);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout);
    expect(parsed.rightTypes.map((r: { right: string; events: number }) => [r.right, r.events])).toEqual([
      ['patent', 1],
      ['trademark', 1],
    ]);
    expect(parsed.nationalCodes).toContainEqual({ right: 'patent', nationalCode: 'MM1K', events: 1 });
    expect(parsed.years).toContainEqual({ right: 'trademark', year: 2024, events: 1 });
    expect(parsed.batches[0]).toMatchObject({ batchId: 1, read: 2, accepted: 2 });
  });

  it('prints stats as tables', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeExtract(file, line(trademarkRecord()));
    const store = join(dir, 's.duckdb');
    await runCli(['ingest', file, '--store', store]);
    const result = await runCli(['stats', '--store', store]);
    expect(result.stdout).toContain('right      rights  events  corrections  first event  last event');
    expect(result.stdout).toContain('trademark       1       1            0  2024-02-29   2024-02-29');
  });

  it('says how to make a store when stats finds none', async () => {
    const dir = await tempDir();
    const result = await runCli(['stats', '--store', join(dir, 'none.duckdb')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Ingest an extract first: tidende ingest FILE');
  });

  it('prints the JSON Schema that is checked in', async () => {
    const result = await runCli(['schema']);
    expect(result.stdout).toBe(await readFile(EVENT_RECORD_JSON_SCHEMA_PATH, 'utf8'));
  });
});
