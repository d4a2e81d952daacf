/**
 * The register of one sample right as its events change it, frozen into a shared object (and its
 * JSON text) that stays the same until the next change, so unchanged events cost next to nothing.
 */
import type { EventRecordInput } from '../../src/lib/event-record.ts';
import { dayToIso } from './dates.ts';
import { makeCompany, type Party, type Person, pickRepresentative, withRole } from './parties.ts';
import type { Random } from './random.ts';
import type { Classification, RightPlan } from './right-events.ts';
import type { Draft } from './timeline.ts';

type Register = EventRecordInput['register'];

/** The register of one right as events change it; rebuilds the frozen copy only after a change. */
export class RegisterState {
  registrationNumber: string | undefined;
  private readonly plan: RightPlan;
  private holders: Person[];
  private holderRole: 'applicant' | 'owner';
  private representative: Person | undefined;
  private classes: Classification[];
  private registrationDay: number | undefined;
  private expiryDay: number | undefined;
  private frozen: Register | undefined;
  private frozenJson: string | undefined;
  private parties: Party[] | undefined;
  private partiesJson: string | undefined;
  private classesJson: string | undefined;
  private readonly fixedJson: { title: string; priorities: string };

  constructor(plan: RightPlan) {
    this.plan = plan;
    this.holders = plan.holders;
    this.holderRole = plan.holderRole;
    this.representative = plan.representative;
    this.classes = plan.classes;
    this.fixedJson = { title: JSON.stringify(plan.title), priorities: JSON.stringify(plan.priorities) };
  }

  /** Applies the register changes an event makes. */
  apply(draft: Draft, random: Random): void {
    if (draft.registration) {
      this.registrationDay = draft.registration.day;
      if (draft.registration.number !== undefined) this.registrationNumber = draft.registration.number;
      this.changed();
    }
    if (draft.expiryDay !== undefined) {
      this.expiryDay = draft.expiryDay;
      this.changed();
    }
    if (draft.becomeOwner && this.holderRole !== 'owner') {
      this.holderRole = 'owner';
      this.changed(true);
    }
    if (draft.op) {
      this.applyOp(draft.op, random);
      this.changed(draft.op !== 'limit-classes');
    }
  }

  // The party list is shared by registers until the parties change, so its JSON can be reused.
  private makeParties(): Party[] {
    const parties: Party[] = this.holders.map((holder) => withRole(holder, this.holderRole));
    if (this.representative) parties.push(withRole(this.representative, 'representative'));
    for (const contributor of this.plan.contributors) parties.push(contributor);
    this.parties = parties;
    return parties;
  }

  // Drops the frozen register (and the party list when `parties` changed) so the next one is rebuilt.
  private changed(parties = false): void {
    this.frozen = undefined;
    this.frozenJson = undefined;
    if (parties) {
      this.parties = undefined;
      this.partiesJson = undefined;
    }
  }

  private applyOp(op: NonNullable<Draft['op']>, random: Random): void {
    const current = this.holders[0] as Person;
    switch (op) {
      case 'transfer': {
        // Most transfers stay in the owner's country (group restructuring, sale to a neighbour).
        const country = random.chance(0.7)
          ? current.country
          : random.pick(['NO', 'SE', 'DE', 'US', 'DK', 'GB']);
        this.holders = [makeCompany(random, country)];
        break;
      }
      case 'rename':
        this.holders = [
          { ...makeCompany(random, current.country), city: current.city },
          ...this.holders.slice(1),
        ];
        break;
      case 'move': {
        const moved = makeCompany(random, current.country);
        this.holders = [{ ...current, city: moved.city }, ...this.holders.slice(1)];
        break;
      }
      case 'representative':
        this.representative = makeRepresentativeOtherThan(random, this.representative);
        break;
      case 'representative-removed':
        this.representative = undefined;
        break;
      case 'limit-classes':
        this.classes = limitClasses(random, this.classes);
        this.classesJson = undefined;
        break;
    }
  }

  /** The register now, frozen: the same object until the next change. */
  register(): Register {
    if (this.frozen) return this.frozen;
    const plan = this.plan;
    const parties = this.parties ?? this.makeParties();
    const register = { title: plan.title } as Register;
    if (plan.markFeature) register.markFeature = plan.markFeature;
    register.kind = plan.kind;
    register.filingDate = dayToIso(plan.filingDay);
    if (this.registrationDay !== undefined) register.registrationDate = dayToIso(this.registrationDay);
    if (this.expiryDay !== undefined) register.expiryDate = dayToIso(this.expiryDay);
    register.parties = parties;
    register.classes = this.classes;
    if (plan.priorities.length > 0) register.priorities = plan.priorities;
    this.frozen = register;
    return register;
  }

  /**
   * The JSON text of `register()`, equal to `JSON.stringify(register())` (same field order), built
   * from the cached text of the parts that did not change. Dates, kinds and features need no escaping.
   */
  registerJson(): string {
    if (this.frozenJson !== undefined) return this.frozenJson;
    const register = this.register();
    this.partiesJson ??= JSON.stringify(register.parties);
    this.classesJson ??= JSON.stringify(register.classes);
    let json = `{"title":${this.fixedJson.title}`;
    if (register.markFeature) json += `,"markFeature":"${register.markFeature}"`;
    json += `,"kind":"${register.kind}","filingDate":"${register.filingDate}"`;
    if (register.registrationDate) json += `,"registrationDate":"${register.registrationDate}"`;
    if (register.expiryDate) json += `,"expiryDate":"${register.expiryDate}"`;
    json += `,"parties":${this.partiesJson},"classes":${this.classesJson}`;
    if (register.priorities) json += `,"priorities":${this.fixedJson.priorities}`;
    this.frozenJson = `${json}}`;
    return this.frozenJson;
  }
}

function makeRepresentativeOtherThan(random: Random, current: Person | undefined): Person {
  for (let tries = 0; tries < 5; tries++) {
    const candidate = pickRepresentative(random);
    if (candidate.name !== current?.name) return candidate;
  }
  return pickRepresentative(random);
}

/** Takes terms or whole classes out of a specification, keeping at least one term. */
function limitClasses(random: Random, classes: Classification[]): Classification[] {
  const goods = classes.filter((entry) => entry.scheme === 'nice' || entry.scheme === 'locarno');
  const others = classes.filter((entry) => entry.scheme !== 'nice' && entry.scheme !== 'locarno');
  if (goods.length > 1 && random.chance(0.5)) {
    const dropped = random.int(0, goods.length - 1);
    return [...goods.filter((_, i) => i !== dropped), ...others];
  }
  const limited = goods.map((entry) => {
    const terms = entry.terms ?? [];
    return terms.length > 1 ? { ...entry, terms: terms.slice(0, terms.length - 1) } : entry;
  });
  return [...limited, ...others];
}
