/**
 * The promise ingest makes: a line it accepts never makes a build fail. Random valid records,
 * drawn from the event record's own schema with its extremes (every text at its maximum length,
 * lists full, characters that HTML, XML, JSON and URLs treat specially), are ingested beside each
 * other and built into a whole site with its search index and open data, whose XML files (feeds,
 * sitemaps, ST.96) must all be well-formed.
 */
import { readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EventRecordInput, RECORD_LIMITS } from '../../src/lib/event-record.ts';
import { extremeRecordArbitrary, recordArbitrary } from '../helpers/record-arbitrary.ts';
import { line } from '../helpers/records.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { parseXml } from '../site/xml-well-formed.ts';

const tempDir = useTempDirs();
/** Every date before as-of, so that the records' issues are out and their pages built. */
const DATES = { min: '2024-01-01', max: '2026-11-20' };
const AS_OF = '2026-11-30T12:00:00+01:00';

/** `i~id`, cut by whole code points to the schema's length and trimmed, so it stays valid. */
function uniqueId(i: number, id: string): string {
  const prefix = `${i}~`;
  let rest = [...id];
  while (prefix.length + rest.join('').length > RECORD_LIMITS.eventId) rest = rest.slice(0, -1);
  return `${prefix}${rest.join('').trimEnd()}`;
}

describe('a line that ingest accepts', () => {
  it('never makes a build fail', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArbitrary({ dateRange: DATES }), { minLength: 10, maxLength: 20 }),
        fc.array(extremeRecordArbitrary({ dateRange: DATES }), { minLength: 1, maxLength: 2 }),
        async (ordinary, extreme) => {
          const dir = await tempDir();
          // Ids made unique here: two records with one id are a duplicate or a conflict, not two events.
          const records: EventRecordInput[] = [...ordinary, ...extreme].map((record, i) => ({
            ...record,
            eventId: uniqueId(i, record.eventId),
          }));
          const extract = join(dir, 'events.ndjson');
          await writeFile(extract, records.map(line).join('\n'));
          const store = join(dir, 'store.duckdb');
          const ingested = await runCli(['ingest', extract, '--store', store, '--json']);
          expect(ingested.stderr).toBe('');
          expect(JSON.parse(ingested.stdout)).toMatchObject({
            read: records.length,
            accepted: records.length,
          });
          const built = await runCli([
            'build',
            '--out',
            join(dir, 'site'),
            '--store',
            store,
            '--as-of',
            AS_OF,
          ]);
          expect(built.stderr).toBe('');
          expect(built.code).toBe(0);
          // Feeds, sitemaps and ST.96 files carry the records' text: each must still be XML.
          const site = join(dir, 'site');
          for (const entry of await readdir(site, { recursive: true, withFileTypes: true })) {
            if (!entry.isFile() || !entry.name.endsWith('.xml')) continue;
            const file = join(entry.parentPath, entry.name);
            expect(() => parseXml(readFileSync(file, 'utf8')), file).not.toThrow();
          }
        },
      ),
      { numRuns: 2, endOnFailure: true },
    );
  }, 900_000);
});
