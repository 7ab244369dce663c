// Word banks for `dateline seed-bench` (bench-content.ts): invented organisations and people, real place
// names, and sentence templates in Swedish and English. Slots in braces are filled by the generator:
// {place} {org} {topic} {thing} {n} {day}. Nothing here is taken from a real news article. Lists are
// written as `a|b|c` strings so they stay compact.

import type { Locale } from '../domain/types.js';

/** One kind of story: how its titles read, its tags and the words its text is made of. */
export interface Topic {
  titles: string[];
  tags: string[];
  topic: string[];
  things: string[];
}

export interface Words {
  places: string[];
  orgs: string[];
  days: string[];
  topics: Topic[];
  summaries: string[];
  headlines: string[];
  sentences: string[];
  listItems: string[];
  questions: string[];
  answers: string[];
  releases: string[];
  /** The source of a press-release quote (`{org}` is filled). */
  releaseSource: string;
  titlesOfPeople: string[];
  linkText: string[];
  linkHost: string;
}

const list = (text: string): string[] => text.split('|');

const topic = (titles: string, tags: string, words: string, things: string): Topic => ({
  titles: list(titles),
  tags: list(tags),
  topic: list(words),
  things: list(things),
});

export const FIRST_NAMES = list(
  'Karin|Johan|Lena|Anders|Maria|Erik|Sara|Mikael|Anna|Per|Emma|Lars|Fatima|Ahmed|Sofia|Oskar|Elin|Jonas|Ida|Nils|Priya|Tom|Grace|Owen|Amir|Linnea|Gustav|Hanna',
);
export const LAST_NAMES = list(
  'Berg|Ekdahl|Sjöberg|Lindqvist|Holm|Nyström|Åkesson|Öberg|Hassan|Karlsson|Strand|Lund|Wikström|Falk|Engström|Nair|Morgan|Hughes|Patel|Brennan|Lindgren|Söderberg',
);

const SV: Words = {
  places: list(
    'Sundsvall|Umeå|Luleå|Gävle|Örebro|Växjö|Kalmar|Visby|Falun|Karlstad|Jönköping|Norrköping|Borås|Halmstad|Östersund|Kiruna|Skellefteå|Västerås',
  ),
  orgs: list(
    'Nordhall IT|Norrsken Energi|Bergslagens Vatten|Region Mittland|Älvdalens kommun|Kustbanan AB|A-kassan Norrsken|Hamnbolaget Syd|Länsstyrelsen i Mittland|Skogsägarna Norr|Polisregion Nord|Räddningstjänsten Mitt',
  ),
  days: list('måndagen|tisdagen|onsdagen|torsdagen|fredagen|lördagen|söndagen'),
  topics: [
    topic(
      'It-attack mot {org} slår ut tjänster i {place}|Intrång hos {org} – kunder utan system',
      'IT-säkerhet|A-kassan',
      'it-attacken|intrånget|utpressningsattacken',
      'servrarna|säkerhetskopiorna|lösensumman|e-tjänsterna|personuppgifterna',
    ),
    topic(
      'Stormen drar in över {place}|Storm och strömavbrott i {place}',
      'Väder|Elavbrott',
      'stormen|ovädret|strömavbrottet',
      'elnätet|träden över vägarna|reservkraften|hushållen|vindbyarna',
    ),
    topic(
      'Strejk i hamnen i {place}|Varsel om strejk hos {org}',
      'Arbetsmarknad|Strejk',
      'strejken|konflikten|varslet',
      'lönekraven|medlarna|förhandlingarna|containerfartygen|kollektivavtalet',
    ),
    topic(
      'Översvämningar i {place} – evakuering pågår|Vattnet stiger i {place}',
      'Väder|Klimat',
      'översvämningen|högvattnet|skyfallet',
      'vallarna|källarna|dricksvattnet|evakueringen|pumparna',
    ),
    topic(
      'Rättegången om {org} inleds i {place}|Åtal väcks efter händelserna hos {org}',
      'Rätt',
      'rättegången|åtalet|förhandlingen',
      'vittnena|åklagaren|försvaret|domen|bevisningen',
    ),
    topic(
      'Tågkaos i {place} efter signalfel|Inställda tåg på Kustbanan vid {place}',
      'Trafik',
      'tågstoppet|signalfelet|trafikstörningen',
      'ersättningsbussarna|pendlarna|växlarna|tidtabellen|kontaktledningen',
    ),
    topic(
      'Skogsbrand nära {place} sprider sig|Eldningsförbud i {place} efter bränder',
      'Brand',
      'skogsbranden|branden|brandområdet',
      'vattenbombarna|brandgatorna|röken|de boende|vinden',
    ),
    topic(
      'Vårdköerna växer i {place}|{org} varslar om neddragningar i vården',
      'Vård|Ekonomi',
      'vårdkrisen|besparingarna|köerna',
      'akutmottagningen|sjuksköterskorna|budgeten|vårdplatserna|väntetiderna',
    ),
  ],
  summaries: list(
    'Det här vet vi om {topic} i {place} och vad det betyder för {thing}.|{org} bekräftar att {topic} påverkar {thing}. Följ utvecklingen här.|Läget i {place}: {topic} fortsätter, och {thing} står i centrum för arbetet.',
  ),
  headlines: list(
    'Nya besked om {thing}|{org} kallar till presskonferens|Läget i {place} på {day}|Det här vet vi om {topic}|Kritik mot hanteringen av {thing}|Ny bedömning från {org}|{n} personer berörs|Så påverkas {thing}',
  ),
  sentences: list(
    'Under {day} meddelade {org} att {topic} påverkar {thing} i hela {place}.|Enligt uppgifter till redaktionen är omkring {n} personer direkt berörda.|Situationen kring {thing} är fortsatt **allvarlig**, säger källor nära {org}.|Kommunen i {place} har öppnat en informationspunkt för den som behöver hjälp.|Det är ännu oklart när {thing} fungerar normalt igen.|Flera invånare i {place} vittnar om att de inte har fått _någon information alls_.|{org} arbetar med att återställa {thing} men vill inte ge någon tidsplan.|Sedan i morse har {n} samtal kommit in till växeln.|Länsstyrelsen följer {topic} och har kallat till ett nytt möte på {day}.|Experter som redaktionen talat med menar att {thing} borde ha skyddats bättre.',
  ),
  listItems: list(
    'Informationspunkten i {place} har öppet till klockan 20.|{org} svarar på frågor i telefon.|Nästa lägesbild kommer på {day}.|Drabbade ska spara kvitton på sina utgifter.',
  ),
  questions: list(
    'Vad är det som har hänt?|Hur många är drabbade av {topic}?|När kan ni ge besked?|Vem bär ansvaret för {thing}?|Har ni haft kontakt med {org}?|Vad betyder det för invånarna i {place}?|Kunde det här ha förhindrats?|Vad gör ni nu?',
  ),
  answers: list(
    'Vi arbetar dygnet runt med {thing}, och vi vet mer på {day}.|Det kan jag inte svara på i dag. Vi vill inte spekulera innan vi vet mer.|Omkring {n} hushåll är berörda, och vi prioriterar de mest utsatta först.|Vi har haft kontakt med {org} hela natten och har en gemensam lägesbild.|Vi tar det här på största allvar. Det ska inte behöva hända igen.',
  ),
  releases: list(
    '{org} bekräftar att {topic} har påverkat {thing}. Vi arbetar tillsammans med berörda myndigheter för att återställa verksamheten så snart det kan ske på ett säkert sätt.|Vi beklagar djupt de störningar som {topic} orsakar för invånarna i {place}. Nästa lägesrapport lämnas på {day}.',
  ),
  releaseSource: 'Pressmeddelande från {org}',
  titlesOfPeople: list(
    'presschef|vd|kommunalråd|räddningsledare|professor|förbundsordförande|säkerhetschef|regionråd',
  ),
  linkText: list('mer information|den gemensamma lägessidan|myndighetens rapport'),
  linkHost: 'https://www.example.se',
};

const EN: Words = {
  places: list('Kelmsford|Harrowgate|Bramley|Castlebrook|Wexmoor|Dunholm|Ashford Vale'),
  orgs: list(
    'Kelmsford Borough Council|Wexmoor Water|Northline Rail|Castlebrook Health Trust|Harrow Energy|Dunholm Port Authority',
  ),
  days: list('Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'),
  topics: [
    topic(
      'Cyber attack takes {org} systems offline|Data breach at {org}',
      'Cyber security',
      'the cyber attack|the breach',
      'the servers|the backups|online services',
    ),
    topic(
      'Flooding in {place}: homes evacuated|River bursts its banks in {place}',
      'Weather',
      'the flooding|the storm',
      'the flood defences|the roads|the pumping stations',
    ),
    topic(
      'Rail strike hits {place}|{org} workers vote to strike',
      'Transport|Strike',
      'the strike|the dispute',
      'the timetable|pay talks|commuters',
    ),
  ],
  summaries: list(
    'What we know about {topic} in {place} and what it means for {thing}.|{org} confirms that {topic} affects {thing}. Follow the latest here.',
  ),
  headlines: list(
    'New statement on {thing}|{org} holds a press conference|The situation in {place} on {day}|What we know about {topic}|{n} people affected',
  ),
  sentences: list(
    'On {day}, {org} said that {topic} affects {thing} across {place}.|About {n} people are directly affected, according to the council.|The situation around {thing} remains **serious**, sources close to {org} say.|Residents in {place} say they have had _no information at all_.|It is still unclear when {thing} will be back to normal.|Since this morning, {n} calls have reached the helpline.',
  ),
  listItems: list(
    'The help desk in {place} is open until 8 pm.|{org} answers questions by phone.|The next briefing is on {day}.',
  ),
  questions: list(
    'What happened?|How many people are affected by {topic}?|When will you know more?|Who is responsible for {thing}?|What does this mean for people in {place}?',
  ),
  answers: list(
    'We are working around the clock on {thing} and will know more by {day}.|I cannot answer that today. We do not want to speculate.|Around {n} households are affected, and we are helping the most vulnerable first.',
  ),
  releases: list(
    '{org} confirms that {topic} has affected {thing}. We are working with the relevant authorities to restore services as soon as it is safe to do so.',
  ),
  releaseSource: 'Statement from {org}',
  titlesOfPeople: list('chief executive|director of digital services|council leader|spokesperson'),
  linkText: list('more information|the official update page'),
  linkHost: 'https://www.example.org',
};

export const WORDS: Record<Locale, Words> = { sv: SV, en: EN };
