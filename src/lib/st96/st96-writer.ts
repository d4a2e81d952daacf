/**
 * Writes patent legal status as WIPO ST.96 V6_0 `pat:PatentLegalStatusData` XML, split into
 * numbered files of bounded size (`<baseName>-0001.xml`, `-0002.xml`, ...), each a complete
 * document valid against the official XSD.
 *
 * Records are streamed: one xmlbuilder2 callback builder serializes each record as it arrives, the
 * text goes to a file stream that is awaited on back-pressure, and the size and sha256 of every file
 * are computed while writing. Memory holds one record at a time, whatever the number of patents.
 *
 * No records means no file at all: whether an empty release still needs a document is the
 * caller's decision (a valid document needs at least one `pat:PatentLegalStatus`).
 *
 * Each standard event has its own `com:StatusEventIdentifier`, `<eventId>-<standardEventSeq>`
 * (`statusEventIdentifier`), also the two or more of a one-to-many mapping. Corrections refer to
 * those identifiers both ways, as far as the XSD allows: a correction of category Y identifies the
 * corrected event in `pat:CorrectionEventData/pat:StatusEventIdentification`; the corrected event,
 * for which ST.96 has no element, names its corrections in a `com:CommentText` (see
 * `writeCorrects` and `writeCorrectedBy`).
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createCB } from 'xmlbuilder2';
import { CliError } from '../cli-error.ts';
import type { St96PatentRecord, St96StatusEvent } from './patent-legal-status.ts';

export const ST96_VERSION = 'V6_0';
export const PAT_NS = 'http://www.wipo.int/standards/XMLSchema/ST96/Patent';
export const COM_NS = 'http://www.wipo.int/standards/XMLSchema/ST96/Common';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * The `pat:StatusEventData` child that holds supplementary data of each ST.27 event category
 * (the letter of the key event), as named in the XSD's choice.
 */
export const CATEGORY_EVENT_DATA: Readonly<Record<string, string>> = {
  A: 'ApplicationFilingEventData',
  B: 'ApplicationDiscontinuationEventData',
  C: 'ApplicationRevivalEventData',
  D: 'SearchExaminationEventData',
  E: 'PreGrantReviewRequestEventData',
  F: 'IPRightGrantEventData',
  G: 'ProtectionBeyondIPRightTermEventData',
  H: 'IPRightCessationEventData',
  K: 'IPRightRevivalEventData',
  L: 'IPRightReviewRequestEventData',
  M: 'IPRightMaintenanceEventData',
  N: 'PermanentTerminationEventData',
  P: 'DocumentModificationEventData',
  Q: 'DocumentPublicationEventData',
  R: 'PartyChangeEventData',
  S: 'LicensingInformationEventData',
  T: 'AdministrativeProcedureAdjustmentEventData',
  U: 'PaymentEventData',
  V: 'AppealEventData',
  W: 'OtherEventData',
  Y: 'CorrectionEventData',
};

/**
 * National kinds of right with a faithful `com:IPRightKindCategory` value. A European patent
 * validated in Norway is a patent for invention there. Other kinds are left out.
 */
const IP_RIGHT_KIND_CATEGORIES: Readonly<Record<string, string>> = {
  patent: 'Patent for invention',
  'ep-validation': 'Patent for invention',
  spc: 'SPC',
  'utility-model': 'Utility model',
};

/** The `com:IPRightKindCategory` of a national kind of right, or undefined when there is none. */
export function ipRightKindCategory(kind: string | undefined): string | undefined {
  if (kind === undefined) return undefined;
  return IP_RIGHT_KIND_CATEGORIES[
    kind
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
  ];
}

/** A gazette issue `YYYY-WW` as `pat:GazetteNumber` `YYYY/WW`. */
export function gazetteNumber(issue: string): string | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(issue);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export interface St96WriteOptions {
  /** Folder to write into; created when the first file is written. */
  dir: string;
  /** File name stem: files are `<baseName>-0001.xml`, `-0002.xml`, ... */
  baseName: string;
  /** Largest size of one file in bytes; a single record larger than this goes alone in its file. */
  maxBytes: number;
  /** ST.3 code of the office: `com:officeCode`. */
  office: string;
  /** Date the documents are created (ISO date): `com:creationDate`. */
  creationDate: string;
  /** The office's version of its implementation: `com:ipoVersion`. */
  ipoVersion?: string;
}

/** One file written. */
export interface St96File {
  path: string;
  records: number;
  events: number;
  bytes: number;
  sha256: string;
}

type Builder = ReturnType<typeof createCB>;

/**
 * xmlbuilder2 leaves `&` unescaped when it already starts `&lt;`, `&gt;`, `&amp;`, `&apos;` or
 * `&quot;`, so such text would read back changed. Escaping exactly those ampersands first makes it
 * round-trip: xmlbuilder2 then keeps the `&amp;` and escapes every other `&`, `<` and `>` itself.
 */
function protectEntityLookalikes(text: string): string {
  return text.replace(/&(?=(?:lt|gt|amp|apos|quot);)/g, '&amp;');
}

function builderOptions(data: (chunk: string, level: number) => void, error: (e: Error) => void) {
  return { data, error, end: () => {}, prettyPrint: true, indent: '  ', wellFormed: true };
}

/** Opens the document element with its namespaces and attributes. */
function openRoot(builder: Builder, options: St96WriteOptions): void {
  builder
    .ele(PAT_NS, 'pat:PatentLegalStatusData')
    .att(XMLNS_NS, 'xmlns:com', COM_NS)
    .att(COM_NS, 'com:st96Version', ST96_VERSION)
    .att(COM_NS, 'com:officeCode', protectEntityLookalikes(options.office))
    .att(COM_NS, 'com:creationDate', protectEntityLookalikes(options.creationDate));
  if (options.ipoVersion !== undefined) {
    builder.att(COM_NS, 'com:ipoVersion', protectEntityLookalikes(options.ipoVersion));
  }
}

/**
 * The text every file starts and ends with: the XML declaration and the document element's start
 * tag, and its end tag. Serialized by xmlbuilder2 around one throw-away record, of which only the
 * chunks at the document level (level 0) are kept.
 */
function documentFrame(options: St96WriteOptions): { header: string; footer: string } {
  const header: string[] = [];
  const footer: string[] = [];
  let target = header;
  let failure: Error | undefined;
  const builder = createCB(
    builderOptions(
      (chunk, level) => {
        if (level === 0) target.push(chunk);
      },
      (error) => {
        failure ??= error;
      },
    ),
  );
  builder.dec({ version: '1.0', encoding: 'UTF-8' });
  openRoot(builder, options);
  // Adding a child writes out the start tag of the document element.
  builder.ele(PAT_NS, 'pat:PatentLegalStatus');
  target = footer;
  builder.up().end();
  if (failure) {
    throw new CliError(`Cannot write the ST.96 document attributes (${failure.message}).`, {
      cause: failure,
    });
  }
  return { header: header.join(''), footer: `${footer.join('')}\n` };
}

/** Most serialized blocks kept for reuse (code blocks and dates repeat; the cap bounds memory). */
const BLOCK_CACHE_LIMIT = 20_000;

/**
 * Serializes records one at a time with a single long-lived callback builder whose document
 * element is open, so `pat` and `com` are in scope exactly as in every file. The builder's own
 * document-level chunks are dropped; a record's chunks are the text between header and footer.
 *
 * xmlbuilder2's callback builder costs a lot per call, so blocks that repeat (a status event code,
 * a date) are serialized by it once per depth and value and their text is reused. The builder's
 * state is the same after such a block whatever its content, so skipping it is safe, except right
 * after an `ele` whose start tag xmlbuilder2 has not written yet: then the block goes through it.
 */
class RecordSerializer {
  #chunks: string[] = [];
  #failure: Error | undefined;
  readonly #builder: Builder;
  #depth = 1;
  #startTagPending = false;
  readonly #cache = new Map<string, string>();

  constructor(options: St96WriteOptions) {
    this.#builder = createCB(
      builderOptions(
        (chunk, level) => {
          if (level > 0) this.#chunks.push(chunk);
        },
        (error) => {
          this.#failure ??= error;
        },
      ),
    );
    openRoot(this.#builder, options);
  }

  open(ns: string, name: string): void {
    this.#builder.ele(ns, name);
    this.#depth += 1;
    this.#startTagPending = true;
  }

  close(): void {
    this.#builder.up();
    this.#depth -= 1;
    this.#startTagPending = false;
  }

  leaf(ns: string, name: string, value: string): void {
    this.#builder.ele(ns, name).txt(protectEntityLookalikes(value)).up();
    this.#startTagPending = false;
  }

  /** Writes a block through `write`, or reuses the text it gave before for the same key and depth. */
  cached(key: string, write: () => void): void {
    if (this.#startTagPending) {
      write();
      return;
    }
    const cacheKey = `${this.#depth}\u0000${key}`;
    const text = this.#cache.get(cacheKey);
    if (text !== undefined) {
      this.#chunks.push(text);
      return;
    }
    const start = this.#chunks.length;
    write();
    if (this.#failure === undefined && this.#cache.size < BLOCK_CACHE_LIMIT) {
      this.#cache.set(cacheKey, this.#chunks.slice(start).join(''));
    }
  }

  /** A leaf whose text is reused (for values that repeat across records, like dates). */
  cachedLeaf(ns: string, name: string, value: string): void {
    this.cached(`${name}\u0000${value}`, () => this.leaf(ns, name, value));
  }

  serialize(record: St96PatentRecord): string {
    this.#chunks = [];
    writeRecord(this, record);
    if (this.#failure) {
      throw new CliError(`Cannot write ${describe(record)} as ST.96 XML: ${this.#failure.message}`, {
        cause: this.#failure,
      });
    }
    const text = this.#chunks.join('');
    this.#chunks = [];
    return text;
  }
}

function describe(record: St96PatentRecord): string {
  return `patent application ${JSON.stringify(record.applicationNumber)} (${record.office})`;
}

/** Writes `pat:StatusEventCode` (also used to identify a corrected event). */
function writeStatusEventCode(out: RecordSerializer, event: St96StatusEvent): void {
  const codes = [
    event.state,
    event.previousStage,
    event.currentStage,
    event.keyEvent,
    event.detailedEvent,
    event.nationalCode,
  ];
  out.cached(`StatusEventCode\u0000${codes.join('\u0000')}`, () => {
    out.open(PAT_NS, 'pat:StatusEventCode');
    out.leaf(COM_NS, 'com:StateCode', event.state);
    out.leaf(COM_NS, 'com:PreviousStageCode', event.previousStage);
    out.leaf(COM_NS, 'com:CurrentStageCode', event.currentStage);
    out.leaf(PAT_NS, 'pat:KeyEventCode', event.keyEvent);
    out.leaf(PAT_NS, 'pat:DetailedEventCode', event.detailedEvent);
    out.leaf(PAT_NS, 'pat:NationalEventCode', event.nationalCode);
    out.close();
  });
}

/** Writes the event dates (the XSD's choice of one to three dates; EventDate is always there). */
function writeEventDates(out: RecordSerializer, event: St96StatusEvent): void {
  out.cachedLeaf(COM_NS, 'com:EventDate', event.eventDate);
  if (event.effectiveDate !== undefined) out.cachedLeaf(COM_NS, 'com:EffectiveDate', event.effectiveDate);
  if (event.publicationDate !== undefined)
    out.cachedLeaf(COM_NS, 'com:PublicationDate', event.publicationDate);
}

/**
 * The `com:StatusEventIdentifier` of a standard event: `<eventId>-<standardEventSeq>`, e.g.
 * `NO-PT-20231234-0002-1`. Every event has the suffix, also one mapped to a single standard event,
 * so the identifiers of one national event are distinct and no two events can share one (the number
 * after the last hyphen is the sequence, so the pair is read back unambiguously). The pair is the
 * key of the open data's `legal_status_events` table, and both depend only on the event and the
 * mapping table, so an identifier is the same in every export.
 */
export function statusEventIdentifier(event: Pick<St96StatusEvent, 'eventId' | 'standardEventSeq'>): string {
  return `${event.eventId}-${event.standardEventSeq}`;
}

/**
 * The corrections of one record, by national event: a correction links national events (the
 * `supersedes` of the data names one), so each side of a link is every standard event of its
 * national event, never one picked among them.
 */
interface RecordLinks {
  /** The standard events of each national event of the record, in sequence order. */
  standardEvents: Map<string, St96StatusEvent[]>;
  /** The national events of the record that correct each national event, in record order. */
  correctedBy: Map<string, string[]>;
}

/** Groups a record's events for its links; refuses an identifier the record has twice. */
function recordLinks(record: St96PatentRecord): RecordLinks {
  const standardEvents = new Map<string, St96StatusEvent[]>();
  const correctedBy = new Map<string, string[]>();
  const identifiers = new Set<string>();
  for (const event of record.events) {
    if (!Number.isSafeInteger(event.standardEventSeq) || event.standardEventSeq < 1) {
      throw new CliError(
        `Cannot write event ${JSON.stringify(event.eventId)} of ${describe(record)} as ST.96: ` +
          `expected its standard event number as a whole number from 1, found ${JSON.stringify(event.standardEventSeq)}.`,
      );
    }
    const identifier = statusEventIdentifier(event);
    if (identifiers.has(identifier)) {
      throw new CliError(
        `Cannot write ${describe(record)} as ST.96: two of its status events have the identifier ` +
          `${JSON.stringify(identifier)} (each standard event of a national event needs its own number).`,
      );
    }
    identifiers.add(identifier);
    const siblings = standardEvents.get(event.eventId);
    if (siblings) siblings.push(event);
    else standardEvents.set(event.eventId, [event]);
    if (event.supersedes !== undefined) {
      const correctors = correctedBy.get(event.supersedes) ?? [];
      if (!correctors.includes(event.eventId)) correctors.push(event.eventId);
      correctedBy.set(event.supersedes, correctors);
    }
  }
  for (const siblings of standardEvents.values()) {
    siblings.sort((a, b) => a.standardEventSeq - b.standardEventSeq);
  }
  return { standardEvents, correctedBy };
}

/** `status event A-1` or `status events A-1, A-2`. */
function statusEvents(events: St96StatusEvent[]): string {
  const identifiers = events.map(statusEventIdentifier).join(', ');
  return `status event${events.length > 1 ? 's' : ''} ${identifiers}`;
}

/** An event of the office that is not in the document (not mapped to ST.27, or not public). */
function absentEvent(eventId: string): string {
  return `event ${eventId} of the office, which has no status event in this document`;
}

/**
 * Writes a correction's reference to the event it corrects. In category Y, the XSD's
 * `pat:CorrectionEventData` has `pat:StatusEventIdentification` (dates, then the identifier and the
 * code of the corrected event; it may repeat), written once per standard event of the corrected
 * national event; its dates are required, so this needs that event among the record's events.
 * The other categories' event data elements have no element that refers to another event: there
 * the reference is only the `com:CommentText`, which every category allows and which is written in
 * category Y too, for a human reader.
 */
function writeCorrects(out: RecordSerializer, element: string, supersedes: string, links: RecordLinks): void {
  const corrected = links.standardEvents.get(supersedes);
  if (corrected === undefined) {
    out.leaf(COM_NS, 'com:CommentText', `Corrects ${absentEvent(supersedes)}`);
    return;
  }
  if (element === CATEGORY_EVENT_DATA.Y) {
    for (const event of corrected) {
      out.open(PAT_NS, 'pat:StatusEventIdentification');
      writeEventDates(out, event);
      out.leaf(COM_NS, 'com:StatusEventIdentifier', statusEventIdentifier(event));
      writeStatusEventCode(out, event);
      out.close();
    }
  }
  out.leaf(COM_NS, 'com:CommentText', `Corrects ${statusEvents(corrected)}`);
}

/** The national events that correct an event: those of the record, then `supersededBy` if not one. */
function correctorsOf(event: St96StatusEvent, links: RecordLinks): string[] {
  const correctors = links.correctedBy.get(event.eventId) ?? [];
  if (event.supersededBy === undefined || correctors.includes(event.supersededBy)) return correctors;
  return [...correctors, event.supersededBy];
}

/**
 * Marks an event as corrected. ST.96 V6_0 has no element or attribute for that: `pat:StatusEventData`
 * has no attributes, and no category event data element but Y's refers to another event. The one
 * place the XSD allows it in every category is `com:CommentText` ("free text comment"), so each
 * national event that corrects this one gets a comment that names its status event identifiers
 * (those of the correcting event's own `pat:CorrectionEventData` or comment); the event keeps its
 * codes, which stay what was published.
 */
function writeCorrectedBy(out: RecordSerializer, correctors: string[], links: RecordLinks): void {
  for (const eventId of correctors) {
    const events = links.standardEvents.get(eventId);
    out.leaf(
      COM_NS,
      'com:CommentText',
      `Corrected by ${events === undefined ? absentEvent(eventId) : statusEvents(events)}`,
    );
  }
}

/**
 * Writes the category event data element, only when there is something to put in it: every
 * category element needs at least one child.
 */
function writeCategoryData(
  out: RecordSerializer,
  record: St96PatentRecord,
  event: St96StatusEvent,
  links: RecordLinks,
): void {
  const element = CATEGORY_EVENT_DATA[event.keyEvent.charAt(0)];
  if (element === undefined) return;
  let gazette: string | undefined;
  if (event.issue !== undefined) {
    gazette = gazetteNumber(event.issue);
    if (gazette === undefined) {
      throw new CliError(
        `Cannot write event ${JSON.stringify(event.eventId)} of ${describe(record)} as ST.96: ` +
          `expected the gazette issue as YYYY-WW, found ${JSON.stringify(event.issue)}.`,
      );
    }
  }
  const correctors = correctorsOf(event, links);
  if (event.supersedes === undefined && correctors.length === 0) {
    if (gazette === undefined) return;
    const number = gazette;
    out.cached(`${element}\u0000${number}`, () => {
      out.open(PAT_NS, `pat:${element}`);
      out.leaf(PAT_NS, 'pat:GazetteNumber', number);
      out.close();
    });
    return;
  }
  out.open(PAT_NS, `pat:${element}`);
  if (gazette !== undefined) out.leaf(PAT_NS, 'pat:GazetteNumber', gazette);
  if (event.supersedes !== undefined) writeCorrects(out, element, event.supersedes, links);
  writeCorrectedBy(out, correctors, links);
  out.close();
}

/** Writes one `pat:PatentLegalStatus`, children in the order of the XSD's sequences. */
function writeRecord(out: RecordSerializer, record: St96PatentRecord): void {
  if (record.events.length === 0) {
    throw new CliError(
      `Cannot write ${describe(record)} as ST.96: it has no ST.27 event (at least one is needed).`,
    );
  }
  const links = recordLinks(record);
  out.open(PAT_NS, 'pat:PatentLegalStatus');
  out.open(PAT_NS, 'pat:ApplicationIdentification');
  out.leaf(COM_NS, 'com:IPOfficeCode', record.office);
  out.open(COM_NS, 'com:ApplicationNumber');
  out.leaf(COM_NS, 'com:ApplicationNumberText', record.applicationNumber);
  out.close();
  if (record.filingDate !== undefined) out.cachedLeaf(PAT_NS, 'pat:FilingDate', record.filingDate);
  out.close();
  if (record.registrationNumber !== undefined) {
    out.open(PAT_NS, 'pat:PatentGrantIdentification');
    out.leaf(COM_NS, 'com:IPOfficeCode', record.office);
    out.leaf(PAT_NS, 'pat:PatentNumber', record.registrationNumber);
    if (record.grantDate !== undefined) out.cachedLeaf(PAT_NS, 'pat:GrantDate', record.grantDate);
    out.close();
  }
  const kind = ipRightKindCategory(record.kind);
  if (kind !== undefined) out.cachedLeaf(COM_NS, 'com:IPRightKindCategory', kind);
  out.open(PAT_NS, 'pat:StatusEventDataBag');
  for (const event of record.events) {
    out.open(PAT_NS, 'pat:StatusEventData');
    out.leaf(COM_NS, 'com:StatusEventIdentifier', statusEventIdentifier(event));
    writeStatusEventCode(out, event);
    writeEventDates(out, event);
    writeCategoryData(out, record, event, links);
    out.close();
  }
  out.close();
  out.close();
}

/** A file being written: counts bytes and hashes them on the way to the stream. */
class XmlFileSink {
  readonly path: string;
  records = 0;
  events = 0;
  bytes = 0;
  readonly #hash: Hash = createHash('sha256');
  readonly #stream: WriteStream;
  #failure: Error | undefined;

  constructor(path: string) {
    this.path = path;
    this.#stream = createWriteStream(path);
    // Keep an error that happens while not awaiting; the next write or the close reports it.
    this.#stream.on('error', (error) => {
      this.#failure ??= error;
    });
  }

  #fail(error: unknown): never {
    throw new CliError(`Cannot write the ST.96 file ${this.path}: ${(error as Error).message}`, {
      cause: error,
    });
  }

  async write(data: Buffer): Promise<void> {
    if (this.#failure) this.#fail(this.#failure);
    this.#hash.update(data);
    this.bytes += data.length;
    if (!this.#stream.write(data)) {
      try {
        await once(this.#stream, 'drain');
      } catch (error) {
        this.#fail(error);
      }
    }
  }

  async close(footer: Buffer): Promise<St96File> {
    await this.write(footer);
    this.#stream.end();
    try {
      await finished(this.#stream);
    } catch (error) {
      this.#fail(error);
    }
    if (this.#failure) this.#fail(this.#failure);
    return {
      path: this.path,
      records: this.records,
      events: this.events,
      bytes: this.bytes,
      sha256: this.#hash.digest('hex'),
    };
  }

  /** Stops writing after a failure. */
  async abort(): Promise<void> {
    this.#stream.destroy();
    await finished(this.#stream).catch(() => {});
  }
}

/**
 * Writes the records as ST.96 files in `options.dir` and returns one entry per file, in order.
 * A new file is started before a record would make the current one larger than `maxBytes`. On a
 * failure the files written by this call are removed and the error is thrown. Files of the same
 * names already in the folder are replaced and others are left alone, so give a fresh folder.
 */
export async function writeSt96Files(
  records: AsyncIterable<St96PatentRecord>,
  options: St96WriteOptions,
): Promise<St96File[]> {
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new CliError(
      `Cannot write ST.96 files: expected maxBytes as a positive whole number of bytes, found ${options.maxBytes}.`,
    );
  }
  const frame = documentFrame(options);
  const header = Buffer.from(frame.header, 'utf8');
  const footer = Buffer.from(frame.footer, 'utf8');
  const serializer = new RecordSerializer(options);
  const files: St96File[] = [];
  let sink: XmlFileSink | undefined;
  try {
    for await (const record of records) {
      const text = Buffer.from(serializer.serialize(record), 'utf8');
      if (sink && sink.bytes + text.length + footer.length > options.maxBytes) {
        const done = sink;
        sink = undefined;
        files.push(await done.close(footer));
      }
      if (!sink) {
        if (files.length === 0) await mkdir(options.dir, { recursive: true });
        const number = String(files.length + 1).padStart(4, '0');
        sink = new XmlFileSink(join(options.dir, `${options.baseName}-${number}.xml`));
        await sink.write(header);
      }
      await sink.write(text);
      sink.records += 1;
      sink.events += record.events.length;
    }
    if (sink) {
      const done = sink;
      sink = undefined;
      files.push(await done.close(footer));
    }
    return files;
  } catch (error) {
    const partial = sink?.path;
    await sink?.abort();
    const paths = partial === undefined ? files.map((f) => f.path) : [...files.map((f) => f.path), partial];
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    throw error;
  }
}
