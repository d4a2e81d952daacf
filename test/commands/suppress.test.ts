/**
 * `tidende suppress`: an accepted event taken back. The next build leaves it out of register
 * pages, search and the open data, keeps the issue that published it as published, and carries a
 * withdrawal notice in the next open issue.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { rightPath } from '../../src/lib/site/right-path.ts';
import { openEventStore } from '../../src/lib/store/event-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { builtSampleSite, NEXT_AS_OF } from '../helpers/sample-site.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function rowsOf(sql: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('tidende suppress', () => {
  it('takes an event out of register pages, search and data, and notices it in the next issue', async () => {
    const dir = await tempDir();
    const { store, out, build } = await builtSampleSite(dir);

    const opened = await openEventStore(store, { readOnly: true });
    const [event] = (
      await opened.connection.runAndReadAll(
        `SELECT event_id, right_type, application_number FROM event_status
         WHERE issue = '2026-46' AND supersedes IS NULL AND superseded_by IS NULL ORDER BY event_id LIMIT 1`,
      )
    ).getRowObjectsJson();
    opened.closeSync();
    const id = String(event?.event_id);
    const register = join(
      out,
      rightPath(event?.right_type as 'patent', String(event?.application_number)),
      'index.html',
    );
    const anchor = `id="event-${id}"`;
    expect(await readFile(register, 'utf8')).toContain(anchor);

    expect((await runCli(['suppress', id, '--store', store])).code).toBe(2);
    const suppressed = await runCli([
      'suppress',
      id,
      '--reason',
      'Personal data published by mistake',
      '--store',
      store,
    ]);
    expect(suppressed.code).toBe(0);
    expect(suppressed.stdout).toContain('Issue 2026-46, already published, keeps it as published.');
    expect(suppressed.stdout).toContain('Issue 2026-48 will carry a withdrawal notice.');
    const again = await runCli(['suppress', id, '--reason', 'twice', '--store', store]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Event ${id} was suppressed already`);
    expect((await runCli(['suppress', 'NO-SUCH-EVENT', '--reason', 'x', '--store', store])).code).toBe(1);

    const built = await build(NEXT_AS_OF);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    // The register page (what search indexes) no longer has it; the issue that published it does.
    expect(await readFile(register, 'utf8')).not.toContain(anchor);
    expect(await readFile(join(out, 'issues', '2026-46', 'index.html'), 'utf8')).toContain(anchor);
    const notice = await readFile(join(out, 'issues', '2026-48', 'index.html'), 'utf8');
    expect(notice).toContain('Tilbaketrukne kunngjøringer');
    expect(notice).toContain(`href="/issues/2026-46/#event-${encodeURIComponent(id)}"`);
    expect(await readFile(join(out, 'en', 'issues', '2026-48', 'index.html'), 'utf8')).toContain(
      'the announcement in issue 2026-46 is withdrawn.',
    );
    // Gone from the snapshot of the open data.
    const snapshot = join(out, 'data', 'snapshot');
    for (const table of ['legal_status_events', 'documents']) {
      expect(
        await rowsOf(
          `SELECT count(*)::INTEGER AS n FROM '${snapshot}/${table}.parquet' WHERE event_id = '${id}'`,
        ),
        table,
      ).toEqual([{ n: 0 }]);
    }
    // Published issues stayed as they were: building again changes nothing and refuses nothing.
    expect((await build(NEXT_AS_OF)).code).toBe(0);
  }, 300_000);
});
