/**
 * fast-check arbitraries of valid event records, derived from the JSON Schema of the zod schema
 * (so its limits are followed as they change), with the record's cross-field rules fixed up after.
 */
import fc from 'fast-check';
import { z } from 'zod';
import {
  CLASS_CODE_PATTERNS,
  type EventRecordInput,
  EventRecordSchema,
  type RightType,
} from '../../src/lib/event-record.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/lib/ndjson/read-lines.ts';
import { MAX_SEGMENT_LENGTH, rightSegmentLength } from '../../src/lib/site/right-path.ts';

/** The part of JSON Schema the walker reads (zod inlines every sub-schema, so no `$ref`). */
export interface JsonSchema {
  type?: string;
  enum?: readonly unknown[];
  format?: string;
  pattern?: string;
  allOf?: readonly JsonSchema[];
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
}

/** Limits used where the schema sets none. */
export const DEFAULT_MAX_LENGTH = 40;
export const DEFAULT_MAX_ITEMS = 5;

/** ISO dates, both ends included. */
export interface DateRange {
  min: string;
  max: string;
}
export const DEFAULT_DATE_RANGE: DateRange = { min: '1990-01-01', max: '2030-12-31' };

export interface WalkOptions {
  /** Every free-text string at its maximum length, every array at its cap, every property present. */
  extreme?: boolean;
  dateRange?: DateRange;
  /** The most items of the array at a path (`register.classes[].terms`); see {@link arrayCapsWithin}. */
  arrayCaps?: Record<string, number>;
  /** Replaces the arbitrary at a path (`register.classes[]`); `build` gives the default one. */
  overrides?: Record<string, (build: () => fc.Arbitrary<unknown>, node: JsonSchema) => fc.Arbitrary<unknown>>;
}

// Text that breaks naive HTML, templates, paths, JSON, CSV, bidi, UTF-16 or grapheme handling.
// Pieces the field's pattern refuses inside a text (control characters, today) are left out.
const NASTY = `<script>alert(1)</script>|&amp;|&|"|'|\`|\${x}|{{x}}|{%|../|..\\|<!--|]]>|%2e%2e/|,;|e\u0301|\u0301|😀|👩‍👩‍👧‍👦|🇳🇴|𝔘𝔫𝔦|שלום|مرحبا|\u202e|\u200b|\u00a0|\u2028| |\t|\u0000|\u001b|\u0085|İß|ÆØÅ æøå|中文`;
// A pattern that accepts this is a free-text pattern: its strings are built, not drawn from the regex.
const PROBE = 'x <script>&"\'`{{../e\u0301😀שלום x';
const pieces = fc.oneof(
  fc.constantFrom(...NASTY.split('|')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }),
);

const patternsOf = (node: JsonSchema): RegExp[] =>
  [node.pattern, ...(node.allOf ?? []).map((n) => n.pattern)].flatMap((p) => (p ? [new RegExp(p)] : []));
const isFreeText = (node: JsonSchema) => patternsOf(node).every((r) => r.test(PROBE));

/** Whether a string meets the node's length limits (UTF-16 code units, as zod counts) and patterns. */
export function fitsString(node: JsonSchema, s: string): boolean {
  const { minLength = 0, maxLength = Infinity } = node;
  return s.length >= minLength && s.length <= maxLength && patternsOf(node).every((r) => r.test(s));
}

/** `s` repeated or cut to exactly `n` UTF-16 units, on one line, with no space at either end. */
function toLength(s: string, n: number): string {
  const line = s.replace(/[\n\r]/g, ' ') || 'x';
  let t = line.repeat(Math.ceil(n / line.length)).slice(0, n);
  if (/[\uD800-\uDBFF]$/.test(t)) t = `${t.slice(0, -1)}x`; // never cut a surrogate pair
  if (/^\s/.test(t)) t = `x${t.slice(1)}`;
  if (/\s$/.test(t)) t = `${t.slice(0, -1)}x`;
  return t;
}

function stringArbitrary(node: JsonSchema, opts: WalkOptions): fc.Arbitrary<string> {
  const patterns = patternsOf(node);
  if (node.format === 'date') return dateArbitrary(opts.dateRange).filter((s) => fitsString(node, s));
  if (!isFreeText(node)) {
    // A structured pattern (kebab-case, media type, hash): drawn from the regex, cut to the limit.
    return fc
      .stringMatching(patterns[0] ?? /.*/, { size: opts.extreme ? 'medium' : 'small' })
      .map((s) => s.slice(0, node.maxLength))
      .filter((s) => fitsString(node, s));
  }
  const max = node.maxLength ?? DEFAULT_MAX_LENGTH;
  const min = Math.max(node.minLength ?? 0, patterns.every((r) => r.test('')) ? 0 : 1);
  const length = opts.extreme
    ? fc.constant(max)
    : fc.oneof(
        { weight: 2, arbitrary: fc.constant(max) },
        { weight: 1, arbitrary: fc.constant(min) },
        { weight: 4, arbitrary: fc.integer({ min, max }) },
      );
  const piece = pieces.filter((p) => patterns.every((r) => r.test(`x${p}x`)));
  return fc
    .tuple(length, fc.array(piece, { minLength: 1, maxLength: 8 }))
    .map(([n, parts]) => toLength(parts.join(''), n))
    .filter((s) => fitsString(node, s));
}

/** Real calendar dates as YYYY-MM-DD, with extra weight on leap days. */
export function dateArbitrary(range: DateRange = DEFAULT_DATE_RANGE): fc.Arbitrary<string> {
  const [min, max] = [new Date(`${range.min}T00:00:00Z`), new Date(`${range.max}T00:00:00Z`)];
  const any = fc.date({ min, max, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const leapDays: string[] = [];
  for (let y = min.getUTCFullYear(); y <= max.getUTCFullYear(); y++) {
    const day = `${y}-02-29`;
    if (new Date(`${day}T00:00:00Z`).getUTCMonth() === 1 && day >= range.min && day <= range.max)
      leapDays.push(day);
  }
  if (leapDays.length === 0) return any;
  return fc.oneof({ weight: 6, arbitrary: any }, { weight: 1, arbitrary: fc.constantFrom(...leapDays) });
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const itemCap = (node: JsonSchema, cap = Infinity) =>
  Math.max(node.minItems ?? 0, Math.min(node.maxItems ?? DEFAULT_MAX_ITEMS, cap));

/** An arbitrary of values valid against a JSON Schema node; `path` names the node for overrides. */
export function arbitraryFromJsonSchema(
  node: JsonSchema,
  opts: WalkOptions = {},
  path = '',
): fc.Arbitrary<unknown> {
  const walk = (child: JsonSchema, childPath: string) => arbitraryFromJsonSchema(child, opts, childPath);
  const build = (): fc.Arbitrary<unknown> => {
    if (node.enum) return fc.constantFrom(...node.enum);
    switch (node.type) {
      case 'string':
        return stringArbitrary(node, opts);
      case 'array': {
        const item = walk(node.items ?? {}, `${path}[]`);
        const [min, max] = [node.minItems ?? 0, itemCap(node, opts.arrayCaps?.[path])];
        const arrays = (from: number, to: number) => fc.array(item, { minLength: from, maxLength: to });
        if (opts.extreme) return arrays(max, max);
        return fc.oneof(arrays(min, min), arrays(max, max), arrays(min, max), arrays(min, max));
      }
      case 'object': {
        // No other property is ever generated, so `additionalProperties: false` holds.
        const entries = Object.entries(node.properties ?? {});
        const model = Object.fromEntries(entries.map(([k, v]) => [k, walk(v, join(path, k))]));
        const required = node.required ?? [];
        const all = fc.record(model);
        if (opts.extreme) return all;
        const none = fc.record(
          Object.fromEntries(Object.entries(model).filter(([k]) => required.includes(k))),
        );
        return fc.oneof(none, all, fc.record(model, { requiredKeys: [...required] }));
      }
      default:
        throw new Error(`record-arbitrary: unsupported JSON Schema at "${path}": ${JSON.stringify(node)}`);
    }
  };
  const override = opts.overrides?.[path];
  return override ? override(build, node) : build();
}

type Caps = Map<string, { min: number; cap: number }>;

/** An upper bound of the UTF-8 bytes of a value's JSON (3 per UTF-16 unit), all present, arrays at cap. */
function worstBytes(node: JsonSchema, caps: Caps, maxItems: number, path = ''): number {
  if (node.enum) return Math.max(...node.enum.map((v) => Buffer.byteLength(JSON.stringify(v))));
  if (node.type === 'string') return 2 + 3 * (node.maxLength ?? 2 * DEFAULT_MAX_LENGTH);
  if (node.type === 'array') {
    const cap = caps.get(path) ?? { min: node.minItems ?? 0, cap: itemCap(node, maxItems) };
    caps.set(path, cap);
    return 2 + cap.cap * (1 + worstBytes(node.items ?? {}, caps, maxItems, `${path}[]`));
  }
  if (node.type !== 'object') return 24;
  return Object.entries(node.properties ?? {}).reduce(
    (sum, [k, v]) => sum + k.length + 4 + worstBytes(v, caps, maxItems, join(path, k)),
    2,
  );
}

/**
 * Caps on the arrays (by path) so that every value's JSON holds at most `maxBytes` bytes: each
 * array at most `maxItems` and its maxItems, then the most deeply nested ones cut first.
 */
export function arrayCapsWithin(
  schema: JsonSchema,
  maxBytes: number,
  maxItems = Infinity,
): Record<string, number> {
  const caps: Caps = new Map();
  const depth = (p: string) => p.split('[]').length;
  while (worstBytes(schema, caps, maxItems) > maxBytes) {
    const [cut] = [...caps.entries()]
      .filter(([, c]) => c.cap > c.min)
      .sort(([a, x], [b, y]) => depth(b) - depth(a) || y.cap - x.cap);
    if (!cut) throw new Error(`record-arbitrary: no value of this schema fits in ${maxBytes} bytes`);
    cut[1].cap -= 1;
  }
  return Object.fromEntries([...caps].map(([p, c]) => [p, c.cap]));
}

export interface RecordArbitraryOptions {
  /** Event ids, also used for `supersedes`; they must be valid ids. Default: any valid id. */
  eventIds?: fc.Arbitrary<string>;
  rights?: readonly RightType[];
  /** Range of every date. Default 1990-01-01 to 2030-12-31. */
  dateRange?: DateRange;
  /** Default false: `documents` is always absent (documents need real files). */
  withDocuments?: boolean;
  /** Default false: `supersedes` is always absent; when true it may be present, never the record's own id. */
  withSupersedes?: boolean;
  /** Caps every array below the schema's maxItems. Default: the schema's limit. */
  maxArrayItems?: number;
  /** The longest line (JSON, UTF-8) a record may make; nested arrays are capped to fit. Default: ingest's. */
  maxLineBytes?: number;
}

/** The application number, its non-alphanumerics replaced from the end until its page URL fits. */
function fitSegment(applicationNumber: string): string {
  const chars = [...applicationNumber];
  for (let i = chars.length - 1; i >= 0 && rightSegmentLength(chars.join('')) > MAX_SEGMENT_LENGTH; i--) {
    const c = chars[i] ?? '';
    if (!/^[A-Za-z0-9]$/.test(c)) chars[i] = 'x'.repeat(c.length);
  }
  return chars.join('');
}

function build(options: RecordArbitraryOptions, extreme: boolean): fc.Arbitrary<EventRecordInput> {
  const { eventIds, rights, withDocuments = false, withSupersedes = false } = options;
  const { maxLineBytes = DEFAULT_MAX_LINE_BYTES } = options;
  const schema = z.toJSONSchema(EventRecordSchema, { io: 'input' }) as JsonSchema;
  const overrides: WalkOptions['overrides'] = {
    // A class code is written as its scheme says, within the code field's own limits.
    'register.classes[]': (buildClass, node) => {
      const codeNode = node.properties?.code ?? {};
      const codes: [string, fc.Arbitrary<string>][] = Object.entries(CLASS_CODE_PATTERNS).map(
        ([scheme, { pattern }]) => [
          scheme,
          fc.stringMatching(pattern).filter((code) => fitsString(codeNode, code)),
        ],
      );
      return fc.tuple(buildClass(), fc.record(Object.fromEntries(codes))).map(([c, byScheme]) => {
        const cls = c as { scheme: string };
        return { ...cls, code: byScheme[cls.scheme] };
      });
    },
  };
  if (eventIds) overrides.eventId = overrides.supersedes = () => eventIds;
  if (rights) overrides.right = () => fc.constantFrom(...rights);
  if (!withDocuments) overrides.documents = () => fc.constant(undefined);
  if (!withSupersedes) overrides.supersedes = () => fc.constant(undefined);
  const arrayCaps = arrayCapsWithin(schema, maxLineBytes, options.maxArrayItems);
  const walkOptions: WalkOptions = { extreme, dateRange: options.dateRange, arrayCaps, overrides };
  const features = schema.properties?.register?.properties?.markFeature ?? {};
  return fc
    .tuple(
      arbitraryFromJsonSchema(schema, walkOptions) as fc.Arbitrary<EventRecordInput>,
      arbitraryFromJsonSchema(features, walkOptions) as fc.Arbitrary<
        EventRecordInput['register']['markFeature']
      >,
    )
    .map(([{ documents, supersedes, ...record }, feature]) => {
      const register = { ...record.register };
      if (record.right === 'trademark') register.markFeature ??= feature;
      else delete register.markFeature;
      return {
        ...record,
        applicationNumber: fitSegment(record.applicationNumber),
        ...(supersedes !== undefined && supersedes !== record.eventId ? { supersedes } : {}),
        register,
        ...(documents !== undefined ? { documents } : {}),
      };
    })
    .filter((record) => Buffer.byteLength(JSON.stringify(record)) <= maxLineBytes);
}

/** Valid event records, biased to the edges: longest and shortest texts, full and empty arrays, nasty text. */
export function recordArbitrary(options: RecordArbitraryOptions = {}): fc.Arbitrary<EventRecordInput> {
  return build(options, false);
}

/**
 * Valid event records at their largest: every free-text string at its maxLength, every array at
 * its maxItems (unless the line limit caps a nested one), every optional field present.
 */
export function extremeRecordArbitrary(options: RecordArbitraryOptions = {}): fc.Arbitrary<EventRecordInput> {
  return build(options, true);
}
