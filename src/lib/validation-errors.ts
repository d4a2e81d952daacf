/**
 * Turns zod issues into the messages users read: the field as a dotted path, what was expected
 * and what was found, so a rejected line in an extract can be fixed without reading the schema.
 */
import type { z } from 'zod';

/** One problem with one field of one record. */
export interface FieldError {
  /** Dotted path of the field, e.g. `register.parties[0].country`; empty for the record itself. */
  field: string;
  /** What the schema expects there. */
  expected: string;
  /** What the record holds there, as JSON, or `(missing)`. */
  found: string;
}

/** Writes a path like `['register', 'parties', 0, 'country']` as `register.parties[0].country`. */
export function pathToField(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field;
}

/** Shows a found value briefly: JSON, cut to a length a message can carry. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

// zod's own messages read "Invalid input: expected string, received number"; keep the expectation only.
function expectationOf(message: string): string {
  return message
    .replace(/^Invalid (input|option|string|type|value): /, '')
    .replace(/, received \w+$/, '')
    .replace(/^expected /, '');
}

/** Lists the issues of a failed parse as field errors, one per field. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const input = (issue as { input?: Record<string, unknown> }).input;
      for (const key of issue.keys) {
        errors.push({
          field: pathToField([...issue.path, key]),
          expected: 'no such field (unknown fields are not accepted)',
          found: showValue(input?.[key]),
        });
      }
      continue;
    }
    errors.push({
      field: pathToField(issue.path),
      expected: expectationOf(issue.message),
      found: showValue((issue as { input?: unknown }).input),
    });
  }
  return errors;
}

/** Writes field errors as one line each: `field: expected X, found Y`. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.field || '(record)'}: expected ${e.expected}, found ${e.found}`).join('\n');
}
