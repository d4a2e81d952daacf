/**
 * The event record: one legal-status event as the back office extracts it, one JSON object per line.
 *
 * This schema is the single source of truth for the record. The JSON Schema in
 * `public/schemas/event-record.schema.json`, the store's column types and the data dictionary are
 * generated from it. Descriptions and examples below feed all three, so they are written for users.
 */
import { z } from 'zod';
import { ST3_CODES } from './st3-codes.ts';

/** A real calendar date written as ISO 8601 `YYYY-MM-DD` (leap years checked). */
export const IsoDateSchema = z.iso
  .date({ error: 'expected a real calendar date as YYYY-MM-DD' })
  .meta({ description: 'ISO 8601 calendar date, YYYY-MM-DD.', examples: ['2024-03-15'] });

/** A WIPO ST.3 code of a state, other entity or organisation. */
export const St3CodeSchema = z
  .enum(ST3_CODES, { error: 'expected a WIPO ST.3 two-letter code such as "NO", "SE" or "EP"' })
  .meta({
    description: 'WIPO ST.3 two-letter code of a state, other entity or organisation.',
    examples: ['NO'],
  });

/** A trimmed, non-empty line of text. */
function text(description: string, examples: string[]) {
  return z
    .string()
    .regex(/^\S(?:[^\n\r]*\S)?$/, {
      error: 'expected non-empty text on one line without leading or trailing spaces',
    })
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
    name: text('Name of the person or organisation.', ['Nordfjord Bioteknikk AS']),
    country: St3CodeSchema.meta({
      description: 'ST.3 code of the country of residence or business.',
      examples: ['NO'],
    }),
    city: text('City of the address, if given.', ['Bergen']).optional(),
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
    code: text('Class code as written in the scheme.', ['9']),
    terms: z
      .array(text('A term of the specification.', ['computer software']))
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
    number: text('Application number of the earlier filing.', ['2023-01234']),
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
    ),
    markFeature: z
      .enum(MARK_FEATURES)
      .optional()
      .meta({ description: 'Trademarks only: the kind of mark.', examples: ['combined'] }),
    kind: z
      .string()
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
      .default([])
      .meta({ description: 'Applicants, owners, representatives, inventors, designers.' }),
    classes: z.array(ClassificationSchema).default([]).meta({ description: 'Classifications.' }),
    priorities: z.array(PrioritySchema).default([]).meta({ description: 'Priorities claimed.' }),
  })
  .meta({ description: 'The register extract frozen as it was at this event.' });

export const DocumentSchema = z
  .strictObject({
    kind: text('What the document is, e.g. mark-image, design-view, specification.', ['mark-image']),
    href: text('Where the document is: a URL, or a path relative to the extract.', [
      'documents/TM/202312345.svg',
    ]),
    mediaType: z
      .string()
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
    eventId: text("The back office's unique and stable id of the event.", ['NO-TM-2024-000123-0004']),
    office: St3CodeSchema.meta({
      description: 'ST.3 code of the office that recorded the event.',
      examples: ['NO'],
    }),
    right: RightTypeSchema,
    applicationNumber: text('Application number of the right.', ['202312345']),
    registrationNumber: text('Registration or patent number, once there is one.', ['331234']).optional(),
    nationalCode: text("The back office's event code, mapped to WIPO ST.27, ST.61 or ST.87.", ['MM1K']),
    eventDate: IsoDateSchema.meta({ description: 'Date the event happened.' }),
    effectiveDate: IsoDateSchema.optional().meta({
      description: 'Date the event takes legal effect, if not its date.',
    }),
    publicationDate: IsoDateSchema.optional().meta({
      description: 'Date the event is published in the gazette; absent when it is not for the gazette.',
    }),
    supersedes: text('Id of an earlier event that this event corrects.', [
      'NO-TM-2024-000123-0003',
    ]).optional(),
    register: RegisterSchema,
    documents: z.array(DocumentSchema).default([]).meta({ description: 'Documents and images.' }),
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
