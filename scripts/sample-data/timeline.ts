/**
 * The life cycle of one sample right as a list of drafted events: what happened on which day,
 * whether it goes in the gazette, and how it changed the register. Records are made from it later.
 */
import { mondayOnOrAfter } from './dates.ts';
import type { Random } from './random.ts';

/** A change to the register that an event makes, applied when the events are replayed in order. */
export type RegisterOp =
  | 'transfer' // a new owner
  | 'rename' // the owner's new name
  | 'move' // the owner's new city
  | 'representative' // a new representative
  | 'representative-removed'
  | 'limit-classes'; // goods, services or classes taken out

/** One event of a right's life before it becomes a record. */
export interface Draft {
  code: string;
  day: number;
  /** Day it is published in the gazette; absent for internal events. */
  publicationDay?: number;
  effectiveDay?: number;
  /** Registration or grant, with its number if the right gets one. */
  registration?: { day: number; number?: string };
  /** New expiry day of the right. */
  expiryDay?: number;
  /** The applicant becomes the owner (registration, grant). */
  becomeOwner?: boolean;
  op?: RegisterOp;
}

/** A right's events in the making; keeps the day the right stopped, after which nothing happens. */
export class Timeline {
  readonly drafts: Draft[] = [];
  /** Day of the event that ended the right, or Infinity while it lives. */
  endDay = Number.POSITIVE_INFINITY;
  private readonly random: Random;

  constructor(random: Random) {
    this.random = random;
  }

  /** Adds an internal event (not for the gazette). */
  internal(code: string, day: number, extra?: Partial<Draft>): Draft {
    const draft: Draft = { code, day, ...extra };
    this.drafts.push(draft);
    return draft;
  }

  /** Adds an event that the gazette publishes, usually in the Monday issue a few days later. */
  published(code: string, day: number, extra?: Partial<Draft>): Draft {
    return this.internal(code, day, { publicationDay: publicationDayFor(this.random, day), ...extra });
  }

  /** Adds the event that ends the right; later side events are not drawn past it. */
  end(code: string, day: number, publish: boolean, extra?: Partial<Draft>): Draft {
    this.endDay = day;
    return publish ? this.published(code, day, extra) : this.internal(code, day, extra);
  }

  /** Ends the right on `day` unless it ended before: drops what was planned after it, adds the end. */
  cutAt(code: string, day: number, publish: boolean, extra?: Partial<Draft>): void {
    if (day >= this.endDay) return;
    let kept = 0;
    for (const draft of this.drafts) if (draft.day <= day) this.drafts[kept++] = draft;
    this.drafts.length = kept;
    this.end(code, day, publish, extra);
  }

  /**
   * Adds events that happen at random times between `from` and the right's end or `until`:
   * `perYear` is the mean number a year (a Poisson process).
   */
  scatter(from: number, until: number, perYear: number, add: (day: number) => void): void {
    const to = Math.min(this.endDay, until);
    if (to <= from) return;
    const count = poisson(this.random, (perYear * (to - from)) / 365.25);
    for (let i = 0; i < count; i++) add(this.random.int(from, to - 1));
  }
}

/** The gazette day for an event: the first Monday at least two days after it, sometimes a week later. */
export function publicationDayFor(random: Random, day: number): number {
  return mondayOnOrAfter(day + random.int(2, 8));
}

/** A Poisson-distributed count with mean `mean` (inversion; means here are small). */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let product = random.float();
  let count = 0;
  while (product > limit && count < 1000) {
    product *= random.float();
    count++;
  }
  return count;
}
