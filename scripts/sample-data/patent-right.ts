/**
 * Plans a sample national patent: filed in Norway or entered from a PCT application, searched,
 * published at 18 months, granted or shelved, refused or withdrawn, kept alive by annual fees.
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

/** Plans a national patent application whose first event is on `anchor`. */
export function planPatent(ctx: SampleContext, random: Random, anchor: number): RightPlan {
  const basics = makePatentBasics(random, 0.4);
  const foreign = basics.country !== 'NO';
  // Foreign applicants mostly come through the PCT, 30-31 months after their first filing.
  const route = foreign && random.chance(0.8) ? 'pct' : random.chance(0.04) ? 'divisional' : 'national';
  let filingDay = anchor;
  if (route === 'pct') filingDay = anchor - random.int(540, 600);
  else if (route === 'divisional') filingDay = anchor - random.int(300, 1500);
  const priorities =
    route === 'pct' || (foreign && random.chance(0.7))
      ? [makePriority(random, 'patent', basics.country, filingDay)]
      : random.chance(0.08)
        ? [makePriority(random, 'patent', 'NO', filingDay)]
        : [];
  const year = yearOf(anchor);
  const plan: RightPlan = {
    right: 'patent',
    kind: 'patent',
    idPrefix: 'PT',
    applicationNumber: `${year}${padNumber(ctx.patentApplications.next(random, year), 4)}`,
    title: patentTitle(random, basics.group, !foreign || random.chance(0.4)),
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
  const granted = planLife(ctx, random, plan, anchor, route);
  addPatentChanges(
    plan.timeline,
    random,
    anchor + 30,
    granted,
    ctx.untilDay,
    plan.representative !== undefined,
  );
  return plan;
}

/** The application's path to grant or discontinuation, then fees and the end; returns the grant day. */
function planLife(
  ctx: SampleContext,
  random: Random,
  plan: RightPlan,
  anchor: number,
  route: string,
): number | undefined {
  const tl = plan.timeline;
  const filingDay = plan.filingDay;
  tl.internal(route === 'pct' ? PT.pctEntry : route === 'divisional' ? PT.divisionalFiled : PT.filed, anchor);
  if (route === 'national') tl.internal(PT.searchReport, anchor + random.int(150, 270));
  if (route === 'pct' && random.chance(0.5)) tl.published(PT.claimsTranslation, anchor + random.int(5, 60));
  // Published 18 months from the earliest date, or soon after entry when that has passed.
  const earliest = plan.priorities[0] ? Math.min(filingDay, anchor - 365) : filingDay;
  const publishDay = Math.max(addMonths(earliest, 18), anchor + random.int(30, 120));

  let grantDay: number | undefined;
  const outcome = random.float();
  const discontinue = (day: number, unpublishedCode: string) => {
    if (day < publishDay) tl.end(unpublishedCode, day, false);
    else tl.end(PT.publishedDiscontinued, day, true);
  };
  if (outcome < 0.62) {
    grantDay = anchor + random.int(route === 'pct' ? 400 : 700, route === 'pct' ? 1200 : 1700);
  } else if (outcome < 0.82) {
    const shelved = anchor + random.int(300, 1300);
    discontinue(shelved, PT.shelved);
    if (random.chance(0.18)) {
      const resumed = shelved + random.int(30, 120);
      tl.endDay = Number.POSITIVE_INFINITY;
      if (resumed < publishDay) tl.internal(PT.resumed, resumed);
      else tl.published(PT.resumed, resumed);
      grantDay = resumed + random.int(200, 700);
    }
  } else if (outcome < 0.9) {
    const refused = anchor + random.int(800, 1800);
    discontinue(refused, PT.refused);
    if (random.chance(0.25)) {
      const appeal = refused + random.int(30, 60);
      tl.published(PT.appealFiled, appeal);
      const decided = appeal + random.int(250, 600);
      tl.published(PT.appealDecision, decided);
      if (random.chance(0.3)) {
        tl.endDay = Number.POSITIVE_INFINITY;
        grantDay = decided + random.int(60, 200);
      } else {
        tl.endDay = decided;
      }
    }
  } else {
    discontinue(anchor + random.int(60, 1500), PT.withdrawn);
  }
  if (publishDay < tl.endDay) tl.published(PT.published, publishDay);
  // Examination reports between the search and the decision.
  const decisionDay = grantDay ?? (Number.isFinite(tl.endDay) ? tl.endDay : anchor);
  const firstReport = anchor + (route === 'national' ? 280 : 90);
  if (decisionDay - 60 > firstReport) {
    const reports = random.int(route === 'national' ? 1 : 0, 3);
    const days = Array.from({ length: reports }, () => random.int(firstReport, decisionDay - 60)).sort(
      (a, b) => a - b,
    );
    for (const day of days) tl.internal(PT.examinationReport, day);
  }

  const afterAppeal = grantDay !== undefined && tl.drafts.some((draft) => draft.code === PT.appealDecision);
  if (grantDay !== undefined) {
    tl.internal(PT.intentionToGrant, grantDay - random.int(60, 120));
    const number = String(ctx.patentNumbers.next(grantDay));
    tl.published(afterAppeal ? PT.grantedAfterAppeal : PT.granted, grantDay, {
      registration: { day: grantDay, number },
      expiryDay: addYears(filingDay, 20),
      becomeOwner: true,
    });
    planOpposition(random, plan, grantDay);
  }

  // Annual fees: the application's while pending, the patent's once granted; a missed fee lapses it.
  forEachFeeYear(filingDay, (year, due) => {
    if (due >= tl.endDay || due > ctx.untilDay + 365) return false;
    if (due < anchor) return true;
    const paid = due - random.int(0, 60);
    if (grantDay === undefined || due < grantDay) {
      tl.internal(PT.applicationFee, paid);
      return true;
    }
    if (random.chance(year < 10 ? 0.07 : 0.1)) {
      const lapsed = due + random.int(190, 240);
      tl.published(PT.lapsed, lapsed, { effectiveDay: due });
      if (!random.chance(0.04)) {
        tl.endDay = lapsed;
        return false;
      }
      tl.published(PT.reinstated, lapsed + random.int(30, 200));
      return true;
    }
    tl.internal(PT.annualFee, paid);
    return true;
  });
  const expiry = addYears(filingDay, 20);
  if (grantDay !== undefined && expiry < tl.endDay)
    tl.end(PT.expired, expiry, true, { effectiveDay: expiry });
  if (grantDay !== undefined) {
    if (random.chance(0.006)) tl.cutAt(PT.surrendered, grantDay + random.int(365, 5000), true);
    if (random.chance(0.002)) tl.cutAt(PT.invalidatedByCourt, grantDay + random.int(500, 4000), true);
  }
  return grantDay;
}

/** Opposition within nine months of grant: maintained, amended or revoked. */
function planOpposition(random: Random, plan: RightPlan, grantDay: number): void {
  if (!random.chance(0.03)) return;
  const tl = plan.timeline;
  const filed = grantDay + random.int(30, 270);
  tl.published(random.chance(0.8) ? PT.opposition : PT.oppositionSection26, filed);
  const decided = filed + random.int(240, 600);
  const result = random.float();
  if (result < 0.6) tl.published(PT.oppositionDecision, decided);
  else if (result < 0.8) tl.published(PT.amendedAfterOpposition, decided);
  else tl.end(PT.revokedAfterOpposition, decided, true);
  if (random.chance(0.2)) tl.published(PT.appealDecision, decided + random.int(300, 600));
}
