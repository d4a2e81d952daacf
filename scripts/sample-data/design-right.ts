/**
 * Plans a sample design: a national application or an international (Hague) registration
 * designating Norway, with its product, views, designers and life cycle of five-year renewals.
 */
import { LOCARNO_PRODUCTS } from './classes.ts';
import { DESIGN_CODES as DS } from './codes.ts';
import type { SampleContext } from './context.ts';
import { addYears, yearOf } from './dates.ts';
import { attachImage, designView } from './images.ts';
import { padNumber } from './numbers.ts';
import {
  makeApplicant,
  makePerson,
  type Party,
  pickForeignCountry,
  pickRepresentative,
  withRole,
} from './parties.ts';
import { makePriority } from './priorities.ts';
import { type Random, weightedPicker } from './random.ts';
import { addRenewals } from './renewals.ts';
import type { RightPlan } from './right-events.ts';
import { Timeline } from './timeline.ts';

const pickViewCount = weightedPicker<number>([
  [1, 30],
  [2, 25],
  [3, 20],
  [4, 15],
  [5, 5],
  [6, 3],
  [7, 2],
]);

/** Plans a design whose first event is on `anchor`; `international` for a Hague designation. */
export function planDesign(
  ctx: SampleContext,
  random: Random,
  anchor: number,
  international: boolean,
): RightPlan {
  const country = international || random.chance(0.46) ? pickForeignCountry(random, 'design') : 'NO';
  const holder = makeApplicant(random, country, country === 'NO' ? 0.2 : 0.05);
  const designers: Party[] = [];
  for (let i = random.int(1, random.chance(0.2) ? 3 : 1); i > 0; i--) {
    designers.push(
      withRole(
        makePerson(random, random.chance(0.9) ? country : pickForeignCountry(random, 'design')),
        'designer',
      ),
    );
  }
  const product = random.pick(LOCARNO_PRODUCTS);
  const title = international ? product.en : product.nb;
  const filingDay = international ? anchor - random.int(30, 120) : anchor;
  const applicationNumber = international
    ? `DM${padNumber(ctx.hagueNumbers.next(filingDay), 6)}`
    : `${yearOf(filingDay)}${padNumber(ctx.designApplications.next(random, yearOf(filingDay)), 4)}`;
  const plan: RightPlan = {
    right: 'design',
    kind: international ? 'international-registration' : 'design',
    idPrefix: 'DS',
    applicationNumber,
    title,
    filingDay,
    holders: [holder],
    holderRole: international ? 'owner' : 'applicant',
    contributors: designers,
    classes: [{ scheme: 'locarno', code: product.code, terms: [title] }],
    priorities:
      country !== 'NO' && random.chance(0.4) ? [makePriority(random, 'design', country, filingDay)] : [],
    documents: [],
    files: [],
    timeline: new Timeline(random),
  };
  if (!international && random.chance(country === 'NO' ? 0.45 : 0.85))
    plan.representative = pickRepresentative(random);
  const views = pickViewCount(random);
  for (let view = 1; view <= views; view++) {
    const path = `documents/design/${yearOf(filingDay)}/${applicationNumber}-${view}.svg`;
    attachImage(plan, 'design-view', path, designView(random, title, view));
  }
  const registered = international
    ? planInternationalStart(random, plan, anchor)
    : planNationalStart(random, plan, anchor, ctx);
  if (registered !== undefined) planAfterRegistration(ctx, random, plan, registered, international);
  return plan;
}

/** Filing to registration or refusal; returns the registration day. */
function planNationalStart(
  random: Random,
  plan: RightPlan,
  filed: number,
  ctx: SampleContext,
): number | undefined {
  const tl = plan.timeline;
  tl.internal(DS.filed, filed);
  // Deferred publication keeps a design secret for up to six months from filing or priority.
  const deferred = random.chance(0.06);
  if (deferred) tl.internal(DS.deferred, filed + random.int(0, 10));
  const outcome = random.float();
  const objection = random.chance(outcome < 0.88 ? 0.12 : 0.8) ? filed + random.int(20, 60) : undefined;
  if (objection !== undefined) tl.internal(DS.officeAction, objection);
  if (outcome < 0.88) {
    const day = Math.max(objection ?? filed, filed) + (deferred ? random.int(170, 185) : random.int(30, 150));
    const number = String(ctx.designNumbers.next(day));
    tl.published(DS.registered, day, {
      registration: { day, number },
      expiryDay: addYears(plan.filingDay, 5),
      becomeOwner: true,
    });
    return day;
  }
  if (outcome < 0.93) {
    const refused = filed + random.int(90, 400);
    tl.end(DS.refused, refused, true);
    if (random.chance(0.15)) {
      const appeal = refused + random.int(20, 60);
      tl.published(DS.appealFiled, appeal);
      tl.published(DS.appealDecision, appeal + random.int(180, 450));
    }
  } else if (outcome < 0.98) {
    tl.end(DS.withdrawn, filed + random.int(20, 200), false);
  } else {
    tl.end(DS.shelved, filed + random.int(120, 300), false);
  }
  return undefined;
}

/** Notification of the international registration to protection or refusal in Norway. */
function planInternationalStart(random: Random, plan: RightPlan, received: number): number | undefined {
  const tl = plan.timeline;
  tl.internal(DS.irReceived, received);
  const registration = { day: plan.filingDay, number: plan.applicationNumber };
  const expiryDay = addYears(plan.filingDay, 5);
  let granted: number | undefined;
  if (random.chance(0.9)) {
    granted = received + random.int(60, 300);
  } else {
    const refused = received + random.int(60, 180);
    tl.published(DS.irRefused, refused);
    if (random.chance(0.4)) granted = refused + random.int(90, 300);
    else tl.endDay = refused;
  }
  if (granted !== undefined) tl.published(DS.irGranted, granted, { registration, expiryDay });
  return granted;
}

/** Renewals every five years up to 25, changes, and the occasional early end. */
function planAfterRegistration(
  ctx: SampleContext,
  random: Random,
  plan: RightPlan,
  registered: number,
  international: boolean,
): void {
  const tl = plan.timeline;
  const rates = [0.62, 0.7, 0.75, 0.8];
  addRenewals(tl, random, {
    firstExpiry: addYears(plan.filingDay, 5),
    years: 5,
    maxPeriods: 5,
    until: ctx.untilDay,
    renewRate: (period) => rates[period - 1] ?? 0.8,
    renew: (day, periodEnd, nextEnd) =>
      tl.published(international ? DS.irRenewed : DS.renewed, day, {
        effectiveDay: periodEnd,
        expiryDay: nextEnd,
      }),
    lapse: (periodEnd) =>
      tl.end(international ? DS.irCeased : DS.lapsed, periodEnd + random.int(190, 300), true, {
        effectiveDay: periodEnd,
      }),
    maxTermReached: (periodEnd) =>
      tl.end(DS.maximumTermExpired, periodEnd, true, { effectiveDay: periodEnd }),
  });
  if (random.chance(0.015)) tl.cutAt(DS.surrendered, registered + random.int(60, 4000), true);
  if (random.chance(0.008)) {
    const requested = registered + random.int(200, 3000);
    if (requested < tl.endDay) {
      tl.published(DS.reviewRequested, requested);
      const decided = requested + random.int(150, 400);
      const result = random.float();
      if (result < 0.4) tl.cutAt(DS.invalidated, decided, true);
      else if (decided < tl.endDay)
        tl.published(result < 0.6 ? DS.reviewAmended : DS.reviewRejected, decided);
    }
  }
  const from = registered + 1;
  const until = ctx.untilDay;
  tl.scatter(from, until, 0.025, (day) => tl.published(DS.ownerChange, day, { op: 'transfer' }));
  tl.scatter(from, until, 0.01, (day) => tl.published(DS.nameChange, day, { op: 'rename' }));
  tl.scatter(from, until, 0.008, (day) => tl.published(DS.nameChange, day, { op: 'move' }));
  if (international) return;
  tl.scatter(from, until, 0.02, (day) =>
    tl.published(DS.representativeChange, day, { op: 'representative' }),
  );
  if (plan.representative) {
    tl.scatter(from, until, 0.002, (day) =>
      tl.published(DS.representativeRemoved, day, { op: 'representative-removed' }),
    );
  }
  tl.scatter(from, until, 0.005, (day) => {
    tl.published(DS.licence, day);
    const ended = day + random.int(200, 1500);
    if (random.chance(0.3) && ended < tl.endDay) tl.published(DS.licenceEnded, ended);
  });
}
