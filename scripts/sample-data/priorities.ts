/**
 * Priority claims of sample rights: an earlier filing abroad, numbered the way that office numbers
 * its applications, within the priority period (12 months for patents, 6 for marks and designs).
 */
import type { RightType } from '../../src/lib/event-record.ts';
import { dayToIso, dayToYmd } from './dates.ts';
import type { Random } from './random.ts';
import type { Priority } from './right-events.ts';

const EU_MEMBERS = new Set(['SE', 'DE', 'DK', 'FI', 'FR', 'NL', 'IT', 'AT']);

const digits = (random: Random, count: number) => {
  let text = '';
  for (let i = 0; i < count; i++) text += String(random.int(0, 9));
  return text;
};

/** An application number in the style of an office, for a right type and filing year. */
function priorityNumber(random: Random, office: string, right: RightType, year: number): string {
  const yy = String(year % 100).padStart(2, '0');
  switch (office) {
    case 'US':
      return right === 'trademark'
        ? `${random.int(86, 98)}${digits(random, 6)}`
        : `${random.int(15, 18)}/${digits(random, 6)}`;
    case 'EM':
      return right === 'design' ? `${random.int(1, 9)}${digits(random, 8)}-0001` : `01${digits(random, 7)}`;
    case 'GB':
      return right === 'trademark'
        ? `UK0000${random.int(3, 4)}${digits(random, 6)}`
        : `GB${yy}${digits(random, 5)}.${random.int(0, 9)}`;
    case 'DE':
      return right === 'trademark'
        ? `30 ${year} ${digits(random, 3)} ${digits(random, 3)}.${random.int(0, 9)}`
        : `10 ${year} ${digits(random, 3)} ${digits(random, 3)}.${random.int(0, 9)}`;
    case 'SE':
      return right === 'patent'
        ? `${yy}5${digits(random, 4)}-${random.int(0, 9)}`
        : `${year}/${digits(random, 5)}`;
    case 'DK':
      return right === 'trademark' ? `VA ${year} ${digits(random, 5)}` : `PA ${year} ${digits(random, 5)}`;
    case 'FI':
      return right === 'trademark' ? `T${year}5${digits(random, 4)}` : `${year}5${digits(random, 4)}`;
    case 'JP':
      return `${year}-${digits(random, 6)}`;
    case 'CN':
      return `${year}${random.int(1, 3)}${digits(random, 7)}.${random.int(0, 9)}`;
    case 'KR':
      return `${right === 'trademark' ? 40 : 10}-${year}-${digits(random, 7)}`;
    case 'NO':
      return `${year}${digits(random, 4)}`;
    case 'CH':
      return `${digits(random, 5)}/${year}`;
    default:
      return `${year}${digits(random, 6)}`;
  }
}

/**
 * A priority claimed from an earlier filing by an applicant of `country`, filed before `filingDay`
 * within the priority period; EU applicants of marks and designs often file first at the EUIPO.
 */
export function makePriority(random: Random, right: RightType, country: string, filingDay: number): Priority {
  const office = right !== 'patent' && EU_MEMBERS.has(country) && random.chance(0.4) ? 'EM' : country;
  const maxDays = right === 'patent' ? 365 : 182;
  const day = filingDay - random.int(Math.floor(maxDays / 3), maxDays);
  const [year] = dayToYmd(day);
  return { country: office, number: priorityNumber(random, office, right, year), date: dayToIso(day) };
}
