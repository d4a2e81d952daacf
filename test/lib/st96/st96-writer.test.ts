import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { CliError } from '../../../src/lib/cli-error.ts';
import { parseCsv } from '../../../src/lib/csv/parse-csv.ts';
import type { St96PatentRecord, St96StatusEvent } from '../../../src/lib/st96/patent-legal-status.ts';
import {
  CATEGORY_EVENT_DATA,
  ipRightKindCategory,
  type St96File,
  statusEventIdentifier,
  writeSt96Files,
} from '../../../src/lib/st96/st96-writer.ts';
import { type St96ValidationResult, validateSt96 } from '../../../src/lib/st96/validate-st96.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const SCHEMA_DIR = 'standards/st96';
const tempDir = useTempDirs();

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const OPTIONS = { baseName: 'patent-legal-status', office: 'NO', creationDate: '2025-03-10' };

// ---------------------------------------------------------------------------------------------
// Records built from every row of the project's patent mapping table, plus the special cases.

interface MappingCodes {
  nationalCode: string;
  keyEvent: string;
  detailedEvent: string;
  state: string;
  previousStage: string;
  currentStage: string;
}

async function mappingRows(): Promise<MappingCodes[]> {
  const [header, ...rows] = parseCsv(await readFile('mappings/patent.csv', 'utf8'));
  const col = (name: string) => (header as string[]).indexOf(name);
  return rows.map((row) => ({
    nationalCode: row[col('nationalCode')] as string,
    keyEvent: row[col('keyEvent')] as string,
    detailedEvent: row[col('detailedEvent')] as string,
    state: row[col('state')] as string,
    previousStage: row[col('previousStage')] as string,
    currentStage: row[col('currentStage')] as string,
  }));
}

const KINDS = ['patent', 'spc', 'ep-validation', 'utility model', 'plant variety', undefined];

/** The mapping rows as national events: the rows of one national code are one event (one-to-many). */
function nationalEvents(rows: MappingCodes[]): MappingCodes[][] {
  const events = new Map<string, MappingCodes[]>();
  for (const row of rows) events.set(row.nationalCode, [...(events.get(row.nationalCode) ?? []), row]);
  return [...events.values()];
}

/**
 * Five national events a record, each with one standard event per mapping row of its code, dates in
 * order, the optional fields present or not in turn; the first event of each key event category has
 * an issue, so every category's event data element is written.
 */
function recordsFromRows(rows: MappingCodes[]): St96PatentRecord[] {
  const records: St96PatentRecord[] = [];
  const withIssue = new Set<string>();
  const national = nationalEvents(rows);
  for (let start = 0, n = 0; start < national.length; start += 5, n++) {
    const events = national.slice(start, start + 5).flatMap((group, i) =>
      group.map((row, seq): St96StatusEvent => {
        const day = String(i + 1).padStart(2, '0');
        const event: St96StatusEvent = {
          eventId: `NO-PT-${2020 + n}-${i}`,
          standardEventSeq: seq + 1,
          ...row,
          eventDate: `2024-03-${day}`,
        };
        if ((n + i) % 2 === 0) event.publicationDate = `2024-03-${String(i + 10).padStart(2, '0')}`;
        if ((n + i) % 3 === 0) event.effectiveDate = `2024-04-${day}`;
        if ((n + i) % 2 === 0 || !withIssue.has(row.keyEvent)) event.issue = '2024-11';
        withIssue.add(row.keyEvent);
        return event;
      }),
    );
    const record: St96PatentRecord = {
      office: 'NO',
      applicationNumber: `2020${String(n).padStart(4, '0')}`,
      events,
    };
    if (n % 2 === 0) record.filingDate = '2020-01-15';
    if (n % 3 !== 1) record.registrationNumber = String(350000 + n);
    if (n % 3 === 0) record.grantDate = '2023-06-01';
    const kind = KINDS[n % KINDS.length];
    if (kind !== undefined) record.kind = kind;
    records.push(record);
  }
  return records;
}

const ESCAPED = `12<3>&"'4 &amp; &lt;x`;

/** A standard event of the corrections record 20230001, from its mapping codes. */
function correctionsEvent(
  n: number,
  codes: readonly [
    nationalCode: string,
    keyEvent: string,
    detailedEvent: string,
    state: string,
    stages: string,
  ],
  rest: Partial<St96StatusEvent> & { eventDate: string },
): St96StatusEvent {
  const [nationalCode, keyEvent, detailedEvent, state, stages] = codes;
  return {
    eventId: `NO-PT-20230001-${n}`,
    standardEventSeq: 1,
    state,
    previousStage: stages.charAt(0),
    currentStage: stages.charAt(1),
    keyEvent,
    detailedEvent,
    nationalCode,
    ...rest,
  };
}

const MEDD = ['MEDD', 'F10', 'F11', 'A', '24'] as const;
const ERR = ['ERR', 'Y10', 'Y00', 'U', '00'] as const;
const AAAD = ['AAAD', 'Q10', 'Q17', 'A', '44'] as const;
const T2_F = ['T2', 'F10', 'F17', 'A', '24'] as const;
const T2_Q = ['T2', 'Q10', 'Q13', 'A', '44'] as const;
const MM1K = ['MM1K', 'H10', 'H13', 'N', '46'] as const;

/** Corrections, a bare record with only what is required, and text that needs escaping. */
const SPECIAL: St96PatentRecord[] = [
  {
    office: 'NO',
    applicationNumber: '20230001',
    registrationNumber: '360001',
    grantDate: '2024-05-02',
    kind: 'patent',
    events: [
      // Corrected twice; the latest correction is its supersededBy, as the export gives it.
      correctionsEvent(1, MEDD, {
        eventDate: '2024-05-02',
        publicationDate: '2024-05-06',
        issue: '2024-19',
        supersededBy: 'NO-PT-20230001-4',
      }),
      // A correction (category Y) of an event of the same record.
      correctionsEvent(2, ERR, {
        eventDate: '2024-06-03',
        publicationDate: '2024-06-10',
        issue: '2024-24',
        supersedes: 'NO-PT-20230001-1',
      }),
      // A correction (category Y) of an event not in this record: no date to identify it by.
      correctionsEvent(3, ERR, { eventDate: '2024-06-04', supersedes: 'NO-PT-20230001-0' }),
      // A correcting event of another category, without an issue.
      correctionsEvent(4, AAAD, { eventDate: '2024-06-05', supersedes: 'NO-PT-20230001-1' }),
      // One national event mapped to two standard events, corrected by the next one.
      correctionsEvent(5, T2_F, {
        eventDate: '2024-06-06',
        issue: '2024-23',
        supersededBy: 'NO-PT-20230001-6',
      }),
      {
        ...correctionsEvent(5, T2_Q, { eventDate: '2024-06-06', issue: '2024-23' }),
        standardEventSeq: 2,
        supersededBy: 'NO-PT-20230001-6',
      },
      correctionsEvent(6, ERR, {
        eventDate: '2024-06-07',
        effectiveDate: '2024-06-01',
        issue: '2024-24',
        supersedes: 'NO-PT-20230001-5',
      }),
      // Corrected by an event that is not in the document (say, one without an ST.27 mapping).
      correctionsEvent(7, MM1K, { eventDate: '2024-06-08', supersededBy: 'NO-PT-20230001-8' }),
    ],
  },
  {
    office: 'NO',
    applicationNumber: '20230002',
    events: [
      {
        eventId: 'NO-PT-20230002-1',
        standardEventSeq: 1,
        state: 'A',
        previousStage: '0',
        currentStage: '1',
        keyEvent: 'A10',
        detailedEvent: 'A12',
        nationalCode: 'SOKN',
        eventDate: '2023-02-01',
      },
    ],
  },
  {
    office: 'NO',
    applicationNumber: ESCAPED,
    registrationNumber: `P${ESCAPED}`,
    events: [
      {
        eventId: 'NO-PT-ESC-1',
        standardEventSeq: 1,
        state: 'A',
        previousStage: '0',
        currentStage: '1',
        keyEvent: 'A10',
        detailedEvent: 'A12',
        nationalCode: 'SOKN',
        eventDate: '2023-02-01',
      },
    ],
  },
];

/** A record larger than the small maxBytes of the split output. */
function bigRecord(events: number): St96PatentRecord {
  return {
    office: 'NO',
    applicationNumber: '20239999',
    events: Array.from({ length: events }, (_, i) => ({
      eventId: `NO-PT-BIG-${i}`,
      standardEventSeq: 1,
      state: 'A',
      previousStage: '4',
      currentStage: '4',
      keyEvent: 'U10',
      detailedEvent: 'U11',
      nationalCode: 'ARSP',
      eventDate: '2024-01-02',
      issue: '2024-01',
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the files back with xmlbuilder2's parser.

type Node = ReturnType<typeof create>;

const elements = (parent: Node, name?: string) =>
  parent.filter((n) => n.node.nodeType === 1 && (name === undefined || n.node.nodeName === name));
const textOf = (parent: Node, name: string) => elements(parent, name)[0]?.node.textContent ?? undefined;

interface ParsedIdentification {
  dates: string[];
  identifier: string | undefined;
  codes: (string | undefined)[];
}

interface ParsedEvent {
  eventId: string | undefined;
  codes: (string | undefined)[];
  dates: string[];
  category?: {
    element: string;
    children: string[];
    gazette?: string;
    comments: string[];
    identifications: ParsedIdentification[];
  };
}

interface ParsedRecord {
  children: string[];
  office: string | undefined;
  applicationNumber: string | undefined;
  filingDate: string | undefined;
  patentNumber: string | undefined;
  grantDate: string | undefined;
  kind: string | undefined;
  events: ParsedEvent[];
}

const CODE_ELEMENTS = [
  'com:StateCode',
  'com:PreviousStageCode',
  'com:CurrentStageCode',
  'pat:KeyEventCode',
  'pat:DetailedEventCode',
  'pat:NationalEventCode',
];

const DATE_ELEMENTS = ['com:EventDate', 'com:EffectiveDate', 'com:PublicationDate'];

const datesOf = (parent: Node) =>
  elements(parent)
    .filter((n) => DATE_ELEMENTS.includes(n.node.nodeName))
    .map((n) => `${n.node.nodeName}=${n.node.textContent}`);

const codesOf = (parent: Node) => {
  const code = elements(parent, 'pat:StatusEventCode')[0] as Node;
  return CODE_ELEMENTS.map((name) => textOf(code, name));
};

function parseEvent(data: Node): ParsedEvent {
  const event: ParsedEvent = {
    eventId: textOf(data, 'com:StatusEventIdentifier'),
    codes: codesOf(data),
    dates: datesOf(data),
  };
  const category = elements(data).find((n) => n.node.nodeName.endsWith('EventData'));
  if (category) {
    event.category = {
      element: category.node.nodeName,
      children: elements(category).map((n) => n.node.nodeName),
      gazette: textOf(category, 'pat:GazetteNumber'),
      comments: elements(category, 'com:CommentText').map((n) => n.node.textContent ?? ''),
      identifications: elements(category, 'pat:StatusEventIdentification').map((n) => ({
        dates: datesOf(n),
        identifier: textOf(n, 'com:StatusEventIdentifier'),
        codes: codesOf(n),
      })),
    };
  }
  return event;
}

function parseSt96(xml: string): { root: string; records: ParsedRecord[] } {
  const root = create(xml).root();
  const records = elements(root, 'pat:PatentLegalStatus').map((status): ParsedRecord => {
    const application = elements(status, 'pat:ApplicationIdentification')[0] as Node;
    const grant = elements(status, 'pat:PatentGrantIdentification')[0];
    const bag = elements(status, 'pat:StatusEventDataBag')[0] as Node;
    return {
      children: elements(status).map((n) => n.node.nodeName),
      office: textOf(application, 'com:IPOfficeCode'),
      applicationNumber: textOf(
        elements(application, 'com:ApplicationNumber')[0] as Node,
        'com:ApplicationNumberText',
      ),
      filingDate: textOf(application, 'pat:FilingDate'),
      patentNumber: grant ? textOf(grant, 'pat:PatentNumber') : undefined,
      grantDate: grant ? textOf(grant, 'pat:GrantDate') : undefined,
      kind: textOf(status, 'com:IPRightKindCategory'),
      events: elements(bag, 'pat:StatusEventData').map(parseEvent),
    };
  });
  return { root: root.node.nodeName, records };
}

async function readBack(files: St96File[]) {
  return Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file.path);
      return { file, bytes, parsed: parseSt96(bytes.toString('utf8')) };
    }),
  );
}

/** The output written as one file, read back. */
async function readWhole() {
  expect(whole).toHaveLength(1);
  const [first] = await readBack(whole);
  if (!first) throw new Error('no file');
  return first;
}

// ---------------------------------------------------------------------------------------------
// One output in a single file, one split into small files; all validated in one xmllint run.

let workDir: string;
let input: St96PatentRecord[];
let whole: St96File[];
let split: St96File[];
const SPLIT_MAX = 6_000;
let validation: St96ValidationResult[];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tidende-st96-'));
  input = [...recordsFromRows(await mappingRows()), ...SPECIAL];
  whole = await writeSt96Files(fromArray(input), {
    ...OPTIONS,
    dir: join(workDir, 'whole'),
    maxBytes: 50 * 1024 * 1024,
    ipoVersion: 'Tidende 1',
  });
  split = await writeSt96Files(fromArray([...input.slice(0, 8), bigRecord(40), ...input.slice(8)]), {
    ...OPTIONS,
    dir: join(workDir, 'split'),
    maxBytes: SPLIT_MAX,
  });
  validation = await validateSt96(
    [...whole, ...split].map((f) => f.path),
    SCHEMA_DIR,
  );
}, 180_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('writeSt96Files', () => {
  it('writes documents that are valid against the ST.96 V6_0 XSD, split or not', () => {
    expect(split.length).toBeGreaterThan(3);
    expect(validation).toHaveLength(whole.length + split.length);
    for (const result of validation) expect(result).toEqual({ file: result.file, valid: true, errors: [] });
  });

  it('writes the document element with namespaces and attributes as in the samples', async () => {
    const text = await readFile((whole[0] as St96File).path, 'utf8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<pat:PatentLegalStatusData ')).toBe(true);
    const start = text.slice(0, text.indexOf('>', 40) + 1);
    expect(start).toContain('xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent"');
    expect(start).toContain('xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common"');
    expect(start).toContain('com:st96Version="V6_0"');
    expect(start).toContain('com:officeCode="NO"');
    expect(start).toContain('com:creationDate="2025-03-10"');
    expect(start).toContain('com:ipoVersion="Tidende 1"');
    // Declared once, on the document element.
    expect(text.match(/xmlns:/g)).toHaveLength(2);
    expect(text.endsWith('</pat:PatentLegalStatusData>\n')).toBe(true);
  });

  it('writes every event of every record with its codes, dates and gazette number', async () => {
    expect(whole).toHaveLength(1);
    const { parsed } = await readWhole();
    expect(parsed.root).toBe('pat:PatentLegalStatusData');
    expect(parsed.records).toHaveLength(input.length);
    parsed.records.forEach((record, r) => {
      const source = input[r] as St96PatentRecord;
      expect(record.office).toBe('NO');
      expect(record.applicationNumber).toBe(source.applicationNumber);
      expect(record.filingDate).toBe(source.filingDate);
      expect(record.patentNumber).toBe(source.registrationNumber);
      expect(record.grantDate).toBe(source.registrationNumber ? source.grantDate : undefined);
      expect(record.events.map((e) => e.eventId)).toEqual(
        source.events.map((e) => `${e.eventId}-${e.standardEventSeq}`),
      );
      record.events.forEach((event, e) => {
        const expected = source.events[e] as St96StatusEvent;
        expect(event.codes).toEqual([
          expected.state,
          expected.previousStage,
          expected.currentStage,
          expected.keyEvent,
          expected.detailedEvent,
          expected.nationalCode,
        ]);
        expect(event.dates).toEqual(
          [
            `com:EventDate=${expected.eventDate}`,
            expected.effectiveDate && `com:EffectiveDate=${expected.effectiveDate}`,
            expected.publicationDate && `com:PublicationDate=${expected.publicationDate}`,
          ].filter(Boolean),
        );
        expect(event.category?.gazette).toBe(expected.issue?.replace('-', '/'));
        if (
          expected.issue === undefined &&
          expected.supersedes === undefined &&
          expected.supersededBy === undefined &&
          !source.events.some((other) => other.supersedes === expected.eventId)
        )
          expect(event.category).toBeUndefined();
      });
    });
  });

  it('uses every key event category of the mapping table, in its category event data element', async () => {
    const { parsed } = await readWhole();
    const seen = new Map<string, string>();
    for (const event of parsed.records.flatMap((r) => r.events)) {
      if (event.category) seen.set(String(event.codes[3]).charAt(0), event.category.element);
    }
    const categories = new Set((await mappingRows()).map((row) => row.keyEvent.charAt(0)));
    expect([...categories].filter((c) => !seen.has(c))).toEqual([]);
    expect(seen.get('A')).toBe('pat:ApplicationFilingEventData');
    expect(seen.get('F')).toBe('pat:IPRightGrantEventData');
    expect(seen.get('H')).toBe('pat:IPRightCessationEventData');
    expect(seen.get('U')).toBe('pat:PaymentEventData');
    expect(seen.get('Y')).toBe('pat:CorrectionEventData');
  });

  it('names the category event data elements in the XSD order of the ST.27 categories', async () => {
    const xsd = await readFile(join(SCHEMA_DIR, 'PatentLegalStatusData_V6_0.xsd'), 'utf8');
    const type =
      /<xsd:complexType name="StatusEventDataType">([\s\S]*?)<\/xsd:complexType>/.exec(xsd)?.[1] ?? '';
    const choice = [...type.matchAll(/ref="pat:(\w+EventData)"/g)].map((m) => m[1]);
    expect(Object.values(CATEGORY_EVENT_DATA)).toEqual(choice);
    const st27 = JSON.parse(await readFile('src/lib/standards/st27.json', 'utf8')) as {
      categories: { code: string }[];
    };
    expect(Object.keys(CATEGORY_EVENT_DATA)).toEqual(st27.categories.map((c) => c.code));
  });

  it('gives each standard event its own identifier: the event id and its number, also one-to-many', async () => {
    expect(statusEventIdentifier({ eventId: 'NO-PT-20231234-0002', standardEventSeq: 2 })).toBe(
      'NO-PT-20231234-0002-2',
    );
    const { parsed } = await readWhole();
    const record = parsed.records.find((r) => r.applicationNumber === '20230001') as ParsedRecord;
    expect(record.events.map((e) => e.eventId)).toEqual([
      'NO-PT-20230001-1-1',
      'NO-PT-20230001-2-1',
      'NO-PT-20230001-3-1',
      'NO-PT-20230001-4-1',
      'NO-PT-20230001-5-1',
      'NO-PT-20230001-5-2',
      'NO-PT-20230001-6-1',
      'NO-PT-20230001-7-1',
    ]);
    // Every one-to-many code of the mapping table (e.g. T2: F10 and Q10) gives distinct identifiers.
    const oneToMany = new Set(
      nationalEvents(await mappingRows())
        .filter((group) => group.length > 1)
        .map((group) => group[0]?.nationalCode),
    );
    expect(oneToMany).toContain('T2');
    const fromMapping = parsed.records.slice(0, input.length - SPECIAL.length).flatMap((r) => r.events);
    const t2 = fromMapping.filter((e) => e.codes[5] === 'T2');
    expect(t2.map((e) => [e.eventId, e.codes[3]])).toEqual([
      ['NO-PT-2030-4-1', 'F10'],
      ['NO-PT-2030-4-2', 'Q10'],
    ]);
    for (const code of oneToMany) {
      const ids = fromMapping.filter((e) => e.codes[5] === code).map((e) => e.eventId as string);
      expect(ids.length, code).toBeGreaterThan(1);
      expect(new Set(ids).size, code).toBe(ids.length);
      expect(new Set(ids.map((id) => id.replace(/-\d+$/, ''))).size, code).toBe(1);
    }
    // Unique in each file, whole or split.
    for (const { parsed: file } of await readBack([...whole, ...split])) {
      const ids = file.records.flatMap((r) => r.events.map((e) => e.eventId));
      expect(ids.every((id) => id !== undefined)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('identifies the corrected event in category Y, and marks the corrected event with its corrections', async () => {
    const { parsed } = await readWhole();
    const record = parsed.records.find((r) => r.applicationNumber === '20230001') as ParsedRecord;
    const byId = new Map(record.events.map((e) => [e.eventId, e.category]));
    const absent = (id: string) => `event ${id} of the office, which has no status event in this document`;
    expect(byId.get('NO-PT-20230001-1-1')).toEqual({
      element: 'pat:IPRightGrantEventData',
      children: ['pat:GazetteNumber', 'com:CommentText', 'com:CommentText'],
      gazette: '2024/19',
      comments: [
        'Corrected by status event NO-PT-20230001-2-1',
        'Corrected by status event NO-PT-20230001-4-1',
      ],
      identifications: [],
    });
    expect(byId.get('NO-PT-20230001-2-1')).toEqual({
      element: 'pat:CorrectionEventData',
      children: ['pat:GazetteNumber', 'pat:StatusEventIdentification', 'com:CommentText'],
      gazette: '2024/24',
      comments: ['Corrects status event NO-PT-20230001-1-1'],
      identifications: [
        {
          dates: ['com:EventDate=2024-05-02', 'com:PublicationDate=2024-05-06'],
          identifier: 'NO-PT-20230001-1-1',
          codes: ['A', '2', '4', 'F10', 'F11', 'MEDD'],
        },
      ],
    });
    expect(byId.get('NO-PT-20230001-3-1')).toEqual({
      element: 'pat:CorrectionEventData',
      children: ['com:CommentText'],
      gazette: undefined,
      comments: [`Corrects ${absent('NO-PT-20230001-0')}`],
      identifications: [],
    });
    // Outside category Y the schema has nothing but the comment to refer to another event by.
    expect(byId.get('NO-PT-20230001-4-1')).toEqual({
      element: 'pat:DocumentPublicationEventData',
      children: ['com:CommentText'],
      gazette: undefined,
      comments: ['Corrects status event NO-PT-20230001-1-1'],
      identifications: [],
    });
    for (const [id, element] of [
      ['NO-PT-20230001-5-1', 'pat:IPRightGrantEventData'],
      ['NO-PT-20230001-5-2', 'pat:DocumentPublicationEventData'],
    ]) {
      expect(byId.get(id), id).toEqual({
        element,
        children: ['pat:GazetteNumber', 'com:CommentText'],
        gazette: '2024/23',
        comments: ['Corrected by status event NO-PT-20230001-6-1'],
        identifications: [],
      });
    }
    // A correction of a one-to-many event identifies each of its standard events.
    expect(byId.get('NO-PT-20230001-6-1')).toEqual({
      element: 'pat:CorrectionEventData',
      children: [
        'pat:GazetteNumber',
        'pat:StatusEventIdentification',
        'pat:StatusEventIdentification',
        'com:CommentText',
      ],
      gazette: '2024/24',
      comments: ['Corrects status events NO-PT-20230001-5-1, NO-PT-20230001-5-2'],
      identifications: [
        {
          dates: ['com:EventDate=2024-06-06'],
          identifier: 'NO-PT-20230001-5-1',
          codes: ['A', '2', '4', 'F10', 'F17', 'T2'],
        },
        {
          dates: ['com:EventDate=2024-06-06'],
          identifier: 'NO-PT-20230001-5-2',
          codes: ['A', '4', '4', 'Q10', 'Q13', 'T2'],
        },
      ],
    });
    expect(byId.get('NO-PT-20230001-7-1')).toEqual({
      element: 'pat:IPRightCessationEventData',
      children: ['com:CommentText'],
      gazette: undefined,
      comments: [`Corrected by ${absent('NO-PT-20230001-8')}`],
      identifications: [],
    });
  });

  it('links every correction of the input both ways by identifier, in the files read back', async () => {
    const pair = (from: string, to: string) => `${from} corrects ${to}`;
    const expected = new Set<string>();
    const expectedY = new Set<string>();
    for (const record of input) {
      for (const event of record.events) {
        if (event.supersedes === undefined) continue;
        for (const target of record.events.filter((t) => t.eventId === event.supersedes)) {
          const link = pair(
            `${event.eventId}-${event.standardEventSeq}`,
            `${target.eventId}-${target.standardEventSeq}`,
          );
          expected.add(link);
          if (event.keyEvent.startsWith('Y')) expectedY.add(link);
        }
      }
    }
    expect(expected.size).toBe(4);
    expect(expectedY.size).toBe(3);
    for (const files of [whole, split]) {
      const identified = new Set<string>();
      const commented = new Set<string>();
      const marked = new Set<string>();
      for (const { parsed } of await readBack(files)) {
        for (const record of parsed.records) {
          const ids = new Set(record.events.map((e) => e.eventId));
          for (const event of record.events) {
            const id = event.eventId as string;
            for (const identification of event.category?.identifications ?? []) {
              expect(ids.has(identification.identifier)).toBe(true);
              identified.add(pair(id, identification.identifier as string));
            }
            for (const comment of event.category?.comments ?? []) {
              const corrects = /^Corrects status events? (.+)$/.exec(comment)?.[1];
              const correctedBy = /^Corrected by status events? (.+)$/.exec(comment)?.[1];
              for (const other of corrects?.split(', ') ?? []) {
                expect(ids.has(other)).toBe(true);
                commented.add(pair(id, other));
              }
              for (const other of correctedBy?.split(', ') ?? []) {
                expect(ids.has(other)).toBe(true);
                marked.add(pair(other, id));
              }
            }
          }
        }
      }
      expect(identified).toEqual(expectedY);
      expect(commented).toEqual(expected);
      expect(marked).toEqual(expected);
    }
  });

  it('leaves out what a record does not have, in the order of the XSD sequence', async () => {
    const { parsed } = await readWhole();
    const bare = parsed.records.find((r) => r.applicationNumber === '20230002') as ParsedRecord;
    expect(bare.children).toEqual(['pat:ApplicationIdentification', 'pat:StatusEventDataBag']);
    const full = parsed.records.find((r) => r.applicationNumber === '20230001') as ParsedRecord;
    expect(full.children).toEqual([
      'pat:ApplicationIdentification',
      'pat:PatentGrantIdentification',
      'com:IPRightKindCategory',
      'pat:StatusEventDataBag',
    ]);
  });

  it('maps a kind of right only to a faithful IPRightKindCategory', async () => {
    expect(ipRightKindCategory('patent')).toBe('Patent for invention');
    expect(ipRightKindCategory('ep-validation')).toBe('Patent for invention');
    expect(ipRightKindCategory('SPC')).toBe('SPC');
    expect(ipRightKindCategory('utility model')).toBe('Utility model');
    expect(ipRightKindCategory('plant variety')).toBeUndefined();
    expect(ipRightKindCategory('trademark')).toBeUndefined();
    const { parsed } = await readWhole();
    const kinds = parsed.records.map((r) => r.kind);
    expect(kinds).toEqual(input.map((record) => ipRightKindCategory(record.kind)));
    expect(new Set(kinds)).toEqual(new Set(['Patent for invention', 'SPC', 'Utility model', undefined]));
  });

  it('escapes text so that it reads back unchanged', async () => {
    const { bytes, parsed } = await readWhole();
    const record = parsed.records.find((r) => r.applicationNumber === ESCAPED);
    expect(record?.patentNumber).toBe(`P${ESCAPED}`);
    expect(bytes.toString('utf8')).toContain(
      '<com:ApplicationNumberText>12&lt;3&gt;&amp;"\'4 &amp;amp; &amp;lt;x</com:ApplicationNumberText>',
    );
  });

  it('splits into files of at most maxBytes, a larger record alone, without losing or repeating one', async () => {
    const back = await readBack(split);
    expect(split.map((f) => f.path)).toEqual(
      split.map((_, i) =>
        join(workDir, 'split', `patent-legal-status-${String(i + 1).padStart(4, '0')}.xml`),
      ),
    );
    expect((await readdir(join(workDir, 'split'))).sort()).toEqual(split.map((f) => basename(f.path)));
    for (const { file, bytes, parsed } of back) {
      expect(file.bytes).toBe(bytes.length);
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file.records).toBe(parsed.records.length);
      expect(file.events).toBe(parsed.records.reduce((sum, r) => sum + r.events.length, 0));
      if (file.records > 1) expect(file.bytes).toBeLessThanOrEqual(SPLIT_MAX);
    }
    const big = back.filter(({ parsed }) => parsed.records.some((r) => r.applicationNumber === '20239999'));
    expect(big).toHaveLength(1);
    expect(big[0]?.file.records).toBe(1);
    expect(big[0]?.file.bytes).toBeGreaterThan(SPLIT_MAX);
    // A file is only closed when the next record does not fit.
    back.slice(0, -1).forEach(({ file }, i) => {
      const text = back[i + 1]?.bytes.toString('utf8') ?? '';
      const first =
        /\n {2}<pat:PatentLegalStatus>[\s\S]*?\n {2}<\/pat:PatentLegalStatus>/.exec(text)?.[0] ?? '';
      expect(first).not.toBe('');
      expect(file.bytes + Buffer.byteLength(first)).toBeGreaterThan(SPLIT_MAX);
    });
    const ids = back.flatMap(({ parsed }) => parsed.records.flatMap((r) => r.events.map((e) => e.eventId)));
    const expected = [...input.slice(0, 8), bigRecord(40), ...input.slice(8)].flatMap((r) =>
      r.events.map((e) => `${e.eventId}-${e.standardEventSeq}`),
    );
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes no file for no records', async () => {
    const dir = join(await tempDir(), 'out');
    expect(await writeSt96Files(fromArray([]), { ...OPTIONS, dir, maxBytes: 1000 })).toEqual([]);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });

  it('streams 20,000 records from a generator into files', async () => {
    const dir = await tempDir();
    async function* many(): AsyncGenerator<St96PatentRecord> {
      for (let i = 0; i < 20_000; i++) {
        const applicationNumber = String(20_000_000 + i);
        yield {
          office: 'NO',
          applicationNumber,
          filingDate: '2021-05-04',
          kind: 'patent',
          events: [
            {
              eventId: `NO-PT-${applicationNumber}-1`,
              standardEventSeq: 1,
              state: 'A',
              previousStage: '0',
              currentStage: '1',
              keyEvent: 'A10',
              detailedEvent: 'A12',
              nationalCode: 'SOKN',
              eventDate: '2021-05-04',
              publicationDate: '2021-05-10',
              issue: '2021-19',
            },
          ],
        };
      }
    }
    const files = await writeSt96Files(many(), { ...OPTIONS, dir, maxBytes: 2 * 1024 * 1024 });
    expect(files.length).toBeGreaterThan(1);
    expect(files.reduce((sum, f) => sum + f.records, 0)).toBe(20_000);
    expect(files.reduce((sum, f) => sum + f.events, 0)).toBe(20_000);
    for (const file of files) {
      const bytes = await readFile(file.path);
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
      const text = bytes.toString('utf8');
      expect(text.match(/<pat:PatentLegalStatus>/g)).toHaveLength(file.records);
      expect(text.endsWith('</pat:PatentLegalStatusData>\n')).toBe(true);
    }
  }, 120_000);
});

describe('writeSt96Files errors', () => {
  const good = SPECIAL[1] as St96PatentRecord;

  async function failure(records: AsyncIterable<St96PatentRecord>, maxBytes = 1000) {
    const dir = join(await tempDir(), 'out');
    const error = await writeSt96Files(records, { ...OPTIONS, dir, maxBytes }).catch((e: unknown) => e);
    const left = await readdir(dir).catch(() => []);
    return { error: error as Error, left };
  }

  it('refuses a record without events and removes the files already written', async () => {
    const { error, left } = await failure(
      fromArray([good, good, { ...good, applicationNumber: '5', events: [] }]),
    );
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toContain('patent application "5" (NO)');
    expect(error.message).toContain('no ST.27 event');
    expect(left).toEqual([]);
  });

  it('refuses a gazette issue that is not YYYY-WW', async () => {
    const event = { ...(good.events[0] as St96StatusEvent), issue: '2024/11' };
    const { error } = await failure(fromArray([{ ...good, events: [event] }]));
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toContain('expected the gazette issue as YYYY-WW, found "2024/11"');
  });

  it('refuses two status events with one identifier, and a standard event number that is not one', async () => {
    const event = good.events[0] as St96StatusEvent;
    const twice = await failure(fromArray([{ ...good, events: [event, { ...event, keyEvent: 'Q10' }] }]));
    expect(twice.error).toBeInstanceOf(CliError);
    expect(twice.error.message).toContain(
      'two of its status events have the identifier "NO-PT-20230002-1-1"',
    );
    for (const standardEventSeq of [0, 1.5, Number.NaN]) {
      const { error } = await failure(fromArray([{ ...good, events: [{ ...event, standardEventSeq }] }]));
      expect(error).toBeInstanceOf(CliError);
      expect(error.message).toContain('expected its standard event number as a whole number from 1');
    }
  });

  it('refuses text that XML cannot hold', async () => {
    const { error, left } = await failure(fromArray([good, { ...good, applicationNumber: 'A\u0001B' }]));
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toContain('patent application "A\\u0001B"');
    expect(left).toEqual([]);
  });

  it('refuses a maxBytes that is not a positive whole number', async () => {
    const { error } = await failure(fromArray([good]), 0);
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toContain('expected maxBytes as a positive whole number of bytes, found 0');
  });

  it('passes on an error of the records and removes the files already written', async () => {
    async function* broken(): AsyncGenerator<St96PatentRecord> {
      yield good;
      yield good;
      throw new Error('store went away');
    }
    const { error, left } = await failure(broken(), 1_500);
    expect(error.message).toBe('store went away');
    expect(left).toEqual([]);
  });
});
