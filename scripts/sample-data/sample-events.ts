/**
 * Generates a sample archive right by right, each right's events in date order, without holding
 * more than one right in memory.
 */
import { createContext, RIGHT_MIX, type RightKind, type SampleContext } from './context.ts';
import { planDesign } from './design-right.ts';
import { planEpValidation } from './ep-validation-right.ts';
import { planPatent } from './patent-right.ts';
import { Random, weightedPicker } from './random.ts';
import { planToEvents, type RightPlan, type SampleEvent, type SampleLine } from './right-events.ts';
import { planSpc } from './spc-right.ts';
import { planTrademark } from './trademark-right.ts';

/** What to generate. */
export interface SampleOptions {
  /** Number of IP rights to generate. */
  rights: number;
  /** Seed of the pseudo-random generator: the same options give the same bytes. */
  seed: number;
  /** ISO date: no event happens after it (the CLI's default is '2026-11-16'). */
  until: string;
}

const pickKind = weightedPicker<RightKind>(RIGHT_MIX.map((entry) => [entry, entry.share] as const));

function planRight(ctx: SampleContext, random: Random, kind: RightKind, anchor: number): RightPlan {
  if (kind.right === 'trademark')
    return planTrademark(ctx, random, anchor, kind.kind === 'international-registration');
  if (kind.right === 'design')
    return planDesign(ctx, random, anchor, kind.kind === 'international-registration');
  if (kind.kind === 'ep-validation') return planEpValidation(ctx, random, anchor);
  if (kind.kind === 'spc') return planSpc(ctx, random, anchor);
  return planPatent(ctx, random, anchor);
}

/** Streams records right by right (each right's life cycle in date order) without holding the archive in memory. */
export function generateSampleEvents(options: SampleOptions): Generator<SampleEvent> {
  return generate(options, false);
}

/** As generateSampleEvents, with each record's JSON text made from cached parts (for writing extracts). */
export function generateSampleLines(options: SampleOptions): Generator<SampleLine> {
  return generate(options, true) as Generator<SampleLine>;
}

function* generate(options: SampleOptions, withJson: boolean): Generator<SampleEvent | SampleLine> {
  const { rights, seed } = options;
  if (!Number.isSafeInteger(rights) || rights < 0) {
    throw new Error(`Expected "rights" to be a whole number of 0 or more, got ${rights}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`Expected "seed" to be a whole number, got ${seed}.`);
  const ctx = createContext(rights, options.until);
  const span = ctx.untilDay - ctx.startDay + 1;
  for (let i = 0; i < rights; i++) {
    // Each right has its own stream, so a change to one right's life cycle leaves the others alone.
    const random = new Random(seed, i + 1);
    const kind = pickKind(random);
    // First events are spread evenly over the window, in order, like an office's intake.
    const anchor = ctx.startDay + Math.floor(((i + random.float()) * span) / rights);
    const plan = planRight(ctx, random, kind, Math.min(anchor, ctx.untilDay));
    // One right's events at a time: a small array, so the archive is never held in memory.
    for (const event of planToEvents(plan, random, ctx.untilDay, withJson)) yield event;
  }
}
