/** Event records for tests: one valid record per right type, and a way to vary them. */
import type { EventRecordInput } from '../../src/lib/event-record.ts';

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
        href: 'documents/trademark/202312345-1.svg',
        mediaType: 'image/svg+xml',
        sha256: 'a'.repeat(64),
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
