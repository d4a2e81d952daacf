/**
 * Decides what one line of an extract is: blank, a valid event record, or rejected with the
 * reasons a person needs to fix it. Pure and synchronous: the ingest loop calls it per line.
 */
import { isUtf8 } from 'node:buffer';
import { type EventRecord, EventRecordSchema } from '../event-record.ts';
import { type FieldError, issuesToFieldErrors, showValue } from '../validation-errors.ts';

export type LineVerdict =
  | { kind: 'blank' }
  | { kind: 'record'; text: string; record: EventRecord }
  /** `text` is the line as read; a line that is not UTF-8 is kept as `base64` instead. */
  | { kind: 'rejected'; errors: FieldError[]; text?: string; base64?: string };

const WHITESPACE = /^[ \t\f\v]*$/;

/** Classifies one line (its terminator and any BOM already removed). */
export function parseLine(bytes: Buffer): LineVerdict {
  if (!isUtf8(bytes)) {
    return {
      kind: 'rejected',
      base64: bytes.toString('base64'),
      errors: [{ field: '', expected: 'UTF-8 text', found: 'bytes that are not valid UTF-8' }],
    };
  }
  const text = bytes.toString('utf8');
  if (WHITESPACE.test(text)) return { kind: 'blank' };

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: 'rejected',
      text,
      errors: [{ field: '', expected: 'one JSON object on the line', found: `invalid JSON (${reason})` }],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      kind: 'rejected',
      text,
      errors: [{ field: '', expected: 'one JSON object on the line', found: showValue(value) }],
    };
  }
  const parsed = EventRecordSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { kind: 'rejected', text, errors: issuesToFieldErrors(parsed.error.issues) };
  return { kind: 'record', text, record: parsed.data };
}
