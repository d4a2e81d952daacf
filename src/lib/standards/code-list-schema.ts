/**
 * The shape of a WIPO legal-status code list as this project keeps it: one JSON file per
 * standard (ST.27 patents, ST.61 trademarks, ST.87 designs) with its provenance, so that an office
 * can replace a file with the official list without a code change.
 */
import { z } from 'zod';

const text = z.string().min(1);

/** A label in each language the gazette is published in. */
export const LabelsSchema = z.strictObject({
  en: text.meta({ description: 'English label.' }),
  nb: text.meta({ description: 'Norwegian Bokmål label.' }),
  nn: text.meta({ description: 'Norwegian Nynorsk label.' }),
});

const CodedEntrySchema = z.strictObject({
  code: text,
  label: LabelsSchema,
  description: text,
});

export const STANDARDS = ['ST.27', 'ST.61', 'ST.87'] as const;
export type Standard = (typeof STANDARDS)[number];

export const EVENT_TYPES = ['key', 'detailed', 'no-mapping'] as const;

export const CodeListEventSchema = z.strictObject({
  /** Event code, e.g. `A10` (key), `A12` (detailed) or `A00` (no mapping in category A). */
  code: z.string().regex(/^[A-Z][0-9]{2}$/, { error: 'expected a letter and two digits, e.g. "A10"' }),
  /** Category letter the event belongs to. */
  category: z.string().regex(/^[A-Z]$/),
  /** key: the category's key event (X10); detailed: X11-X99; no-mapping: X00, valid as key or detailed event. */
  type: z.enum(EVENT_TYPES),
  /** English label as the standard gives it. */
  label: text,
  description: text,
  /** False when the code was not checked against the standard's official text. */
  verified: z.boolean(),
});

export const CodeListSchema = z.strictObject({
  standard: z.enum(STANDARDS),
  title: text,
  provenance: z.strictObject({
    /** True only when every code was checked against an official WIPO source. */
    verified: z.boolean(),
    /** Where the codes come from. */
    source: text,
    /** What is known to be missing or uncertain, and how to replace the file. */
    note: text,
  }),
  /** States of the right after an event (ST.27: A active, N not active, T terminated, U unspecified). */
  states: z.array(CodedEntrySchema).min(1),
  /** Stages of the life cycle (ST.27: 0 unspecified to 6). */
  stages: z.array(CodedEntrySchema).min(1),
  /** Event categories, one letter each, labelled in every gazette language. */
  categories: z.array(CodedEntrySchema).min(1),
  events: z.array(CodeListEventSchema).min(1),
});

export type CodeList = z.infer<typeof CodeListSchema>;

/**
 * Event labels in the gazette's other languages, kept beside a code list (`st27.labels.json`
 * beside `st27.json`): WIPO words its events in English only, and the list file stays as WIPO
 * publishes it. An event without a label here is shown in English, marked as English.
 */
export const EventLabelsSchema = z.strictObject({
  standard: z.enum(STANDARDS),
  provenance: z.strictObject({
    /** Who translated the labels, from what. */
    source: text,
    /** What to do when the code list changes. */
    note: text,
  }),
  /** Labels by event code. */
  events: z.record(
    z.string().regex(/^[A-Z][0-9]{2}$/, { error: 'expected an event code, a letter and two digits' }),
    LabelsSchema.omit({ en: true }),
  ),
});

export type EventLabels = z.infer<typeof EventLabelsSchema>;
export type CodeListEvent = z.infer<typeof CodeListEventSchema>;
