/**
 * What every sample patent right shares: the applicant, inventors, agent, IPC classes and title,
 * and the changes of owner, agent, licences and pledges that happen over a patent's life.
 */

import { IPC_GROUPS, type IpcGroup } from './classes.ts';
import { PATENT_CODES as PT } from './codes.ts';
import { addYears } from './dates.ts';
import {
  makeApplicant,
  makePerson,
  type Party,
  type Person,
  pickForeignCountry,
  pickRepresentative,
  withRole,
} from './parties.ts';
import type { Random } from './random.ts';
import type { Classification } from './right-events.ts';
import type { Timeline } from './timeline.ts';

/** The people and classification of a patent, before its life cycle. */
export interface PatentBasics {
  country: string;
  holder: Person;
  inventors: Party[];
  representative: Person | undefined;
  group: IpcGroup;
  classes: Classification[];
}

/** Draws a patent's parties and classes; `foreignShare` is the chance the applicant is not Norwegian. */
export function makePatentBasics(
  random: Random,
  foreignShare: number,
  groups: readonly IpcGroup[] = IPC_GROUPS,
): PatentBasics {
  const country = random.chance(foreignShare) ? pickForeignCountry(random, 'patent') : 'NO';
  const holder = makeApplicant(random, country, country === 'NO' ? 0.15 : 0.03);
  const inventors: Party[] = [];
  const count = random.int(1, random.chance(0.3) ? 6 : 3);
  for (let i = 0; i < count; i++) {
    // Inventors mostly live where the applicant is; multinational teams now and then.
    const home = random.chance(0.85) ? country : pickForeignCountry(random, 'patent');
    inventors.push(withRole(makePerson(random, home), 'inventor'));
  }
  const group = random.pick(groups);
  const classes: Classification[] = [{ scheme: 'ipc', code: group.code }];
  if (random.chance(0.35)) {
    const extra = random.pick(IPC_GROUPS);
    if (extra.code !== group.code) classes.push({ scheme: 'ipc', code: extra.code });
  }
  // Foreign applicants need a Norwegian agent; many Norwegian ones use one too.
  const representative = country !== 'NO' || random.chance(0.7) ? pickRepresentative(random) : undefined;
  return { country, holder, inventors, representative, group, classes };
}

/** A title in Norwegian or English from the patent's main IPC group. */
export function patentTitle(random: Random, group: IpcGroup, norwegian: boolean): string {
  return random.pick(norwegian ? group.nb : group.en);
}

/** Changes over a patent's life: owners and agents any time, licences and pledges once granted. */
export function addPatentChanges(
  tl: Timeline,
  random: Random,
  from: number,
  granted: number | undefined,
  until: number,
  hasRepresentative: boolean,
): void {
  tl.scatter(from, until, 0.025, (day) => tl.published(PT.ownerChange, day, { op: 'transfer' }));
  tl.scatter(from, until, 0.008, (day) => tl.published(PT.ownerChange, day, { op: 'rename' }));
  tl.scatter(from, until, 0.006, (day) => tl.published(PT.ownerChange, day, { op: 'move' }));
  tl.scatter(from, until, 0.02, (day) =>
    tl.published(PT.representativeChange, day, { op: 'representative' }),
  );
  if (hasRepresentative) {
    tl.scatter(from, until, 0.003, (day) =>
      tl.published(PT.representativeEnded, day, { op: 'representative-removed' }),
    );
  }
  if (granted === undefined) return;
  tl.scatter(granted, until, 0.006, (day) => {
    tl.published(PT.licence, day);
    const later = day + random.int(300, 2500);
    if (random.chance(0.1) && later < tl.endDay) tl.published(PT.licenceTransferred, later);
    else if (random.chance(0.3) && later < tl.endDay) tl.published(PT.licenceEnded, later);
  });
  tl.scatter(granted, until, 0.002, (day) => {
    tl.published(PT.pledge, day);
    const deleted = day + random.int(200, 1500);
    if (random.chance(0.4) && deleted < tl.endDay) tl.published(PT.pledgeDeleted, deleted);
  });
}

/**
 * Walks the annual fees from the third year to the twentieth, due on the anniversaries of the
 * filing day: `onDue` gets the fee year and due day and returns false to stop (lapse or end).
 */
export function forEachFeeYear(filingDay: number, onDue: (year: number, due: number) => boolean): void {
  for (let year = 3; year <= 20; year++) {
    if (!onDue(year, addYears(filingDay, year - 1))) return;
  }
}
