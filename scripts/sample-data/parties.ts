/**
 * Invents the parties of a sample right: applicants and owners of the right country mix, Norwegian
 * representatives, inventors and designers, with names and real cities of their country.
 */
import type { EventRecordInput } from '../../src/lib/event-record.ts';
import { COUNTRY_NAMES, type CountryNames } from './countries.ts';
import { type Random, weightedPicker } from './random.ts';

/** A party as written in an event record. */
export type Party = NonNullable<EventRecordInput['register']['parties']>[number];
/** A party before it is given a role. */
export type Person = Omit<Party, 'role'>;

// Where foreign applicants at NIPO come from, per right type: Nordic neighbours and the big
// filing nations; China files many international trademark registrations.
const FOREIGN_COUNTRIES = {
  trademark: weightedPicker<string>([
    ['SE', 16],
    ['DE', 12],
    ['US', 13],
    ['GB', 8],
    ['DK', 9],
    ['CN', 8],
    ['CH', 6],
    ['FR', 6],
    ['IT', 5],
    ['FI', 5],
    ['NL', 4],
    ['JP', 3],
    ['KR', 3],
    ['AT', 2],
  ]),
  patent: weightedPicker<string>([
    ['US', 24],
    ['DE', 15],
    ['JP', 9],
    ['CH', 7],
    ['GB', 7],
    ['FR', 7],
    ['SE', 7],
    ['NL', 5],
    ['DK', 5],
    ['CN', 5],
    ['KR', 3],
    ['IT', 3],
    ['FI', 2],
    ['AT', 1],
  ]),
  design: weightedPicker<string>([
    ['SE', 15],
    ['DK', 11],
    ['DE', 12],
    ['CN', 10],
    ['US', 9],
    ['FI', 7],
    ['CH', 7],
    ['IT', 7],
    ['FR', 6],
    ['GB', 5],
    ['NL', 4],
    ['JP', 4],
    ['KR', 3],
  ]),
};

/** A foreign country of an applicant for a right type, weighted like NIPO's filings. */
export function pickForeignCountry(random: Random, right: keyof typeof FOREIGN_COUNTRIES): string {
  return FOREIGN_COUNTRIES[right](random);
}

function namesOf(country: string): CountryNames {
  const names = COUNTRY_NAMES[country];
  if (!names) throw new Error(`No sample names for country "${country}".`);
  return names;
}

// Cities are weighted towards the first (largest) ones, as filings are.
function pickCity(random: Random, names: CountryNames): string {
  const r = random.float();
  return names.cities[Math.floor(r * r * names.cities.length)] as string;
}

/** A person of a country, with a city there. */
export function makePerson(random: Random, country: string): Person {
  const names = namesOf(country);
  const given = random.pick(names.given);
  const family = random.pick(names.family);
  const name = names.familyFirst ? `${family} ${given}` : `${given} ${family}`;
  return { name, country, city: pickCity(random, names) };
}

/** A company of a country, with an invented name in the country's style and a city there. */
export function makeCompany(random: Random, country: string): Person {
  const names = namesOf(country);
  const city = pickCity(random, names);
  const first = random.chance(0.3) ? random.pick(names.family) : random.pick(names.stems);
  const trade = random.pick(names.trades);
  const form = random.pick(names.forms);
  let name = `${first} ${trade}`;
  if (names.cityFirst) name = `${city} ${random.pick(names.stems)} ${trade}`;
  name = form === 'Kabushiki Kaisha' ? `${form} ${name}` : `${name} ${form}`;
  return { name, country, city };
}

/** An applicant: a company, or with probability `personShare` a private person. */
export function makeApplicant(random: Random, country: string, personShare: number): Person {
  return random.chance(personShare) ? makePerson(random, country) : makeCompany(random, country);
}

/** Gives a party a role. */
export function withRole(person: Person, role: Party['role']): Party {
  return { role, name: person.name, country: person.country, city: person.city };
}

// Norwegian patent and trademark agent firms (invented), the busiest first.
const REPRESENTATIVES = weightedPicker<Person>([
  [{ name: 'Aasland & Vik Patentbyrå AS', country: 'NO', city: 'Oslo' }, 18],
  [{ name: 'Lunde Haugen Patent AS', country: 'NO', city: 'Oslo' }, 15],
  [{ name: 'Strand & Moe IP AS', country: 'NO', city: 'Lysaker' }, 12],
  [{ name: 'Fjeldstad Patent og Varemerke AS', country: 'NO', city: 'Bergen' }, 9],
  [{ name: 'Solheim Patentkontor AS', country: 'NO', city: 'Trondheim' }, 7],
  [{ name: 'Tveit IP Partners AS', country: 'NO', city: 'Stavanger' }, 6],
  [{ name: 'Brekke & Dahl Advokatfirma AS', country: 'NO', city: 'Oslo' }, 6],
  [{ name: 'Nordvik Varemerkebyrå AS', country: 'NO', city: 'Oslo' }, 5],
  [{ name: 'Kvam Immaterialrett AS', country: 'NO', city: 'Oslo' }, 4],
  [{ name: 'Eikeland Patentbyrå AS', country: 'NO', city: 'Kristiansand' }, 3],
  [{ name: 'Rosenlund Intellectual Property AS', country: 'NO', city: 'Sandvika' }, 3],
  [{ name: 'Ishavet Patent AS', country: 'NO', city: 'Tromsø' }, 2],
]);

/** A Norwegian representative firm. */
export function pickRepresentative(random: Random): Person {
  return REPRESENTATIVES(random);
}
