// Demo content seeded into an empty Dateline database on first start.
//
// Everything here is fiction written for this project: Nordhall IT, A-kassan Norrsken, Kelmsford Borough
// Council and every person named below are invented, and no text is taken from a real news article. Links
// point to reserved example domains only.
//
// The data is plain: no escaping (rendering escapes), qa answers are stored without the leading en dash
// (rendering adds it in Swedish style), qa speakers name a `demoPeople` entry exactly, and each article's
// updates are listed oldest first.

import type { BlockInput, Locale, Precision } from '../domain/types.js';

export interface DemoPerson {
  name: string;
  title: string;
  organisation: string;
}

export interface DemoUpdate {
  /** UTC ISO-8601 instant; for day precision, local midnight in the article's time zone. */
  datedAt: string;
  precision: Precision;
  headline: string | null;
  /** qa blocks name their speaker with the exact `name` of a DemoPerson. */
  blocks: BlockInput[];
  keyEvent?: boolean;
}

export interface DemoArticle {
  slug: string;
  title: string;
  summary: string;
  locale: Locale;
  timeZone: string;
  live: boolean;
  tags: string[];
  /** Oldest first. */
  updates: DemoUpdate[];
}

export const demoPeople: DemoPerson[] = [
  { name: 'Karin Berg', title: 'operativ chef', organisation: 'Nordhall IT' },
  { name: 'Johan Ekdahl', title: 'vd', organisation: 'Nordhall IT' },
  { name: 'Lena Sjöberg', title: 'kassaföreståndare', organisation: 'A-kassan Norrsken' },
  { name: 'Priya Nair', title: 'director of digital services', organisation: 'Kelmsford Borough Council' },
];

const NORDHALL_PRESS_RELEASE = 'Pressmeddelande från Nordhall IT';

const itAttackStory: DemoArticle = {
  slug: 'it-attack-slar-ut-a-kassor',
  title: 'It-attack mot driftleverantör slår ut flera a-kassor',
  summary:
    'Ett intrång hos driftbolaget Nordhall IT har släckt ned tjänsterna för ett trettiotal kunder, och tusentals a-kassemedlemmar kan inte ansöka om ersättning.',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  live: true,
  tags: ['IT-säkerhet', 'A-kassan'],
  updates: [
    {
      datedAt: '2026-12-01T23:00:00.000Z',
      precision: 'day',
      headline: 'Driftleverantör utsatt för intrång – a-kassor utan system',
      blocks: [
        {
          type: 'text',
          markdown:
            'It-driftleverantören Nordhall IT i Sundsvall upptäckte natten till onsdagen att obehöriga hade tagit sig in i bolagets servermiljö. För att stoppa spridningen stängde bolaget ned hela driftmiljön, och sedan dess är samtliga kunder utan sina system.\n\nBland de drabbade finns fem a-kassor. Deras medlemmar kan för närvarande inte logga in på Mina sidor, skicka in kassakort eller ansöka om ersättning. Hos två av kassorna fungerar inte heller telefonin.',
        },
        {
          type: 'quote',
          text: 'Natten mot den 2 december upptäckte Nordhall IT ovanlig aktivitet i delar av vår driftmiljö. Vi isolerade omedelbart de berörda systemen och stängde i förebyggande syfte av våra kunders tjänster. Vi arbetar nu tillsammans med externa säkerhetsexperter för att utreda vad som har hänt och för att återställa tjänsterna så snart det kan ske på ett säkert sätt. Vi beklagar djupt de störningar detta orsakar för våra kunder och deras användare.',
          source: NORDHALL_PRESS_RELEASE,
        },
        {
          type: 'qa',
          question: 'Vad är det som har hänt?',
          answer:
            'Vi såg i natt att någon rörde sig i vår miljö på ett sätt som inte stämmer med normal drift. Då fattade vi beslutet att stänga av allt. Hellre det än att låta det sprida sig till fler kunder.',
          speaker: 'Karin Berg',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Hur många kunder berörs?',
          answer:
            'Vi har 34 kunder som driftar sina system hos oss, och alla är påverkade i dag. Fem av dem är a-kassor, de övriga är bland annat bostadsbolag, ett par kommunala bolag och ett regionalt bussbolag.',
          speaker: 'Karin Berg',
          asker: null,
        },
        {
          type: 'qa',
          question: 'När kommer systemen att fungera igen?',
          answer:
            'Det kan jag inte lova i dag. Vi startar ingenting förrän vi vet att det är rent, och det kommer att ta åtminstone några dagar.',
          speaker: 'Karin Berg',
          asker: null,
        },
      ],
    },
    {
      datedAt: '2026-12-03T23:00:00.000Z',
      precision: 'day',
      headline: 'Utpressningsattack bakom avbrottet – polisanmälan gjord',
      blocks: [
        {
          type: 'text',
          markdown:
            'Nordhall IT bekräftar nu att det rör sig om en **utpressningsattack**: angriparna har krypterat servrar i bolagets driftmiljö och lämnat ett krav på lösensumma. Bolaget har polisanmält brottet och anmält en personuppgiftsincident till Integritetsskyddsmyndigheten, IMY. Även CERT-SE har informerats.\n\nFör a-kassornas medlemmar gäller tills vidare:\n\n- Kassakort och ansökningar kan inte skickas in digitalt.\n- Utbetalningar som beslutades före attacken ska gå ut som vanligt.\n- Den som missar en tidsfrist på grund av avbrottet ska inte förlora sin ersättning.\n\nDe drabbade kassorna samlar sin information på en gemensam sida: [www.example.se/driftstorning](https://www.example.se/driftstorning).',
        },
        {
          type: 'qa',
          question: 'Kommer ni att betala lösensumman?',
          answer:
            'Nej. Det har vi varit tydliga med från första stund. En betalning finansierar nästa attack och ger ingen garanti för att vi får tillbaka något.',
          speaker: 'Johan Ekdahl',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Har angriparna kommit åt personuppgifter?',
          answer:
            'Det kan vi inte utesluta i dag. Vi vet att de har varit inne i system där det finns personuppgifter, men inte om något har förts ut. Därför anmälde vi till IMY redan nu i stället för att vänta tills vi vet mer.',
          speaker: 'Johan Ekdahl',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Vad betyder avbrottet för era medlemmar?',
          answer:
            'Det är allvarligt. Många av våra medlemmar har ingen annan inkomst och är beroende av att pengarna kommer i tid. Vi har satt fler handläggare i telefon och tar emot kassakort på papper så länge systemen ligger nere.',
          speaker: 'Lena Sjöberg',
          asker: null,
        },
      ],
    },
    {
      datedAt: '2026-12-05T23:00:00.000Z',
      precision: 'day',
      headline: 'Säkerhetskopior läses tillbaka – data kan ha förts ut',
      blocks: [
        {
          type: 'text',
          markdown:
            'Nordhall IT har börjat återställa kundernas system från säkerhetskopior som förvarades frånkopplade från det övriga nätet och som inte drabbades av krypteringen. Enligt bolaget har teknikerna arbetat i skift dygnet runt sedan i onsdags.\n\nSamtidigt uppger bolaget att angriparna sannolikt kopierade en mindre mängd data innan krypteringen startade. Vilka uppgifter det rör sig om utreds fortfarande.',
        },
        {
          type: 'text',
          markdown:
            '– Vi vet att det här har drabbat människor som redan befinner sig i en utsatt situation, och det tar vi på största allvar. Varje berörd kund får besked så snart vi vet vilka uppgifter som har kommit på avvägar, säger Johan Ekdahl, vd för Nordhall IT.',
        },
        {
          type: 'qa',
          question: 'Hur långt har ni kommit med återställningen?',
          answer:
            'Ungefär en tredjedel av kundmiljöerna är återställda i en isolerad miljö, där vi kontrollerar dem innan de kopplas upp igen. A-kassorna har högsta prioritet.',
          speaker: 'Karin Berg',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Varför tar det så lång tid när ni har säkerhetskopior?',
          answer:
            'Att läsa tillbaka data går relativt fort. Det som tar tid är att försäkra sig om att vi inte återställer något som angriparna redan har hunnit manipulera. Varje server granskas innan den får komma ut på nätet igen.',
          speaker: 'Karin Berg',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Vet ni hur angriparna tog sig in?',
          answer:
            'Allt tyder på att de använde inloggningsuppgifterna till ett konto för fjärråtkomst som tillhörde en underleverantör. Kontot är spärrat, och nu krävs tvåfaktorsinloggning för all extern åtkomst till vår miljö.',
          speaker: 'Karin Berg',
          asker: null,
        },
      ],
    },
    {
      datedAt: '2026-12-07T23:00:00.000Z',
      precision: 'day',
      headline: 'De första kunderna i drift igen',
      blocks: [
        {
          type: 'text',
          markdown:
            'Under natten kopplades de första kundmiljöerna upp igen efter kontroll. Två bostadsbolag och det regionala bussbolaget är tillbaka i normal drift. A-kassornas system ska enligt Nordhall IT vara i gång under eftermiddagen, efter en sista granskning tillsammans med kassornas egna it-ansvariga.',
        },
        {
          type: 'qa',
          question: 'Hur säkra är ni på att angriparna inte finns kvar i systemen?',
          answer:
            'Så säkra man kan bli. Allt som kopplas upp har antingen byggts om från grunden eller återställts från en kopia som vi vet är ren. Dessutom övervakar en extern part trafiken dygnet runt de närmaste veckorna.',
          speaker: 'Karin Berg',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Kommer era kunder att få ersättning för avbrottet?',
          answer:
            'Det är för tidigt att säga. Först ska allt vara i drift, sedan går vi igenom avtalen med varje kund. Vi kommer inte att gömma oss bakom det finstilta.',
          speaker: 'Johan Ekdahl',
          asker: null,
        },
      ],
    },
    {
      datedAt: '2026-12-08T14:04:00.000Z',
      precision: 'minute',
      headline: 'A-kassornas tjänster fungerar igen',
      keyEvent: true,
      blocks: [
        {
          type: 'text',
          markdown:
            'Strax efter klockan 15 meddelade Nordhall IT att medlemstjänsterna hos samtliga fem a-kassor är i drift igen, efter nästan en vecka. Medlemmarna kan åter logga in, skicka kassakort och ansöka om ersättning. Kassorna varnar för att sidorna kan vara långsamma under kvällen när många loggar in samtidigt.',
        },
        {
          type: 'quote',
          text: 'Från och med i eftermiddag är a-kassornas digitala tjänster åter tillgängliga. Återställningen har skett från kontrollerade säkerhetskopior, och inga system har kopplats upp utan granskning. Utredningen av vilka uppgifter som kan ha förts ut pågår, och berörda kommer att kontaktas direkt. Vi vill tacka våra kunder för deras tålamod under en mycket svår vecka.',
          source: NORDHALL_PRESS_RELEASE,
        },
        {
          type: 'qa',
          question: 'Vad ska en medlem som inte har kunnat skicka in sitt kassakort göra nu?',
          answer:
            'Skicka in det som vanligt, så snart som möjligt. Ingen ska förlora ersättning för att tjänsterna har legat nere, och vi handlägger först de kassakort som har blivit liggande.',
          speaker: 'Lena Sjöberg',
          asker: null,
        },
        {
          type: 'qa',
          question: 'Räknar ni med längre handläggningstider framöver?',
          answer:
            'Ja, under de närmaste veckorna. Vi har ungefär 4 000 kassakort som väntar och har tagit in extra personal för att betala ut så fort vi kan. Målet är att alla ska ha fått sina pengar före jul.',
          speaker: 'Lena Sjöberg',
          asker: null,
        },
      ],
    },
  ],
};

const councilOutageStory: DemoArticle = {
  slug: 'kelmsford-council-online-services-restored',
  title: 'Kelmsford council’s online services back after three-day outage',
  summary:
    'Residents could not pay council tax or book collections online after a storage failure at the council’s data centre, which the council says was not a cyber attack.',
  locale: 'en',
  timeZone: 'Europe/London',
  live: false,
  tags: ['IT outage', 'Local government'],
  updates: [
    {
      datedAt: '2026-11-16T00:00:00.000Z',
      precision: 'day',
      headline: 'Council websites and phone lines down',
      blocks: [
        {
          type: 'text',
          markdown:
            'Kelmsford Borough Council’s website, online payments and main phone line have been unavailable since Saturday evening. Residents cannot pay council tax, book bulky-waste collections or report missed bins online, and the council has asked people with urgent housing or social care needs to visit the Civic Centre in person.',
        },
        {
          type: 'quote',
          text: 'A hardware fault during planned maintenance at our data centre has taken several of our systems offline. There is no evidence that this is a cyber attack or that any personal data has been affected. Engineers are working with our suppliers to restore services as quickly as possible, and nobody will be penalised for a late payment caused by the outage.',
          source: 'Statement from Kelmsford Borough Council',
        },
      ],
    },
    {
      datedAt: '2026-11-18T10:30:00.000Z',
      precision: 'minute',
      headline: 'Services restored',
      blocks: [
        {
          type: 'text',
          markdown:
            'All online services were running again by Wednesday morning. The council said a storage upgrade had failed halfway through, leaving its main database unreadable until it was rebuilt from the previous night’s backup.',
        },
        {
          type: 'qa',
          question: 'Why did it take three days to bring everything back?',
          answer:
            'Restoring the data took a few hours. Checking that every payment and request made just before the failure was still there took much longer, and we were not willing to switch anything back on until it added up.',
          speaker: 'Priya Nair',
          asker: null,
        },
        {
          type: 'qa',
          question: 'What will you change so this does not happen again?',
          answer:
            'Upgrades like this will now be tested on a copy of the system first, and we are adding a second site so that a single fault cannot take the whole council offline.',
          speaker: 'Priya Nair',
          asker: null,
        },
      ],
    },
  ],
};

export const demoArticles: DemoArticle[] = [itAttackStory, councilOutageStory];
