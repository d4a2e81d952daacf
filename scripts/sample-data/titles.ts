/**
 * Invents the verbal elements of sample trademarks and the product names of sample SPCs:
 * pronounceable coined words, Norwegian and English word pairs, as real filings have.
 */
import type { Random } from './random.ts';

const HEADS = (
  'NORD VIK AQUA LUMI SOL FJELL BRIS POLAR ZEN NOVA VITA KRONA SKY TIND ELVA MIRA ORA LYS FROST BLÅ ' +
  'HAV KYST VENTO ARKTI TERRA ALBA NEO ORIO VELA LINN ISA MOLO KAIA RUNA SAGA TORA'
).split(' ');
const TAILS = 'LINE VIK ON IA EX TEK SAN IUM ELL A O LY MAR VENT GARD NOR ERA IS UM STAD ØY LO'.split(' ');

// Word pairs in one language: English for the world, Norwegian for the home market.
const WORD_PAIRS = [
  [
    'Nordic Blue Wild Pure Arctic Golden Little Green Urban Happy Clever Bright Silent Brave'.split(' '),
    'Harvest Fjord Kitchen Studio Garden Nature Labs Coffee Bakery Home Living Craft Trail Wave Roots'.split(
      ' ',
    ),
  ],
  [
    'Villmark Gode Lille Gamle Friske Søte Røde Ekte Norske Blanke Stille Vesle Glade'.split(' '),
    'Kaffe Bakeri Hage Smak Stue Fjell Hav Gård Kilde Tid Verden Bekk Bu'.split(' '),
  ],
] as const;

/** A coined word such as "NORDLINE" or "Aquavik". */
function coinedWord(random: Random): string {
  const word = random.pick(HEADS) + random.pick(TAILS);
  return random.chance(0.7) ? word : word.charAt(0) + word.slice(1).toLowerCase();
}

/** The verbal element of a word or combined mark. */
export function markWords(random: Random): string {
  const r = random.float();
  if (r < 0.62) return coinedWord(random);
  const [first, second] = WORD_PAIRS[random.chance(0.6) ? 0 : 1];
  if (r < 0.9) return `${random.pick(first)} ${random.pick(second)}`;
  return `${coinedWord(random).toUpperCase()} ${random.pick(second).toUpperCase()}`;
}

/** What the register shows as the title of a mark without words, by mark feature. */
export const WORDLESS_MARK_TITLES: Readonly<Record<string, string>> = {
  figurative: 'Figurmerke',
  shape: 'Formmerke',
  colour: 'Fargemerke',
  sound: 'Lydmerke',
  other: 'Annet merke',
};

const INN_HEADS = 'zelu ora tava beli nira vosa pemi dara luxa sotra efa tirza mova quila'.split(' ');
const INN_TAILS = 'tinib mab zumab ciclib gliflozin glutide vir parib lisib fungin'.split(' ');

/** The product of a supplementary protection certificate, e.g. "Zelutinib" with salt forms. */
export function spcProduct(random: Random): string {
  const first = random.pick(INN_HEADS) + random.pick(INN_TAILS);
  const name = first.charAt(0).toUpperCase() + first.slice(1);
  const r = random.float();
  if (r < 0.5) return name;
  if (r < 0.8) return `${name}, eventuelt i form av et farmasøytisk akseptabelt salt`;
  const second = random.pick(INN_HEADS) + random.pick(INN_TAILS);
  return `Kombinasjon av ${name.toLowerCase()} og ${second}`;
}

/** The same text with two neighbouring letters swapped: the kind of typo a correction fixes. */
export function withTypo(random: Random, text: string): string {
  const letters = [...text];
  for (let tries = 0; tries < 8; tries++) {
    const i = random.int(1, Math.max(1, letters.length - 2));
    const a = letters[i];
    const b = letters[i + 1];
    if (a && b && a !== b && /\p{L}/u.test(a) && /\p{L}/u.test(b)) {
      letters[i] = b;
      letters[i + 1] = a;
      return letters.join('');
    }
  }
  return `${text}.`;
}
