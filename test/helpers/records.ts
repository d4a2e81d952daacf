/** Event records for tests: one valid record per right type, and a way to vary them. */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EventRecordInput } from '../../src/lib/event-record.ts';

/** The mark image of {@link trademarkRecord}: a real SVG with its real hash. */
export const MARK_IMAGE = {
  href: 'documents/trademark/202312345-1.svg',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60" width="200" height="60"><title>NORDLYS</title><text x="10" y="40" font-size="32">NORDLYS</text></svg>\n',
  get sha256(): string {
    return createHash('sha256').update(this.svg).digest('hex');
  },
};

/**
 * Writes an extract and, beside it, the documents the test records refer to: ingest reads each
 * document from the extract's folder and rejects a line whose document is missing.
 */
export async function writeExtract(path: string, content: string | Buffer): Promise<void> {
  await writeFile(path, content);
  const image = join(dirname(path), MARK_IMAGE.href);
  await mkdir(dirname(image), { recursive: true });
  await writeFile(image, MARK_IMAGE.svg);
}

/** A valid trademark event with every kind of field filled. */
export function trademarkRecord(overrides: Partial<EventRecordInput> = {}): EventRecordInput {
  return {
    eventId: 'NO-TM-202312345-0001',
    office: 'NO',
    right: 'trademark',
    applicationNumber: '202312345',
    nationalCode: 'TMREG',
    eventDate: '2024-02-29',
    publicationDate: '2024-03-04',
    register: {
      title: 'NORDLYS',
      markFeature: 'combined',
      filingDate: '2023-10-02',
      registrationDate: '2024-02-29',
      expiryDate: '2033-10-02',
      parties: [
        { role: 'owner', name: 'Nordlys Teknologi AB', country: 'SE', city: 'Malmö' },
        { role: 'representative', name: 'Fjord Patent AS', country: 'NO', city: 'Oslo' },
      ],
      classes: [
        { scheme: 'nice', code: '9', terms: ['computer software', 'mobile apps'] },
        { scheme: 'vienna', code: '01.03.01' },
      ],
      priorities: [{ country: 'SE', number: '2023-04567', date: '2023-06-01' }],
    },
    documents: [
      {
        kind: 'mark-image',
        href: MARK_IMAGE.href,
        mediaType: 'image/svg+xml',
        sha256: MARK_IMAGE.sha256,
      },
    ],
    ...overrides,
  };
}

/** A valid patent event. */
export function patentRecord(overrides: Partial<EventRecordInput> = {}): EventRecordInput {
  return {
    eventId: 'NO-PT-20230456-0001',
    office: 'NO',
    right: 'patent',
    applicationNumber: '20230456',
    registrationNumber: '349876',
    nationalCode: 'MM1K',
    eventDate: '2025-01-15',
    register: {
      title: 'Fremgangsmåte for rensing av avgasser',
      kind: 'patent',
      filingDate: '2023-04-20',
      parties: [{ role: 'inventor', name: 'Kari Nordmann', country: 'NO', city: 'Trondheim' }],
      classes: [{ scheme: 'ipc', code: 'B01D 53/94' }],
    },
    ...overrides,
  };
}

/** One NDJSON line of a record. */
export function line(record: unknown): string {
  return JSON.stringify(record);
}
