/**
 * Renewal periods of a registered right: each period the owner renews or lets the right lapse,
 * up to a maximum term. Trademarks renew every 10 years without limit, designs every 5 up to 25.
 */
import { addYears } from './dates.ts';
import type { Random } from './random.ts';
import type { Timeline } from './timeline.ts';

/** How a right renews and what happens when it does not. */
export interface RenewalRules {
  /** End of the first period of protection. */
  firstExpiry: number;
  /** Length of a renewal period in years. */
  years: number;
  /** Number of periods the law allows in all. */
  maxPeriods: number;
  /** Periods whose renewal window opens after this day are left undecided. */
  until: number;
  /** Chance that the owner renews period `period` (1 = the first renewal). */
  renewRate: (period: number) => number;
  renew: (day: number, periodEnd: number, nextEnd: number) => void;
  lapse: (periodEnd: number) => void;
  /** The last allowed period has ended. */
  maxTermReached?: (periodEnd: number) => void;
}

// Renewal opens six months before the period ends; a six-month grace period with a fee follows.
const WINDOW_DAYS = 183;

/** Adds renewals and the final lapse or expiry of a right. */
export function addRenewals(tl: Timeline, random: Random, rules: RenewalRules): void {
  let periodEnd = rules.firstExpiry;
  for (let period = 1; ; period++) {
    if (periodEnd - WINDOW_DAYS > rules.until || periodEnd >= tl.endDay) return;
    if (period >= rules.maxPeriods) {
      rules.maxTermReached?.(periodEnd);
      return;
    }
    if (!random.chance(rules.renewRate(period))) {
      rules.lapse(periodEnd);
      return;
    }
    const day = random.chance(0.85) ? periodEnd - random.int(1, 180) : periodEnd + random.int(1, 170);
    const nextEnd = addYears(periodEnd, rules.years);
    rules.renew(day, periodEnd, nextEnd);
    periodEnd = nextEnd;
  }
}
