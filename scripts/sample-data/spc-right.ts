/**
 * Plans a sample supplementary protection certificate for a medicinal product: application,
 * grant or refusal, sometimes a paediatric extension, then expiry or lapse.
 */

import { IPC_GROUPS } from './classes.ts';
import { PATENT_CODES as PT } from './codes.ts';
import type { SampleContext } from './context.ts';
import { addMonths, addYears, yearOf } from './dates.ts';
import { padNumber } from './numbers.ts';
import { makePatentBasics } from './patent-parties.ts';
import type { Random } from './random.ts';
import type { RightPlan } from './right-events.ts';
import { Timeline } from './timeline.ts';
import { spcProduct } from './titles.ts';

const MEDICINAL_GROUPS = IPC_GROUPS.filter(
  (group) => group.code.startsWith('A61K') || group.code.startsWith('A61P'),
);

/** Plans an SPC application filed on `anchor`. */
export function planSpc(ctx: SampleContext, random: Random, anchor: number): RightPlan {
  const basics = makePatentBasics(random, 1, MEDICINAL_GROUPS);
  const year = yearOf(anchor);
  const plan: RightPlan = {
    right: 'patent',
    kind: 'spc',
    idPrefix: 'PT',
    applicationNumber: `SPC${year}${padNumber(ctx.spcApplications.next(random, year), 3)}`,
    title: spcProduct(random),
    filingDay: anchor,
    holders: [basics.holder],
    holderRole: 'applicant',
    representative: basics.representative,
    contributors: [],
    classes: basics.classes,
    priorities: [],
    documents: [],
    files: [],
    timeline: new Timeline(random),
  };
  const tl = plan.timeline;
  tl.published(PT.spcFiled, anchor);
  if (random.chance(0.13)) {
    const refused = anchor + random.int(200, 700);
    tl.end(PT.spcRefused, refused, true);
    if (random.chance(0.2)) tl.published(PT.spcCourtAction, refused + random.int(60, 120));
    return plan;
  }
  const granted = anchor + random.int(180, 540);
  // The certificate runs from the basic patent's expiry, up to five years.
  let expiry = addYears(anchor, random.int(3, 9));
  tl.published(PT.spcGranted, granted, {
    registration: { day: granted },
    expiryDay: expiry,
    becomeOwner: true,
  });
  let extended = false;
  if (random.chance(0.08)) {
    const requested = Math.max(granted + 30, expiry - random.int(400, 1500));
    tl.published(PT.spcExtensionFiled, requested);
    if (random.chance(0.8)) {
      expiry = addMonths(expiry, 6);
      extended = true;
      tl.published(PT.spcExtensionGranted, requested + random.int(120, 300), { expiryDay: expiry });
    } else {
      tl.published(PT.spcExtensionRefused, requested + random.int(120, 300));
    }
  }
  if (random.chance(0.08)) tl.cutAt(PT.spcLapsed, random.int(granted + 60, expiry - 30), true);
  else tl.end(extended ? PT.spcExtensionExpired : PT.spcExpired, expiry, true, { effectiveDay: expiry });
  tl.scatter(anchor + 1, ctx.untilDay, 0.02, (day) =>
    tl.published(PT.spcOwnerChange, day, { op: 'transfer' }),
  );
  tl.scatter(anchor + 1, ctx.untilDay, 0.02, (day) => tl.published(PT.spcRepresentativeChange, day));
  return plan;
}
