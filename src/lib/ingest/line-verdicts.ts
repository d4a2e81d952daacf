/**
 * The verdict on each line of a batch, in the compact form that crosses between threads:
 * a kind per line, and details only for records (the fields ingest decides on, and the
 * sha256 of the line) and for rejected lines.
 */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { type DocumentContext, type TakenDocument, takeDocuments } from '../documents/take-documents.ts';
import type { FieldError } from '../validation-errors.ts';
import { parseLine } from './parse-line.ts';

export const BLANK = 0;
export const RECORD = 1;
export const REJECTED = 2;

export interface RejectedLine {
  /** Index of the line in its batch. */
  index: number;
  errors: FieldError[];
  text?: string;
  base64?: string;
}

/** The line size limit, and the lines of a batch over it (index in the batch → whole size). */
export interface LineLimits {
  maxLineBytes: number;
  oversize: ReadonlyMap<number, number>;
}

/** What ingest needs of each valid record, in line order. */
export interface RecordKeys {
  eventId: string;
  right: string;
  applicationNumber: string;
  supersedes: string | null;
  publicationDate: string | null;
  /** The record's documents as taken into the document store. */
  documents: TakenDocument[];
}

export interface BatchVerdicts {
  /** BLANK, RECORD or REJECTED per line. */
  kinds: Uint8Array;
  /** Per RECORD line, in line order. */
  records: RecordKeys[];
  /** sha256 of each RECORD line's bytes, 32 bytes each, in line order. */
  hashes: Uint8Array;
  rejected: RejectedLine[];
}

/**
 * Judges every line of a batch (each line's bytes, terminator removed). With a document context,
 * a record's documents are checked and taken into the document store, and a record whose
 * documents fail is rejected; without one, a record with documents is rejected.
 */
export function judgeLines(
  lines: readonly Uint8Array[],
  documents: DocumentContext | null,
  limits: LineLimits,
): BatchVerdicts {
  const kinds = new Uint8Array(lines.length);
  const records: RecordKeys[] = [];
  const hashes = new Uint8Array(lines.length * 32);
  let hashed = 0;
  const rejected: RejectedLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Uint8Array;
    const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
    const oversize = limits.oversize.get(index);
    if (oversize !== undefined) {
      kinds[index] = REJECTED;
      rejected.push({
        index,
        errors: [
          {
            field: '',
            expected: `a line of at most ${limits.maxLineBytes} bytes`,
            found: `${oversize} bytes (only its first ${bytes.length} bytes are kept)`,
          },
        ],
        ...(isUtf8(bytes) ? { text: bytes.toString('utf8') } : { base64: bytes.toString('base64') }),
      });
      continue;
    }
    const verdict = parseLine(bytes);
    if (verdict.kind === 'blank') {
      kinds[index] = BLANK;
    } else if (verdict.kind === 'record') {
      const { record } = verdict;
      let taken: TakenDocument[] = [];
      if (record.documents.length > 0) {
        const result = documents
          ? takeDocuments(record, documents)
          : {
              taken: [],
              errors: [
                {
                  field: 'documents',
                  expected: 'documents only in an extract read from a file',
                  found: 'documents',
                },
              ],
            };
        if (result.errors.length > 0) {
          kinds[index] = REJECTED;
          rejected.push({ index, errors: result.errors, text: verdict.text });
          continue;
        }
        taken = result.taken;
      }
      kinds[index] = RECORD;
      records.push({
        eventId: record.eventId,
        right: record.right,
        applicationNumber: record.applicationNumber,
        supersedes: record.supersedes ?? null,
        publicationDate: record.publicationDate ?? null,
        documents: taken,
      });
      hashes.set(hash('sha256', bytes, 'buffer'), hashed * 32);
      hashed++;
    } else {
      kinds[index] = REJECTED;
      rejected.push({ index, errors: verdict.errors, text: verdict.text, base64: verdict.base64 });
    }
  }
  return { kinds, records, hashes: hashes.subarray(0, hashed * 32), rejected };
}
