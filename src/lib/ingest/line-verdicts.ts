/**
 * The verdict on each line of a batch, in the compact form that crosses between threads:
 * a kind per line, and details only for records (the fields ingest decides on, and the
 * sha256 of the line) and for rejected lines.
 */
import { hash } from 'node:crypto';
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

/** What ingest needs of each valid record, in line order. */
export interface RecordKeys {
  eventId: string;
  right: string;
  applicationNumber: string;
  supersedes: string | null;
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

/** Judges every line of a batch (each line's bytes, terminator removed). */
export function judgeLines(lines: readonly Uint8Array[]): BatchVerdicts {
  const kinds = new Uint8Array(lines.length);
  const records: RecordKeys[] = [];
  const hashes = new Uint8Array(lines.length * 32);
  let hashed = 0;
  const rejected: RejectedLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Uint8Array;
    const bytes = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
    const verdict = parseLine(bytes);
    if (verdict.kind === 'blank') {
      kinds[index] = BLANK;
    } else if (verdict.kind === 'record') {
      kinds[index] = RECORD;
      const { eventId, right, applicationNumber, supersedes } = verdict.record;
      records.push({ eventId, right, applicationNumber, supersedes: supersedes ?? null });
      hashes.set(hash('sha256', bytes, 'buffer'), hashed * 32);
      hashed++;
    } else {
      kinds[index] = REJECTED;
      rejected.push({ index, errors: verdict.errors, text: verdict.text, base64: verdict.base64 });
    }
  }
  return { kinds, records, hashes: hashes.subarray(0, hashed * 32), rejected };
}
