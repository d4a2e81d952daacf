/**
 * The event record: one legal-status event as the back office extracts it, one JSON object per line.
 *
 * This schema is the single source of truth for the record. The JSON Schema in
 * `public/schemas/event-record.schema.json`, the store's column types and the data dictionary are
 * generated from it. Descriptions and examples below feed all three, so they are written for users.
 */
import { z } from 'zod';
import { MAX_SEGMENT_LENGTH, rightSegmentLength } from './site/right-path.ts';
import { ST3_CODES } from './st3-codes.ts';

/**
 * The most each field may hold. Every limit is generous for real register data and small enough
 * that no accepted record can make a build fail or grow without bound: an application number
 * must fit a file name once written for a URL, a title a page, a list a page of the gazette.
 * Lengths are in UTF-16 code units, as JavaScript counts them.
 */
export const RECORD_LIMITS = {
  /** eventId and supersedes. */
  eventId: 100,
  /** applicationNumber and registrationNumber (also limited by their URL segment, see right-path.ts). */
  number: 40,
  nationalCode: 20,
  /** The title of an invention or design, the verbal element of a mark. */
  title: 1_000,
  /** register.kind and a document's kind. */
  kind: 40,
  partyName: 300,
  city: 100,
  classCode: 40,
  /** One term of goods, services or products. */
  term: 500,
  termsPerClass: 1_000,
  parties: 200,
  classes: 200,
  priorities: 50,
  documents: 50,
  href: 500,
  mediaType: 100,
  /** Earliest and latest year of any date: the oldest archives start in the 19th century. */
  firstYear: 1800,
  lastYear: 2199,
} as const;

/** A real calendar date written as ISO 8601 `YYYY-MM-DD` (leap years checked). */
export const IsoDateSchema = z.iso
  .date({ error: 'expected a real calendar date as YYYY-MM-DD' })
  .refine(
    (date) => {
      // Only a well-formed date is checked here; the format's own message covers the rest.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return true;
      const year = Number(date.slice(0, 4));
      return year >= RECORD_LIMITS.firstYear && year <= RECORD_LIMITS.lastYear;
    },
    { error: `expected a date from ${RECORD_LIMITS.firstYear} to ${RECORD_LIMITS.lastYear}` },
  )
  .meta({ description: 'ISO 8601 calendar date, YYYY-MM-DD.', examples: ['2024-03-15'] });

/** A WIPO ST.3 code of a state, other entity or organisation. */
export const St3CodeSchema = z
  .enum(ST3_CODES, { error: 'expected a WIPO ST.3 two-letter code such as "NO", "SE" or "EP"' })
  .meta({
    description: 'WIPO ST.3 two-letter code of a state, other entity or organisation.',
    examples: ['NO'],
  });

/** One line of text, trimmed, without control characters, U+FFFE or U+FFFF. */
const ONE_LINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it refuses.
  /^[^\s\x00-\x1f\x7f-\x9f\ufffe\uffff](?:[^\x00-\x1f\x7f-\x9f\ufffe\uffff]*[^\s\x00-\x1f\x7f-\x9f\ufffe\uffff])?$/;

/**
 * A trimmed, non-empty line of text of at most `max` characters. Control characters, lone
 * surrogates and the non-characters U+FFFE and U+FFFF are refused: no XML document (feeds, ST.96)
 * can hold them, so a record with one would fail every build that publishes it.
 */
function text(description: string, examples: string[], max: number) {
  return z
    .string()
    .max(max, { error: `expected at most ${max} characters` })
    .regex(ONE_LINE, {
      error: 'expected non-empty text on one line without leading or trailing spaces or control characters',
    })
    .refine((value) => value.isWellFormed(), { error: 'expected text without lone surrogate code units' })
    .meta({ description, examples });
}

export const RIGHT_TYPES = ['patent', 'trademark', 'design'] as const;
export const RightTypeSchema = z.enum(RIGHT_TYPES).meta({
  description: 'The kind of IP right the event concerns.',
  examples: ['trademark'],
});
export type RightType = z.infer<typeof RightTypeSchema>;

export const MARK_FEATURES = ['word', 'figurative', 'combined', 'shape', 'colour', 'sound', 'other'] as const;

export const PARTY_ROLES = ['applicant', 'owner', 'representative', 'inventor', 'designer'] as const;

export const PartySchema = z
  .strictObject({
    role: z.enum(PARTY_ROLES).meta({ description: 'What the party is to the right.', examples: ['owner'] }),
    name: text('Name of the person or organisation.', ['Nordfjord Bioteknikk AS'], RECORD_LIMITS.partyName),
    country: St3CodeSchema.meta({
      description: 'ST.3 code of the country of residence or business.',
      examples: ['NO'],
    }),
    city: text('City of the address, if given.', ['Bergen'], RECORD_LIMITS.city).optional(),
  })
  .meta({ description: 'A party to the right as registered at the event.' });

export const CLASS_SCHEMES = ['nice', 'locarno', 'ipc', 'cpc', 'vienna'] as const;

/** The written form of a class code in each scheme; codes are checked against these. */
export const CLASS_CODE_PATTERNS: Record<
  (typeof CLASS_SCHEMES)[number],
  { pattern: RegExp; example: string }
> = {
  // Nice classes 1-45, written without leading zero.
  nice: { pattern: /^(?:[1-9]|[1-3][0-9]|4[0-5])$/, example: '9' },
  // Locarno class and subclass, e.g. 06-01.
  locarno: { pattern: /^(?:0[1-9]|[1-2][0-9]|3[0-2])-(?:[0-9]{2})$/, example: '06-01' },
  // IPC and CPC symbols: section, class, subclass, then group/subgroup, e.g. A61K 31/4745.
  ipc: { pattern: /^[A-H][0-9]{2}[A-Z](?: [0-9]{1,4}\/[0-9]{2,6})?$/, example: 'A61K 31/4745' },
  cpc: { pattern: /^[A-HY][0-9]{2}[A-Z](?: [0-9]{1,4}\/[0-9]{2,6})?$/, example: 'Y02E 10/72' },
  // Vienna category, division and section, e.g. 03.01.08.
  vienna: { pattern: /^[0-2][0-9]\.[0-9]{2}\.[0-9]{2}$/, example: '03.01.08' },
};

export const ClassificationSchema = z
  .strictObject({
    scheme: z.enum(CLASS_SCHEMES).meta({
      description: 'Classification scheme: Nice (goods and services), Locarno (designs), IPC, CPC, Vienna.',
      examples: ['nice'],
    }),
    code: text('Class code as written in the scheme.', ['9'], RECORD_LIMITS.classCode),
    terms: z
      .array(text('A term of the specification.', ['computer software'], RECORD_LIMITS.term))
      .max(RECORD_LIMITS.termsPerClass, { error: `expected at most ${RECORD_LIMITS.termsPerClass} terms` })
      .optional()
      .meta({ description: 'Goods, services or product terms in this class, if any.' }),
  })
  .superRefine((value, ctx) => {
    const { pattern, example } = CLASS_CODE_PATTERNS[value.scheme];
    if (!pattern.test(value.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        input: value.code,
        message: `expected a ${value.scheme} class code like "${example}"`,
      });
    }
  })
  .meta({ description: 'A class the right is classified in.' });

export const PrioritySchema = z
  .strictObject({
    country: St3CodeSchema.meta({
      description: 'ST.3 code of the office of first filing.',
      examples: ['SE'],
    }),
    number: text('Application number of the earlier filing.', ['2023-01234'], RECORD_LIMITS.number),
    date: IsoDateSchema.meta({
      description: 'Filing date of the earlier application.',
      examples: ['2023-05-02'],
    }),
  })
  .meta({ description: 'A priority claimed.' });

export const RegisterSchema = z
  .strictObject({
    title: text(
      'Patent: title of the invention; trademark: the verbal element of the mark; design: the product.',
      ['NORDLYS'],
      RECORD_LIMITS.title,
    ),
    markFeature: z
      .enum(MARK_FEATURES)
      .optional()
      .meta({ description: 'Trademarks only: the kind of mark.', examples: ['combined'] }),
    kind: z
      .string()
      .max(RECORD_LIMITS.kind, { error: `expected at most ${RECORD_LIMITS.kind} characters` })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
        error: 'expected a lower-case kebab-case word like "ep-validation"',
      })
      .optional()
      .meta({
        description:
          'Kind of right within its type, e.g. patent, spc, ep-validation, international-registration.',
        examples: ['ep-validation'],
      }),
    filingDate: IsoDateSchema.optional().meta({ description: 'Filing date of the application.' }),
    registrationDate: IsoDateSchema.optional().meta({ description: 'Date of grant or registration.' }),
    expiryDate: IsoDateSchema.optional().meta({ description: 'Date the right expires unless renewed.' }),
    parties: z
      .array(PartySchema)
      .max(RECORD_LIMITS.parties, { error: `expected at most ${RECORD_LIMITS.parties} parties` })
      .default([])
      .meta({ description: 'Applicants, owners, representatives, inventors, designers.' }),
    classes: z
      .array(ClassificationSchema)
      .max(RECORD_LIMITS.classes, { error: `expected at most ${RECORD_LIMITS.classes} classes` })
      .default([])
      .meta({ description: 'Classifications.' }),
    priorities: z
      .array(PrioritySchema)
      .max(RECORD_LIMITS.priorities, { error: `expected at most ${RECORD_LIMITS.priorities} priorities` })
      .default([])
      .meta({ description: 'Priorities claimed.' }),
  })
  .meta({ description: 'The register extract frozen as it was at this event.' });

export const DocumentSchema = z
  .strictObject({
    kind: text(
      'What the document is, e.g. mark-image, design-view, specification.',
      ['mark-image'],
      RECORD_LIMITS.kind,
    ),
    href: text(
      "Where the document is: a path relative to the extract's folder, inside it.",
      ['documents/TM/202312345.svg'],
      RECORD_LIMITS.href,
    ),
    mediaType: z
      .string()
      .max(RECORD_LIMITS.mediaType, { error: `expected at most ${RECORD_LIMITS.mediaType} characters` })
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/, { error: 'expected a media type like "image/png"' })
      .meta({ description: 'IANA media type of the document.', examples: ['image/svg+xml'] }),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lower-case hexadecimal digits' })
      .meta({ description: 'SHA-256 of the document bytes, hex.' }),
  })
  .meta({ description: 'A document or image attached to the event.' });

export const EventRecordSchema = z
  .strictObject({
    eventId: text(
      "The back office's unique and stable id of the event.",
      ['NO-TM-2024-000123-0004'],
      RECORD_LIMITS.eventId,
    ),
    office: St3CodeSchema.meta({
      description: 'ST.3 code of the office that recorded the event.',
      examples: ['NO'],
    }),
    right: RightTypeSchema,
    applicationNumber: text('Application number of the right.', ['202312345'], RECORD_LIMITS.number),
    registrationNumber: text(
      'Registration or patent number, once there is one.',
      ['331234'],
      RECORD_LIMITS.number,
    ).optional(),
    nationalCode: text(
      "The back office's event code, mapped to WIPO ST.27, ST.61 or ST.87.",
      ['MM1K'],
      RECORD_LIMITS.nationalCode,
    ),
    eventDate: IsoDateSchema.meta({ description: 'Date the event happened.' }),
    effectiveDate: IsoDateSchema.optional().meta({
      description: 'Date the event takes legal effect, if not its date.',
    }),
    publicationDate: IsoDateSchema.optional().meta({
      description: 'Date the event is published in the gazette; absent when it is not for the gazette.',
    }),
    supersedes: text(
      'Id of an earlier event that this event corrects.',
      ['NO-TM-2024-000123-0003'],
      RECORD_LIMITS.eventId,
    ).optional(),
    register: RegisterSchema,
    documents: z
      .array(DocumentSchema)
      .max(RECORD_LIMITS.documents, { error: `expected at most ${RECORD_LIMITS.documents} documents` })
      .default([])
      .meta({ description: 'Documents and images.' }),
  })
  .superRefine((record, ctx) => {
    if (record.right === 'trademark' && !record.register.markFeature) {
      ctx.addIssue({
        code: 'custom',
        path: ['register', 'markFeature'],
        input: undefined,
        message: `expected one of ${MARK_FEATURES.join(', ')} for a trademark`,
      });
    }
    if (record.right !== 'trademark' && record.register.markFeature) {
      ctx.addIssue({
        code: 'custom',
        path: ['register', 'markFeature'],
        input: record.register.markFeature,
        message: `expected no markFeature for a ${record.right}`,
      });
    }
    // The register page's URL is made from the application number; it must fit a file name.
    const segment = rightSegmentLength(record.applicationNumber);
    if (segment > MAX_SEGMENT_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicationNumber'],
        input: record.applicationNumber,
        message: `expected an application number whose page URL has at most ${MAX_SEGMENT_LENGTH} characters (this one needs ${segment})`,
      });
    }
    if (record.supersedes === record.eventId) {
      ctx.addIssue({
        code: 'custom',
        path: ['supersedes'],
        input: record.supersedes,
        message: 'expected the id of another event: an event cannot supersede itself',
      });
    }
  })
  .meta({
    title: 'Tidende event record',
    description:
      'One legal-status event extracted from the back office, with the register data frozen as it was then.',
  });

/** An event record as written in an extract (defaults not yet applied). */
export type EventRecordInput = z.input<typeof EventRecordSchema>;
/** An event record after validation (lists present, possibly empty). */
export type EventRecord = z.output<typeof EventRecordSchema>;
