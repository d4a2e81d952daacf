/**
 * Plans a sample trademark: a national application or an international registration designating
 * Norway, with its mark, goods and services, parties and life cycle.
 */

import { VIENNA_CODES } from './classes.ts';
import { TRADEMARK_CODES as TM } from './codes.ts';
import type { SampleContext } from './context.ts';
import { addMonths, addYears, yearOf } from './dates.ts';
import { attachImage, markImage } from './images.ts';
import { NICE_CLASS_WEIGHTS, NICE_CLASSES } from './nice-terms.ts';
import { padNumber } from './numbers.ts';
import { makeApplicant, pickForeignCountry, pickRepresentative } from './parties.ts';
import { makePriority } from './priorities.ts';
import { type Random, weightedPicker } from './random.ts';
import { addRenewals } from './renewals.ts';
import type { Classification, RightPlan } from './right-events.ts';
import { Timeline } from './timeline.ts';
import { markWords, WORDLESS_MARK_TITLES } from './titles.ts';

const pickFeature = weightedPicker<NonNullable<RightPlan['markFeature']>>([
  ['word', 55],
  ['combined', 32],
  ['figurative', 9],
  ['shape', 2],
  ['colour', 1],
  ['sound', 0.5],
  ['other', 0.5],
]);

const pickNiceClass = weightedPicker(
  NICE_CLASSES.map((entry) => [entry, NICE_CLASS_WEIGHTS[entry.code] ?? 1] as const),
);

const pickClassCount = weightedPicker<number>([
  [1, 38],
  [2, 24],
  [3, 15],
  [4, 8],
  [5, 5],
  [6, 3],
  [7, 2],
  [9, 2],
  [12, 1.5],
  [16, 1],
  [25, 0.5],
]);

/** Nice classes with terms in the filing's language, and Vienna codes for marks with a device. */
function makeClasses(random: Random, language: 'en' | 'nb', feature: string): Classification[] {
  const wanted = pickClassCount(random);
  const chosen = new Map<string, Classification>();
  for (let tries = 0; chosen.size < wanted && tries < wanted * 4; tries++) {
    const entry = pickNiceClass(random);
    if (chosen.has(entry.code)) continue;
    const terms = entry[language];
    chosen.set(entry.code, {
      scheme: 'nice',
      code: entry.code,
      terms: random.sample(terms, random.int(1, terms.length)),
    });
  }
  const classes = [...chosen.values()].sort((a, b) => Number(a.code) - Number(b.code));
  if (feature === 'figurative' || feature === 'combined') {
    for (const code of random.sample(VIENNA_CODES, random.int(1, 3)))
      classes.push({ scheme: 'vienna', code });
  }
  return classes;
}

/** Plans a trademark whose first event is on `anchor`; `international` for a Madrid designation. */
export function planTrademark(
  ctx: SampleContext,
  random: Random,
  anchor: number,
  international: boolean,
): RightPlan {
  // Holders of international registrations are always foreign; about half of national applicants are.
  const country = international || random.chance(0.47) ? pickForeignCountry(random, 'trademark') : 'NO';
  const holder = makeApplicant(random, country, country === 'NO' ? 0.22 : 0.06);
  const feature = pickFeature(random);
  const words = feature === 'word' || feature === 'combined' ? markWords(random) : undefined;
  const title = words ?? (WORDLESS_MARK_TITLES[feature] as string);
  const timeline = new Timeline(random);
  const filingDay = international ? anchor - random.int(20, 120) : anchor;
  const applicationNumber = international
    ? String(ctx.madridNumbers.next(filingDay))
    : `${yearOf(filingDay)}${padNumber(ctx.trademarkApplications.next(random, yearOf(filingDay)), 5)}`;
  const plan: RightPlan = {
    right: 'trademark',
    kind: international ? 'international-registration' : 'trademark',
    idPrefix: 'TM',
    applicationNumber,
    title,
    markFeature: feature,
    filingDay,
    holders: [holder],
    holderRole: international ? 'owner' : 'applicant',
    contributors: [],
    classes: makeClasses(random, international ? 'en' : 'nb', feature),
    priorities:
      country !== 'NO' && random.chance(international ? 0.35 : 0.3)
        ? [makePriority(random, 'trademark', country, filingDay)]
        : [],
    documents: [],
    files: [],
    timeline,
  };
  // Foreign national applicants nearly always act through a Norwegian agent; half of Norwegians do.
  if (!international && random.chance(country === 'NO' ? 0.5 : 0.92))
    plan.representative = pickRepresentative(random);
  if (feature === 'figurative' || feature === 'combined' || feature === 'shape') {
    const path = `documents/trademark/${yearOf(filingDay)}/${applicationNumber}-1.svg`;
    attachImage(plan, 'mark-image', path, markImage(random, feature === 'combined' ? words : undefined));
  }
  if (international) planInternationalLife(ctx, random, plan, anchor);
  else planNationalLife(ctx, random, plan, anchor);
  return plan;
}

function planNationalLife(ctx: SampleContext, random: Random, plan: RightPlan, filed: number): void {
  const tl = plan.timeline;
  tl.internal(TM.filed, filed);
  tl.published(TM.published, filed + random.int(3, 20));
  const outcome = random.float();
  // An examiner's objection comes first for many marks that end registered and for all refused ones.
  const objection = random.chance(outcome < 0.8 ? 0.3 : outcome < 0.9 ? 1 : 0.4)
    ? filed + random.int(25, 90)
    : undefined;
  if (objection !== undefined) tl.internal(TM.officeAction, objection);
  let registered: number | undefined;
  if (outcome < 0.8) {
    registered = (objection ?? filed) + random.int(35, 200);
  } else if (outcome < 0.9) {
    const refused = filed + random.int(120, 420);
    tl.end(TM.refused, refused, true);
    if (random.chance(0.15)) {
      const appeal = refused + random.int(20, 60);
      tl.published(TM.appealFiled, appeal);
      const decided = appeal + random.int(180, 500);
      tl.published(TM.appealDecision, decided);
      if (random.chance(0.3)) {
        tl.endDay = Number.POSITIVE_INFINITY;
        registered = decided + random.int(20, 60);
      } else {
        tl.endDay = decided;
      }
    }
  } else if (outcome < 0.96) {
    tl.end(TM.withdrawn, filed + random.int(30, 300), true);
  } else {
    tl.end(TM.shelved, filed + random.int(120, 300), true);
  }
  if (registered === undefined) {
    tl.scatter(filed + 10, ctx.untilDay, 0.05, (day) =>
      tl.published(TM.representativeChange, day, { op: 'representative' }),
    );
    return;
  }
  const expiry = addYears(plan.filingDay, 10);
  const number = String(ctx.trademarkNumbers.next(registered));
  const published = tl.published(TM.registered, registered, {
    registration: { day: registered, number },
    expiryDay: expiry,
    becomeOwner: true,
  });
  tl.internal(TM.oppositionPeriodEnded, addMonths(published.publicationDay ?? registered, 3));
  planAfterRegistration(ctx, random, plan, registered, expiry, false);
}

function planInternationalLife(ctx: SampleContext, random: Random, plan: RightPlan, received: number): void {
  const tl = plan.timeline;
  tl.internal(TM.irReceived, received);
  const expiry = addYears(plan.filingDay, 10);
  const registration = { day: plan.filingDay, number: plan.applicationNumber };
  const outcome = random.float();
  let granted: number | undefined;
  if (outcome < 0.78) {
    granted = received + random.int(90, 420);
  } else if (outcome < 0.95) {
    const refusal = received + random.int(90, 360);
    tl.internal(TM.irProvisionalRefusal, refusal);
    // The holder needs a Norwegian agent to answer a refusal.
    tl.published(TM.representativeChange, refusal + random.int(20, 90), { op: 'representative' });
    if (random.chance(0.55)) granted = refusal + random.int(120, 420);
    else tl.end(TM.irFinalRefusal, refusal + random.int(150, 420), true);
  } else {
    tl.end(TM.irFinalRefusal, received + random.int(200, 500), true);
  }
  if (granted === undefined) return;
  const published = tl.published(TM.irGranted, granted, { registration, expiryDay: expiry });
  tl.internal(TM.oppositionPeriodEnded, addMonths(published.publicationDay ?? granted, 3));
  planAfterRegistration(ctx, random, plan, granted, expiry, true);
}

/** Opposition, renewals or lapse, changes and early ends of a registered mark. */
function planAfterRegistration(
  ctx: SampleContext,
  random: Random,
  plan: RightPlan,
  registered: number,
  expiry: number,
  international: boolean,
): void {
  const tl = plan.timeline;
  if (random.chance(international ? 0.02 : 0.035)) {
    const filed = registered + random.int(20, 88);
    tl.published(TM.opposition, filed);
    const decided = filed + random.int(150, 420);
    const result = random.float();
    if (result < 0.6) tl.published(TM.oppositionRejected, decided);
    else if (result < 0.78) tl.published(TM.oppositionPartly, decided, { op: 'limit-classes' });
    else tl.end(TM.oppositionUpheld, decided, true);
    if (random.chance(0.15)) {
      const appeal = decided + random.int(20, 60);
      tl.published(TM.appealFiled, appeal);
      tl.published(TM.appealDecision, appeal + random.int(180, 450));
    }
  }
  addRenewals(tl, random, {
    firstExpiry: expiry,
    years: 10,
    maxPeriods: 100,
    until: ctx.untilDay,
    renewRate: () => (international ? 0.7 : 0.64),
    renew: (day, periodEnd, nextEnd) =>
      tl.published(international ? TM.irRenewed : TM.renewed, day, {
        effectiveDay: periodEnd,
        expiryDay: nextEnd,
      }),
    lapse: (periodEnd) => {
      if (international) {
        tl.end(TM.irCeased, periodEnd + random.int(180, 300), true, { effectiveDay: periodEnd });
      } else {
        tl.internal(TM.periodExpired, periodEnd);
        tl.end(TM.lapsed, periodEnd + random.int(190, 240), true, { effectiveDay: periodEnd });
      }
    },
  });
  // Early ends cut everything after them.
  const until = ctx.untilDay;
  if (random.chance(0.025)) tl.cutAt(TM.surrendered, random.int(registered + 30, registered + 4000), true);
  if (random.chance(0.012)) {
    const requested = random.int(registered + 365, registered + 5000);
    if (requested < tl.endDay) {
      tl.published(TM.reviewRequested, requested);
      const decided = requested + random.int(150, 400);
      if (random.chance(0.45)) tl.cutAt(TM.invalidated, decided, true);
      else if (decided < tl.endDay) tl.published(TM.reviewRejected, decided);
    }
  }
  const from = registered + 1;
  tl.scatter(from, until, 0.03, (day) => tl.published(TM.ownerChange, day, { op: 'transfer' }));
  tl.scatter(from, until, 0.012, (day) => tl.published(TM.nameChange, day, { op: 'rename' }));
  tl.scatter(from, until, 0.012, (day) => tl.published(TM.nameChange, day, { op: 'move' }));
  tl.scatter(from, until, 0.025, (day) =>
    tl.published(TM.representativeChange, day, { op: 'representative' }),
  );
  if (plan.representative) {
    tl.scatter(from, until, 0.004, (day) =>
      tl.published(TM.representativeRemoved, day, { op: 'representative-removed' }),
    );
  }
  tl.scatter(from, until, 0.008, (day) => {
    tl.published(TM.licence, day);
    const ended = day + random.int(200, 2000);
    if (random.chance(0.3) && ended < tl.endDay) tl.published(TM.licenceEnded, ended);
  });
  tl.scatter(from, until, 0.003, (day) => tl.published(TM.limitation, day, { op: 'limit-classes' }));
}
