/**
 * Classification material: Locarno subclasses with product names, IPC groups with invention titles,
 * and Vienna codes for the figurative elements of marks.
 */

/** A Locarno subclass and a product in it, in Norwegian Bokmål and English. */
export interface LocarnoProduct {
  code: string;
  nb: string;
  en: string;
}

// code | Norwegian product | English product
const LOCARNO = `
01-01|Kjeks|Biscuits
02-02|Jakke|Jacket
02-04|Sko|Shoes
03-01|Ryggsekk|Rucksack
04-02|Hårbørste|Hairbrush
06-01|Stol|Chair
06-01|Sofa|Sofa
06-03|Bord|Table
06-04|Skap|Cabinet
06-06|Hylle|Shelf
07-01|Drikkeglass|Drinking glass
07-02|Kaffekanne|Coffee pot
07-03|Bestikk|Cutlery
08-05|Skrutrekker|Screwdriver
09-01|Flaske|Bottle
09-03|Emballasje|Packaging
10-02|Armbåndsur|Wristwatch
10-04|Termometer|Thermometer
11-01|Smykke|Jewellery
12-08|Elsparkesykkel|Electric scooter
12-11|Sykkel|Bicycle
13-03|Stikkontakt|Socket outlet
14-02|Datamaskin|Computer
14-03|Mobiltelefon|Mobile phone
14-04|Grafisk brukergrensesnitt|Graphical user interface
15-99|Robotgressklipper|Robotic lawnmower
16-06|Kamerastativ|Camera tripod
19-06|Penn|Pen
21-01|Leke|Toy
21-02|Treningsapparat|Exercise apparatus
23-02|Vask|Washbasin
23-04|Varmepumpe|Heat pump
24-02|Medisinsk instrument|Medical instrument
25-01|Takstein|Roof tile
25-03|Badstue|Sauna
26-04|Lampe|Lamp
26-05|Lysarmatur|Light fitting
28-03|Barbermaskin|Shaver
30-01|Hundeseng|Dog bed
32-00|Logo|Logo
`;

/** Locarno products to draw design titles and classes from. */
export const LOCARNO_PRODUCTS: readonly LocarnoProduct[] = LOCARNO.trim()
  .split('\n')
  .map((line) => {
    const [code = '', nb = '', en = ''] = line.split('|');
    return { code, nb, en };
  });

/** An IPC group with invention titles written the way applicants word them. */
export interface IpcGroup {
  code: string;
  en: readonly string[];
  nb: readonly string[];
}

// code | English titles | Norwegian titles (titles separated by ';')
const IPC = `
A01K 61/10|Fish farming net pen with a submersible frame; System for monitoring sea lice in fish farms|Merd for oppdrett av fisk med senkbar ramme; System for overvåking av lakselus i oppdrettsanlegg
A01K 61/60|Closed containment system for farming salmon; Feeding device for aquaculture|Lukket anlegg for oppdrett av laks; Fôringsanordning for akvakultur
A23L 33/115|Marine oil composition rich in omega-3 fatty acids; Krill oil extract and its use|Marin oljesammensetning rik på omega-3-fettsyrer; Krillolje-ekstrakt og anvendelse derav
A47C 7/02|Chair with adjustable seat tilt; Ergonomic office chair|Stol med justerbar setevinkel; Ergonomisk kontorstol
A61B 5/00|Wearable device for measuring blood pressure; Method for non-invasive monitoring of glucose|Bærbar anordning for måling av blodtrykk; Fremgangsmåte for ikke-invasiv overvåking av glukose
A61K 31/4745|Substituted quinoline compounds for the treatment of cancer; Pharmaceutical composition comprising a kinase inhibitor|Substituerte kinolinforbindelser for behandling av kreft; Farmasøytisk sammensetning omfattende en kinasehemmer
A61K 39/395|Antibodies binding to human PD-1 and uses thereof; Anti-IL-23 antibody formulation|Antistoffer som binder humant PD-1 og anvendelser derav; Formulering av anti-IL-23-antistoff
A61P 35/00|Combination therapy for the treatment of solid tumours; Crystalline form of an anticancer compound|Kombinasjonsbehandling av solide svulster; Krystallinsk form av en kreftforbindelse
B01D 53/14|Process for capturing carbon dioxide from flue gas; Absorbent for removal of acid gases|Fremgangsmåte for fangst av karbondioksid fra røykgass; Absorbent for fjerning av sure gasser
B63B 35/44|Floating offshore platform; Mooring system for a floating wind turbine|Flytende offshoreplattform; Forankringssystem for en flytende vindturbin
B63H 21/17|Electric propulsion system for vessels; Battery-powered ferry with charging arrangement|Elektrisk fremdriftssystem for fartøy; Batteridrevet ferge med ladearrangement
B65D 81/38|Insulated transport box for fresh fish; Recyclable food packaging|Isolert transportkasse for fersk fisk; Resirkulerbar matemballasje
C02F 1/44|Membrane unit for desalination of seawater; Method for treating produced water|Membranenhet for avsalting av sjøvann; Fremgangsmåte for behandling av produsert vann
C07D 401/14|Heterocyclic compounds as inhibitors of protein kinases; Pyrimidine derivatives and their use|Heterosykliske forbindelser som hemmere av proteinkinaser; Pyrimidinderivater og anvendelse derav
C12N 15/113|Oligonucleotides for modulating gene expression; Guide RNA for gene editing|Oligonukleotider for modulering av genuttrykk; Guide-RNA for genredigering
C22C 21/00|Aluminium alloy with high strength; Method for producing aluminium extrusions|Aluminiumslegering med høy styrke; Fremgangsmåte for fremstilling av profiler av aluminium
E21B 33/12|Packer for sealing a wellbore; Plug for permanent abandonment of a well|Pakning for tetning av et borehull; Plugg for permanent tilbakeplugging av en brønn
E21B 43/01|Subsea production system; Method for controlling a subsea well|Undervanns produksjonssystem; Fremgangsmåte for styring av en undervannsbrønn
E04B 1/76|Prefabricated wall element of wood; Insulated building module|Prefabrikkert veggelement av tre; Isolert bygningsmodul
F03D 13/25|Floating wind turbine foundation; Method for installing offshore wind turbines|Fundament for flytende vindturbin; Fremgangsmåte for installasjon av havvindturbiner
F17C 1/00|Tank for storing liquid hydrogen; Pressure vessel for compressed gas|Tank for lagring av flytende hydrogen; Trykkbeholder for komprimert gass
F24D 3/18|Heat pump system for buildings; Heat exchanger for ground-source heating|Varmepumpesystem for bygninger; Varmeveksler for bergvarme
G01N 33/18|Sensor for measuring water quality; Method for detecting microplastics in water|Sensor for måling av vannkvalitet; Fremgangsmåte for påvisning av mikroplast i vann
G01S 15/89|Sonar system for imaging the seabed; Method for estimating fish biomass by echo sounding|Sonarsystem for avbildning av havbunnen; Fremgangsmåte for estimering av fiskebiomasse med ekkolodd
G06F 21/62|Method for protecting personal data in a distributed system; Access control for cloud storage|Fremgangsmåte for beskyttelse av personopplysninger i et distribuert system; Tilgangskontroll for skylagring
G06N 3/08|Training a neural network with sparse data; Machine learning model for predicting equipment failure|Trening av et nevralt nettverk med sparsomme data; Maskinlæringsmodell for prediksjon av utstyrsfeil
G06Q 20/32|Payment by means of a mobile terminal; System for contactless payment|Betaling ved hjelp av en mobil terminal; System for kontaktløs betaling
H01M 10/0525|Lithium-ion battery cell with improved safety; Battery module with cooling plate|Litium-ion-battericelle med forbedret sikkerhet; Batterimodul med kjøleplate
H02J 7/00|Charging station for electric vehicles; Method for balancing battery cells|Ladestasjon for elektriske kjøretøy; Fremgangsmåte for balansering av battericeller
H04L 9/40|Method for secure key exchange; Network security device|Fremgangsmåte for sikker nøkkelutveksling; Nettverkssikkerhetsanordning
H04W 72/04|Method for allocating radio resources; Beam management in a wireless network|Fremgangsmåte for tildeling av radioressurser; Strålestyring i et trådløst nettverk
`;

/** IPC groups to draw patent titles and classes from. */
export const IPC_GROUPS: readonly IpcGroup[] = IPC.trim()
  .split('\n')
  .map((line) => {
    const [code = '', en = '', nb = ''] = line.split('|');
    return { code, en: en.split('; '), nb: nb.split('; ') };
  });

/** Vienna codes of common figurative elements: stars, birds, fish, leaves, mountains, waves, shapes, letters, colours. */
export const VIENNA_CODES: readonly string[] = (
  '01.01.01 01.03.01 02.01.01 03.01.08 03.07.01 03.07.16 03.09.01 05.01.01 05.03.11 05.05.20 06.01.02 ' +
  '06.03.01 07.01.01 11.03.01 18.04.01 24.01.03 26.01.01 26.01.03 26.04.01 26.04.04 26.11.01 27.05.01 ' +
  '27.05.10 29.01.01 29.01.04 29.01.12'
).split(' ');
