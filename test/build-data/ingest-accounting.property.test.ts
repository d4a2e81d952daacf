import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../scripts/build-data/ingest.ts';
import { openEventStore } from '../../src/lib/store/event-store.ts';
import { line, trademarkRecord, writeExtract } from '../helpers/records.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

type Kind = 'valid' | 'duplicate' | 'conflict' | 'invalid' | 'blank';

const invalidLines = [
  'not json',
  '[1,2]',
  '{"eventId":"X"}',
  line({ ...trademarkRecord(), office: 'NOR' }),
  line({ ...trademarkRecord(), eventDate: '2023-02-29' }),
  line({ ...trademarkRecord(), surprise: true }),
];

/** Builds an extract from a list of kinds and what ingest must make of it. */
function buildExtract(kinds: Kind[], picks: number[]) {
  const lines: string[] = [];
  const accepted: string[] = [];
  const refused: string[] = [];
  const expected = { read: 0, accepted: 0, duplicate: 0, conflict: 0, rejected: 0, blank: 0 };
  kinds.forEach((kind, i) => {
    const pick = picks[i] ?? 0;
    const earlier = accepted.length > 0 ? (accepted[pick % accepted.length] as string) : undefined;
    let text: string;
    if (kind === 'valid' || (!earlier && (kind === 'duplicate' || kind === 'conflict'))) {
      text = line(trademarkRecord({ eventId: `E${i}`, nationalCode: `C${pick % 7}` }));
      accepted.push(text);
      expected.accepted++;
    } else if (kind === 'duplicate') {
      text = earlier as string;
      expected.duplicate++;
    } else if (kind === 'conflict') {
      const record = JSON.parse(earlier as string);
      text = line({ ...record, nationalCode: `${record.nationalCode}-changed-${i}` });
      refused.push(text);
      expected.conflict++;
    } else if (kind === 'invalid') {
      text = invalidLines[pick % invalidLines.length] as string;
      refused.push(text);
      expected.rejected++;
    } else {
      text = ' '.repeat(pick % 3);
      expected.blank++;
    }
    lines.push(text);
    expected.read++;
  });
  // An empty last line is only the previous line's terminator: a file does not end in a blank line.
  if (lines.at(-1) === '') {
    expected.read--;
    expected.blank--;
  }
  return { content: lines.join(picks[0] && picks[0] % 2 ? '\r\n' : '\n'), accepted, refused, expected };
}

describe('ingestFile(store, file) accounting', () => {
  it('for any mix of lines, counts add up and every line ends up in the store or the quarantine', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Kind>('valid', 'duplicate', 'conflict', 'invalid', 'blank'), {
          maxLength: 40,
        }),
        fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
        async (kinds, picks) => {
          const dir = await tempDir();
          const extract = buildExtract(kinds, picks);
          const file = join(dir, 'extract.ndjson');
          await writeExtract(file, extract.content);
          const store = await openEventStore(join(dir, 'store.duckdb'));
          try {
            const summary = await ingestFile(store, file, {
              quarantinePath: join(dir, 'q.ndjson'),
              workers: 0,
            });
            const { read, accepted, duplicate, conflict, rejected, blank } = summary;
            expect({ read, accepted, duplicate, conflict, rejected, blank }).toEqual(extract.expected);
            expect(accepted + duplicate + conflict + rejected + blank).toBe(read);

            const stored = (
              await store.connection.runAndReadAll('SELECT raw FROM events ORDER BY line')
            ).getRowObjectsJS();
            expect(stored.map((r) => r.raw)).toEqual(extract.accepted);
            const quarantined = (await readFile(join(dir, 'q.ndjson'), 'utf8').catch(() => ''))
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l).raw);
            expect(quarantined).toEqual(extract.refused);
          } finally {
            store.closeSync();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
