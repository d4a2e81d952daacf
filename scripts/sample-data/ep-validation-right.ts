/**
 * Plans a sample European patent validated in Norway: translation filed after grant at the EPO,
 * annual fees to NIPO, amendment after an EPO opposition now and then, lapse or expiry.
 */
import { PATENT_CODES as PT } from './codes.ts';
import type { SampleContext } from './context.ts';
import { addMonths, addYears, yearOf } from './dates.ts';
import { padNumber } from './numbers.ts';
import { addPatentChanges, forEachFeeYear, makePatentBasics, patentTitle } from './patent-parties.ts';
import { makePriority } from './priorities.ts';
import type { Random } from './random.ts';
import type { RightPlan } from './right-events.ts';
import { Timeline } from './timeline.ts';

/** Plans a European patent whose validation in Norway is on `anchor`. */
export function planEpValidation(ctx: SampleContext, random: Random, anchor: number): RightPlan {
  const basics = makePatentBasics(random, 0.96);
  const epGrantDay = anchor - random.int(60, 100);
  const filingDay = epGrantDay - random.int(3 * 365, 7 * 365);
  const priorities = random.chance(0.85) ? [makePriority(random, 'patent', basics.country, filingDay)] : [];
  const filingYear = yearOf(filingDay);
  const applicationNumber = `EP${padNumber(filingYear % 100, 2)}${padNumber(ctx.epApplications.next(random, filingYear), 6)}`;
  // The EP number is given when the application is published, 18 months from the earliest date.
  const published = addMonths(priorities[0] ? filingDay - 365 : filingDay, 18);
  const plan: RightPlan = {
    right: 'patent',
    kind: 'ep-validation',
    idPrefix: 'PT',
    applicationNumber,
    title: patentTitle(random, basics.group, basics.country === 'NO' && random.chance(0.5)),
    filingDay,
    holders: [basics.holder],
    holderRole: 'applicant',
    representative: basics.representative,
    contributors: basics.inventors,
    classes: basics.classes,
    priorities,
    documents: [],
    files: [],
    timeline: new Timeline(random),
  };
  const tl = plan.timeline;
  if (random.chance(0.04)) tl.published(PT.epProvisional, published + random.int(30, 300));
  else if (random.chance(0.03)) tl.published(PT.epClaimsTranslation, published + random.int(30, 300));
  if (random.chance(0.015)) {
    tl.end(PT.epNotValidated, anchor, true);
    return plan;
  }
  tl.published(PT.epValidated, anchor, {
    registration: { day: epGrantDay, number: `EP${ctx.epNumbers.next(published)}` },
    expiryDay: addYears(filingDay, 20),
    becomeOwner: true,
  });
  if (random.chance(0.01)) tl.published(PT.epTranslationCorrected, anchor + random.int(60, 700));
  // An opposition at the EPO ends in an amended patent (B2) or, rarely, revocation.
  const epoOpposition = random.float();
  if (epoOpposition < 0.025) tl.published(PT.epAmended, anchor + random.int(500, 1400));
  else if (epoOpposition < 0.032) tl.end(PT.epCeased, anchor + random.int(500, 1400), true);

  forEachFeeYear(filingDay, (year, due) => {
    if (due >= tl.endDay || due > ctx.untilDay + 365) return false;
    if (due < anchor) return true;
    if (random.chance(year < 10 ? 0.06 : 0.09)) {
      tl.end(PT.epCeased, due + random.int(190, 240), true, { effectiveDay: due });
      return false;
    }
    tl.internal(PT.annualFee, due - random.int(0, 60));
    return true;
  });
  const expiry = addYears(filingDay, 20);
  if (expiry < tl.endDay) tl.end(PT.epCeased, expiry + random.int(20, 60), true, { effectiveDay: expiry });
  addPatentChanges(tl, random, anchor + 1, anchor, ctx.untilDay, plan.representative !== undefined);
  return plan;
}
