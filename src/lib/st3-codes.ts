/**
 * WIPO ST.3 two-letter codes for states, other entities and intergovernmental organisations.
 *
 * The state and entity codes are those of ISO 3166-1 alpha-2, which ST.3 adopts; their names in
 * every language come from the runtime's CLDR data (`Intl.DisplayNames`), so only the codes live here.
 * The organisation codes are ST.3's own and carry their English names.
 */

/** ISO 3166-1 alpha-2 codes as adopted by ST.3 (249 codes). */
export const ST3_STATE_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
  'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
  'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
  'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
  'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
  'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
  'VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** ST.3 codes of intergovernmental organisations and special codes, with their English names. */
export const ST3_ORGANISATIONS: Readonly<Record<string, string>> = {
  AP: 'African Regional Intellectual Property Organization (ARIPO)',
  BX: 'Benelux Office for Intellectual Property (BOIP)',
  EA: 'Eurasian Patent Organization (EAPO)',
  EM: 'European Union Intellectual Property Office (EUIPO)',
  EP: 'European Patent Office (EPO)',
  GC: 'Patent Office of the Cooperation Council for the Arab States of the Gulf (GCC Patent Office)',
  IB: 'International Bureau of the World Intellectual Property Organization (WIPO)',
  OA: 'African Intellectual Property Organization (OAPI)',
  QZ: 'Community Plant Variety Office (European Union) (CPVO)',
  WO: 'World Intellectual Property Organization (WIPO)',
  XN: 'Nordic Patent Institute (NPI)',
  XU: 'International Union for the Protection of New Varieties of Plants (UPOV)',
  XV: 'Visegrad Patent Institute (VPI)',
  XX: 'Unknown states, other entities or organizations',
};

/** Every ST.3 code this project accepts, sorted. */
export const ST3_CODES = [...ST3_STATE_CODES, ...Object.keys(ST3_ORGANISATIONS)].sort() as [
  string,
  ...string[],
];

const displayNames = new Map<string, Intl.DisplayNames>();

/** The name of an ST.3 code in a language (`nb`, `nn`, `en`), e.g. `st3Name('SE', 'nb')` is "Sverige". */
export function st3Name(code: string, language: string): string {
  const organisation = ST3_ORGANISATIONS[code];
  if (organisation) return organisation;
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    displayNames.set(language, names);
  }
  return names.of(code) ?? code;
}
