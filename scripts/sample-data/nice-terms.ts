/**
 * Goods and services terms per Nice class (1-45), in English and Norwegian Bokmål, worded like
 * entries of real specifications; and how often each class is claimed in Norwegian filings.
 */

/** Terms of one Nice class; `en` for international registrations, `nb` for national filings. */
export interface NiceClassTerms {
  code: string;
  en: readonly string[];
  nb: readonly string[];
}

// Each line: class | English terms | Norwegian terms (terms separated by ';').
const TABLE = `
1|chemicals for use in industry; fertilisers; adhesives for industrial purposes|kjemikalier til industriell bruk; gjødsel; klebemidler til industrielle formål
2|paints; varnishes; printing ink; wood preservatives|maling; ferniss; trykkfarger; trebeskyttelsesmidler
3|cosmetics; non-medicated soaps; perfumery; essential oils; hair lotions|kosmetikk; ikke-medisinske såper; parfymer; eteriske oljer; hårvann
4|lubricants; fuels; candles; industrial oils|smøremidler; brensel; stearinlys; industrielle oljer
5|pharmaceutical preparations; dietary supplements; veterinary preparations; disinfectants|farmasøytiske preparater; kosttilskudd; veterinærpreparater; desinfeksjonsmidler
6|common metals and their alloys; metal building materials; small items of metal hardware|uedle metaller og deres legeringer; byggematerialer av metall; små jernvarer av metall
7|machines for processing fish; pumps; electric motors; agricultural machines|maskiner for bearbeiding av fisk; pumper; elektriske motorer; landbruksmaskiner
8|hand tools; cutlery; knives; razors|håndverktøy; bestikk; kniver; barberhøvler
9|computer software; downloadable mobile applications; batteries; sunglasses; measuring instruments|dataprogramvare; nedlastbare mobilapplikasjoner; batterier; solbriller; måleinstrumenter
10|surgical instruments; medical apparatus; orthopaedic articles; hearing aids|kirurgiske instrumenter; medisinske apparater; ortopediske artikler; høreapparater
11|lighting apparatus; heat pumps; cooking apparatus; water purifying apparatus|belysningsapparater; varmepumper; kokeapparater; vannrenseapparater
12|vehicles; electric bicycles; boats; tyres|kjøretøy; elektriske sykler; båter; dekk
13|fireworks; firearms; ammunition|fyrverkeri; skytevåpen; ammunisjon
14|jewellery; watches; precious metals|smykker; ur; edle metaller
15|musical instruments; stands for musical instruments|musikkinstrumenter; stativer for musikkinstrumenter
16|printed matter; paper; stationery; packaging of paper|trykksaker; papir; skrivesaker; emballasje av papir
17|insulating materials; rubber; plastic hoses; sealing rings|isolasjonsmaterialer; gummi; slanger av plast; tetningsringer
18|bags; leather goods; umbrellas; rucksacks|vesker; lærvarer; paraplyer; ryggsekker
19|building materials not of metal; wooden flooring; concrete|byggematerialer ikke av metall; tregulv; betong
20|furniture; mirrors; picture frames; mattresses|møbler; speil; bilderammer; madrasser
21|household utensils; kitchen containers; glassware; porcelain|husholdningsredskaper; kjøkkenbeholdere; glassvarer; porselen
22|ropes; tents; fishing nets; sacks|tau; telt; fiskegarn; sekker
23|yarns and threads for textile use|garn og tråd til tekstilbruk
24|textiles; bed linen; table linen; blankets|tekstiler; sengetøy; duker; pledd
25|clothing; footwear; headwear; sportswear|klær; fottøy; hodeplagg; sportsklær
26|lace; ribbons; buttons; artificial flowers|kniplinger; bånd; knapper; kunstige blomster
27|carpets; rugs; floor mats; wallpaper|tepper; løse tepper; gulvmatter; tapeter
28|games; toys; sporting articles; fishing tackle|spill; leker; sportsartikler; fiskeredskaper
29|fish; meat; dairy products; edible oils; preserved vegetables|fisk; kjøtt; meieriprodukter; spiselige oljer; konserverte grønnsaker
30|coffee; tea; bread; pastries; chocolate; ice cream|kaffe; te; brød; bakverk; sjokolade; iskrem
31|fresh fruits and vegetables; live fish; animal foodstuffs; seeds|friske frukter og grønnsaker; levende fisk; dyrefôr; frø
32|beers; mineral water; soft drinks; fruit juices|øl; mineralvann; brus; fruktjuice
33|alcoholic beverages except beers; wines; spirits|alkoholholdige drikker unntatt øl; viner; brennevin
34|tobacco; electronic cigarettes; smokers' articles|tobakk; elektroniske sigaretter; artikler for røykere
35|advertising; business management; retail services; marketing|reklamevirksomhet; forretningsledelse; detaljhandelstjenester; markedsføring
36|financial services; insurance; real estate services|finansielle tjenester; forsikring; eiendomsmegling
37|building construction; repair services; installation services|byggevirksomhet; reparasjonstjenester; installasjonstjenester
38|telecommunications; providing access to databases; streaming of data|telekommunikasjon; tilgang til databaser; strømming av data
39|transport; travel arrangement; storage of goods|transport; arrangering av reiser; lagring av varer
40|treatment of materials; recycling of waste; printing services|behandling av materialer; gjenvinning av avfall; trykking
41|education; training; entertainment; sporting and cultural activities|undervisning; opplæring; underholdning; sports- og kulturaktiviteter
42|software as a service; scientific research; design services; engineering|programvare som tjeneste; vitenskapelig forskning; designtjenester; ingeniørtjenester
43|restaurant services; temporary accommodation; catering|restauranttjenester; midlertidig innkvartering; catering
44|medical services; beauty care; aquaculture services|medisinske tjenester; skjønnhetspleie; akvakulturtjenester
45|legal services; security services; licensing of intellectual property|juridiske tjenester; sikkerhetstjenester; lisensiering av immaterielle rettigheter
`;

/** Terms of every Nice class, in class order. */
export const NICE_CLASSES: readonly NiceClassTerms[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [code = '', en = '', nb = ''] = line.split('|');
    return { code, en: en.split('; '), nb: nb.split('; ') };
  });

/** How often each class is claimed, relative: services and software lead, as in Norwegian filings. */
export const NICE_CLASS_WEIGHTS: Readonly<Record<string, number>> = {
  '9': 12,
  '35': 14,
  '42': 9,
  '41': 7,
  '25': 6,
  '5': 5,
  '3': 5,
  '30': 4,
  '43': 4,
  '16': 4,
  '29': 4,
  '32': 3,
  '33': 3,
  '44': 4,
  '36': 3,
  '37': 3,
  '39': 3,
  '11': 3,
  '7': 3,
  '28': 3,
  '21': 3,
  '20': 3,
  '18': 2,
  '10': 2,
  '12': 2,
  '14': 2,
  '31': 2,
  '38': 2,
  '45': 2,
  '40': 1,
  '6': 1,
  '1': 1,
  '19': 1,
  '24': 1,
  '8': 1,
  '2': 1,
  '4': 1,
  '17': 1,
  '22': 1,
  '34': 1,
  '27': 1,
  '26': 0.5,
  '23': 0.5,
  '15': 0.5,
  '13': 0.5,
};
