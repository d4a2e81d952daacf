/**
 * The verdict on each line of a batch, in the compact form that crosses between threads:
 * a kind per line, and details only for records (their eventId) and rejected lines.
 */
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

export interface BatchVerdicts {
  /** BLANK, RECORD or REJECTED per line. */
  kinds: Uint8Array;
  /** The eventId of each RECORD line, in line order. */
  eventIds: string[];
  rejected: RejectedLine[];
}

/** Judges every line of a batch (each line's bytes, terminator removed). */
export function judgeLines(lines: readonly Uint8Array[]): BatchVerdicts {
  const kinds = new Uint8Array(lines.length);
  const eventIds: string[] = [];
  const rejected: RejectedLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Uint8Array;
    const verdict = parseLine(Buffer.from(line.buffer, line.byteOffset, line.byteLength));
    if (verdict.kind === 'blank') {
      kinds[index] = BLANK;
    } else if (verdict.kind === 'record') {
      kinds[index] = RECORD;
      eventIds.push(verdict.record.eventId);
    } else {
      kinds[index] = REJECTED;
      rejected.push({ index, errors: verdict.errors, text: verdict.text, base64: verdict.base64 });
    }
  }
  return { kinds, eventIds, rejected };
}
