/**
 * Name material per country for sample parties: real cities, common given and family names, and the
 * parts of invented company names in the country's own style and legal forms.
 */

/** What it takes to invent a plausible person or company of one country. */
export interface CountryNames {
  /** Real cities, most likely first. */
  cities: readonly string[];
  given: readonly string[];
  family: readonly string[];
  /** Distinctive first words of company names. */
  stems: readonly string[];
  /** What the company does, as it would say it. */
  trades: readonly string[];
  /** Legal forms, most common first. */
  forms: readonly string[];
  /** Family name before given name (China, Korea). */
  familyFirst?: boolean;
  /** Company names start with the city (China). */
  cityFirst?: boolean;
}

/** Splits a comma-separated list written across lines. */
function list(text: string): string[] {
  return text.split(',').map((item) => item.trim());
}

/** Name material by ST.3 country code. */
export const COUNTRY_NAMES: Readonly<Record<string, CountryNames>> = {
  NO: {
    cities: list(`Oslo, Bergen, Trondheim, Stavanger, Kristiansand, Tromsø, Drammen, Fredrikstad,
      Sandnes, Ålesund, Bodø, Lysaker, Sandvika, Asker, Haugesund, Tønsberg, Hamar,
      Lillehammer, Molde, Gjøvik, Porsgrunn, Arendal, Moss, Larvik, Harstad, Førde`),
    given: list(`Anders, Kari, Ingrid, Lars, Sigrid, Jon, Marte, Eirik, Silje, Håkon, Ragnhild,
      Øystein, Åse, Bjørn, Tone, Magnus, Ingvild, Torstein, Solveig, Espen, Hege,
      Kjetil, Line, Sindre, Tuva, Vegard, Mari, Ørjan, Camilla, Per`),
    family: list(`Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Jensen,
      Karlsen, Haugen, Berg, Dahl, Lie, Bakken, Solberg, Strand, Aas, Moen, Eide,
      Sæther, Haugland, Lunde, Fjeld, Vik, Ødegård, Kvamme, Brekke, Tveit, Aasen`),
    stems: list(`Nordlys, Fjordkraft, Havbris, Polarlys, Bølge, Kystlinje, Fonna, Tindefjell,
      Lyngen, Furulund, Måkeskjær, Vestkyst, Nordkapp, Hardanger, Mjøsa, Saltstraumen,
      Jotun, Skagerak, Trollfjord, Lofot, Snøhvit, Bjørkli, Elvebakken, Sjøsprøyt`),
    trades: list(`Teknologi, Bioteknikk, Marin, Energi, Design, Havbruk, Interiør, Medisinsk,
      Programvare, Bygg, Mat, Mekaniske Verksted, Sjømat, Elektro, Miljø, Kosmetikk,
      Bryggeri, Sport, Innovasjon, Subsea`),
    forms: ['AS', 'AS', 'AS', 'AS', 'ASA', 'SA'],
  },
  SE: {
    cities: list(`Stockholm, Göteborg, Malmö, Uppsala, Lund, Linköping, Västerås, Örebro,
      Helsingborg, Jönköping, Umeå, Sundsvall, Borås`),
    given: list(`Erik, Anna, Karl, Maria, Johan, Elin, Lars, Sofia, Anders, Karin, Oskar, Ebba,
      Mikael, Linnéa, Björn`),
    family: list(`Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson,
      Svensson, Gustafsson, Lindqvist, Bergström, Lundgren, Sjöberg, Holmström`),
    stems: list(`Norrsken, Sjövik, Granlund, Lindhaga, Ekholm, Björkdal, Fjällvind, Svea, Vänerns,
      Skärgårds, Kronoberg, Älvsborg`),
    trades: list(`Teknik, Medical, Konsult, Industri, Design, Foods, Innovation, Verktyg, Möbler,
      Elektronik, Pharma`),
    forms: ['AB', 'AB', 'AB', 'AB (publ)'],
  },
  DE: {
    cities: list(`München, Berlin, Hamburg, Stuttgart, Köln, Frankfurt am Main, Düsseldorf,
      Darmstadt, Erlangen, Mannheim, Dresden, Nürnberg, Hannover, Jena`),
    given: list(`Thomas, Andreas, Stefan, Michael, Sabine, Julia, Katrin, Matthias, Jürgen, Anja,
      Tobias, Claudia, Florian, Petra, Lukas`),
    family: list(`Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz,
      Hoffmann, Schäfer, Koch, Richter, Klein, Wolf, Krüger, Neumann`),
    stems: list(`Rheinland, Alpenblick, Nordstern, Hansa, Isartal, Elbufer, Schwarzwald, Bergmann,
      Lindenhof, Sonnenfeld, Brückner, Falkenstein`),
    trades: list(`Technik, Maschinenbau, Pharma, Chemie, Elektronik, Werke, Optik, Antriebstechnik,
      Medizintechnik, Automotive, Kunststofftechnik`),
    forms: ['GmbH', 'GmbH', 'AG', 'GmbH & Co. KG', 'SE'],
  },
  US: {
    cities: list(`New York, San Francisco, Boston, Cambridge, San Diego, Seattle, Chicago, Austin,
      Palo Alto, Wilmington, Minneapolis, Houston, Atlanta, Princeton, Portland`),
    given: list(`John, Michael, Jennifer, David, Sarah, Robert, Emily, James, Jessica, William,
      Ashley, Daniel, Laura, Christopher, Megan`),
    family: list(`Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor,
      Thomas, Moore, Martin, Thompson, Clark, Lewis`),
    stems: list(`Summit, Redwood, Lakeshore, Pioneer, Granite, Bluewater, Crescent, Liberty,
      Cascade, Evergreen, Silverline, Ridgeway, Northstar, Keystone`),
    trades: list(`Therapeutics, Technologies, Brands, Labs, Systems, Biosciences, Devices,
      Holdings, Pharmaceuticals, Software, Foods, Robotics`),
    forms: ['Inc.', 'Inc.', 'LLC', 'Corporation', 'Corp.'],
  },
  GB: {
    cities: list(`London, Cambridge, Oxford, Manchester, Edinburgh, Glasgow, Bristol, Leeds,
      Birmingham, Reading, Aberdeen, Nottingham`),
    given: list(`Oliver, Charlotte, George, Emma, Harry, Sophie, Jack, Lucy, Thomas, Hannah, James,
      Eleanor, William, Alice`),
    family: list(`Smith, Jones, Taylor, Brown, Wilson, Evans, Thomas, Roberts, Walker, Wright,
      Hughes, Edwards, Green, Hall, Wood`),
    stems: list(`Albion, Thameside, Pennine, Cotswold, Highland, Kingsbridge, Ashford, Mersey,
      Caledonian, Wessex, Severn, Hadrian`),
    trades: list(`Engineering, Pharmaceuticals, Foods, Instruments, Brands, Technologies,
      Diagnostics, Energy, Marine, Apparel`),
    forms: ['Limited', 'Ltd', 'Ltd', 'plc'],
  },
  DK: {
    cities: list(`København, Aarhus, Odense, Aalborg, Kolding, Esbjerg, Vejle, Horsens, Roskilde,
      Herning, Lyngby, Billund`),
    given: list(`Mads, Mette, Søren, Anne, Jens, Camilla, Rasmus, Louise, Henrik, Signe, Niels,
      Ida, Mikkel, Birgitte`),
    family: list(`Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen,
      Rasmussen, Jørgensen, Madsen, Kristensen, Østergaard, Thomsen`),
    stems: list(`Øresund, Jyllands, Fynsk, Skagen, Bøgely, Nordhavn, Limfjord, Lyngholm, Havblik,
      Kronborg, Vesterled, Egeskov`),
    trades: list(`Medico, Teknik, Foods, Design, Pharma, Vind, Møbler, Emballage, Mejeri,
      Automation`),
    forms: ['A/S', 'A/S', 'ApS', 'ApS'],
  },
  FI: {
    cities: list(`Helsinki, Espoo, Tampere, Turku, Oulu, Vantaa, Jyväskylä, Lahti, Kuopio, Vaasa`),
    given: list(`Mikko, Anna, Juha, Laura, Timo, Sanna, Matti, Johanna, Antti, Heidi, Ville,
      Riikka`),
    family: list(`Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen,
      Koskinen, Järvinen, Lehtonen, Saarinen`),
    stems: list(`Saimaan, Pohjola, Kaleva, Tapiola, Lumikki, Revontuli, Kuusela, Koivula, Järvi,
      Tunturi, Aalto, Suomen`),
    trades: list(`Tech, Solutions, Pharma, Tekniikka, Design, Foods, Metsä, Energia, Systems`),
    forms: ['Oy', 'Oy', 'Oy', 'Oyj'],
  },
  FR: {
    cities: list(`Paris, Lyon, Toulouse, Marseille, Grenoble, Nantes, Bordeaux, Strasbourg, Lille,
      Rennes, Montpellier, Nice`),
    given: list(`Jean, Marie, Pierre, Sophie, Nicolas, Isabelle, Julien, Céline, François, Camille,
      Antoine, Hélène, Mathieu, Élodie`),
    family: list(`Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau,
      Simon, Laurent, Lefèvre, Girard, Fournier`),
    stems: list(`Provence, Val de Loire, Lumière, Atlantique, Mont-Blanc, Rivoli, Bastide,
      Belle-Île, Vercors, Garonne, Champlain, Beauvallon`),
    trades: list(`Cosmétiques, Pharma, Industries, Technologies, Parfums, Médical, Aéronautique,
      Vins et Spiritueux, Textiles, Biotech`),
    forms: ['SAS', 'SAS', 'SA', 'SARL'],
  },
  CH: {
    cities: list(`Zürich, Basel, Genève, Lausanne, Bern, Zug, Neuchâtel, Luzern, St. Gallen,
      Lugano, Winterthur`),
    given: list(`Daniel, Andrea, Martin, Nicole, Peter, Sandra, Marco, Barbara, Reto, Simone, Urs,
      Céline, Luca`),
    family: list(`Müller, Meier, Schmid, Keller, Weber, Huber, Schneider, Meyer, Steiner, Fischer,
      Gerber, Brunner, Baumann, Favre, Rossi`),
    stems: list(`Helvetia, Alpina, Matterhorn, Rhône, Zürichsee, Jura, Engadin, Pilatus, Säntis,
      Léman, Gotthard, Aletsch`),
    trades: list(`Pharma, Precision, Horlogerie, Technik, Diagnostics, Medtech, Chocolatier,
      Instruments, Biotech`),
    forms: ['AG', 'AG', 'SA', 'GmbH', 'Sàrl'],
  },
  JP: {
    cities: list(`Tokyo, Osaka, Kyoto, Yokohama, Nagoya, Kobe, Kawasaki, Hamamatsu, Sapporo,
      Fukuoka`),
    given: list(`Hiroshi, Takashi, Yuki, Kenji, Akiko, Satoshi, Naoko, Daisuke, Tomoko, Kazuhiro,
      Yoko, Shinji, Haruka`),
    family: list(`Takahashi, Tanaka, Suzuki, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato,
      Yoshida, Matsuda, Fujimoto, Hayashi, Inoue, Kimura`),
    stems: list(`Takahashi, Nakamura, Kobayashi, Matsuda, Fujimoto, Hayashi, Sakura, Asahi, Nippon,
      Daiwa, Hikari, Tokai`),
    trades: list(`Seiki, Denki, Kogyo, Chemical, Electronics, Pharmaceutical, Optical, Machinery,
      Motor, Seiyaku`),
    forms: ['Co., Ltd.', 'Co., Ltd.', 'Corporation', 'Kabushiki Kaisha'],
  },
  CN: {
    cities: list(`Shenzhen, Shanghai, Beijing, Hangzhou, Guangzhou, Suzhou, Ningbo, Chengdu,
      Xiamen, Dongguan, Qingdao`),
    given: list(`Wei, Fang, Lei, Jing, Yong, Min, Jun, Li, Hao, Xiaoming, Yan, Qiang, Ling, Tao`),
    family: list(`Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu`),
    stems: list(`Huaxin, Jiayuan, Tianrui, Xinda, Hengtong, Longwei, Haoyang, Ruisheng, Zhongke,
      Boyuan, Jinhui, Meida`),
    trades: list(`Technology, Electronics, Intelligent Equipment, Biotechnology, Trading,
      New Energy, Household Products, Network Technology, Pharmaceutical`),
    forms: ['Co., Ltd.', 'Co., Ltd.', 'Co., Ltd.', 'Group Co., Ltd.'],
    familyFirst: true,
    cityFirst: true,
  },
  NL: {
    cities: list(`Amsterdam, Eindhoven, Rotterdam, Utrecht, Den Haag, Delft, Leiden, Groningen,
      Nijmegen, Veenendaal`),
    given: list(`Jan, Sanne, Pieter, Lotte, Daan, Eva, Bram, Anouk, Joost, Femke, Ruben, Iris`),
    family: list(`de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, Meijer,
      de Boer, Mulder, de Groot, Bos, Vos`),
    stems: list(`Delta, Oranje, Polder, Zeeland, Holland, Tulpen, Rijnmond, Waddenzee, Veluwe,
      Maasland, Noordzee, Kempen`),
    trades: list(`Technologies, Food, Medical, Systems, Holding, Greenhouse Solutions, Dairy,
      Packaging, Instruments`),
    forms: ['B.V.', 'B.V.', 'B.V.', 'N.V.'],
  },
  KR: {
    cities: list(`Seoul, Suwon, Busan, Incheon, Daejeon, Seongnam, Daegu, Gwangju, Ulsan`),
    given: list(`Min-jun, Seo-yeon, Ji-hoon, Ji-woo, Hyun-woo, Soo-jin, Dong-hyun, Eun-ji,
      Sung-min, Ha-eun, Jae-won, Yu-na`),
    family: list(`Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Oh`),
    stems: list(`Hanbit, Daesung, Samil, Jinwoo, Hanul, Mirae, Sejong, Haesol, Kumho, Dongbang,
      Saerom, Hyosung`),
    trades: list(`Electronics, Bio, Chemical, Cosmetics, Tech, Display, Battery, Pharm,
      Semiconductor`),
    forms: ['Co., Ltd.', 'Co., Ltd.', 'Corporation', 'Inc.'],
    familyFirst: true,
  },
  IT: {
    cities: list(`Milano, Torino, Bologna, Roma, Firenze, Verona, Padova, Brescia, Bergamo, Modena`),
    given: list(`Marco, Giulia, Luca, Francesca, Alessandro, Chiara, Matteo, Sara, Giovanni, Elena,
      Andrea, Valentina`),
    family: list(`Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco,
      Bruno, Gallo, Conti`),
    stems: list(`Brianza, Dolomiti, Garda, Toscana, Adriatica, Vesuvio, Lombarda, Monviso,
      Serenissima, Etna, Appennino, Chianti`),
    trades: list(`Meccanica, Farmaceutici, Moda, Alimentari, Arredamenti, Cosmetici, Design,
      Occhialeria, Vini`),
    forms: ['S.p.A.', 'S.r.l.', 'S.r.l.'],
  },
  AT: {
    cities: list(`Wien, Graz, Linz, Innsbruck, Salzburg, Klagenfurt, Wels, Dornbirn`),
    given: list(`Lukas, Anna, Florian, Katharina, Stefan, Lisa, Markus, Julia, Christoph,
      Magdalena`),
    family: list(`Gruber, Huber, Bauer, Wagner, Müller, Pichler, Steiner, Moser, Mayer, Hofer,
      Leitner, Berger`),
    stems: list(`Donau, Tirol, Wachau, Arlberg, Kärntner, Steirer, Alpenland, Salzkammergut,
      Vorarlberg, Brenner`),
    trades: list(`Technik, Pharma, Holzbau, Seilbahnen, Elektronik, Sportartikel, Lebensmittel,
      Maschinenbau`),
    forms: ['GmbH', 'GmbH', 'AG'],
  },
};
