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

  it('exits 2 on an unknown command, suggesting the closest one', async () => {
    const typo = await runCli(['ingets']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      "tidende: Unknown command ingets. Did you mean ingest?\nSee 'tidende --help'.\n",
    );
    const far = await runCli(['frobnicate']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe("tidende: Unknown command frobnicate.\nSee 'tidende --help'.\n");
    const option = await runCli(['--verison']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Unknown option --verison. Did you mean --version?');
  });

  it('exits 2 on an unknown option, suggesting the closest one only when it is close', async () => {
    for (const typo of ['--stor', '--stroe', '-store']) {
      const result = await runCli(['ingest', typo, 'x.ndjson']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `tidende ingest: Unknown option ${typo}. Did you mean --store?\nSee 'tidende ingest --help'.\n`,
      );
    }
    const prefix = await runCli(['ingest', '--max', '9', 'x.ndjson']);
    expect(prefix.stderr).toContain(
      'Unknown option --max. Did you mean --max-line-bytes or --max-document-bytes?',
    );
    const far = await runCli(['ingest', '--frobnicate=3', 'x.ndjson']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe("tidende ingest: Unknown option --frobnicate.\nSee 'tidende ingest --help'.\n");
  });

  it('exits 2 with one sentence on every other usage mistake, quotes balanced', async () => {
    const mistakes: [string[], string][] = [
      [['ingest', 'x.ndjson', '--store'], '--store needs a value: --store PATH.'],
      [['ingest', 'x.ndjson', '--json=yes'], '--json takes no value; got --json=yes.'],
      [['ingest', 'x.ndjson', '--store', '--json'], '--store needs a value: --store PATH; --json after it'],
      [['stats', '--store', 'a', '--store', 'b'], '--store is given more than once; give it once.'],
      [
        ['build', 'out', 'site'],
        'Unexpected arguments out site: this command takes options only. Did you mean --out?',
      ],
      [
        ['sample', '--out', 'x', '--rights', 'many'],
        "--rights must be a whole number from 1 to 10000000; got 'many'.",
      ],
      [['ingest'], 'Name at least one extract to ingest.'],
      [['--debug'], 'Put --debug after the command'],
    ];
    for (const [args, message] of mistakes) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toMatch(/\nSee 'tidende( [a-z]+)? --help'\.\n$/);
      expect(result.stderr.split('\n')).toHaveLength(3);
      for (const quote of ["'", '"']) expect(result.stderr.split(quote).length % 2, result.stderr).toBe(1);
    }
  });

  it('reports a missing file in words, in one line, without a stack trace', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'nope.ndjson');
    const result = await runCli(['ingest', missing, '--store', join(dir, 's.duckdb')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`tidende ingest: no such file: ${missing}\n`);
    const publish = await runCli(
      ['publish', '--bootstrap', '--extract', missing, '--target', `file://${join(dir, 'site')}`],
      { TIDENDE_STORE: join(dir, 's.duckdb') },
    );
    expect(publish.code).toBe(1);
    expect(publish.stderr).toBe(`tidende publish: no such file: ${missing}\n`);
  });

  it('says so when a folder is given where a file is expected, and the other way round', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.ndjson');
    await writeExtract(file, line(trademarkRecord()));
    const store = join(dir, 's.duckdb');
    const extract = await runCli(['ingest', dir, '--store', store]);
    expect(extract.code).toBe(1);
    expect(extract.stderr).toBe(`tidende ingest: ${dir} is a folder, expected a file\n`);
    const storeFolder = await runCli(['stats', '--store', dir]);
    expect(storeFolder.code).toBe(1);
    expect(storeFolder.stderr).toBe(`tidende stats: ${dir} is a folder, expected a file\n`);
    const through = await runCli(['ingest', join(file, 'b.ndjson'), '--store', store]);
    expect(through.stderr).toBe(
      `tidende ingest: ${file} is a file, expected a folder (on the way to ${join(file, 'b.ndjson')})\n`,
    );
    const mappings = await runCli(['mappings', 'check', '--mappings', file, '--store', store]);
    expect(mappings.code).toBe(1);
    expect(mappings.stderr).toBe(`tidende mappings: ${file} is a file, expected a folder\n`);
    const noMappings = await runCli(['mappings', 'check', '--mappings', join(dir, 'none'), '--store', store]);
    expect(noMappings.stderr).toBe(`tidende mappings: no such folder: ${join(dir, 'none')}\n`);
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
