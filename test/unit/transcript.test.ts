import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  parseTranscript,
  type ParsedBlock,
  type ParsedUpdate,
  type TranscriptOptions,
} from '../../src/domain/transcript.js';
import { attributionIn } from '../../src/domain/transcript-speakers.js';

const SV: TranscriptOptions = { year: 2026, locale: 'sv' };
const EN: TranscriptOptions = { year: 2026, locale: 'en' };
const FIXTURES = new URL('../fixtures/transcripts/', import.meta.url);

/** The blocks of a transcript that has no heading (one update). */
function blocksOf(text: string, options: TranscriptOptions = SV): ParsedBlock[] {
  const { updates } = parseTranscript(text, options);
  assert.equal(updates.length, 1, JSON.stringify(updates));
  return updates[0]?.blocks ?? [];
}

const text = (markdown: string): ParsedBlock => ({ type: 'text', markdown });
const qa = (question: string, answer: string, speaker: string | null = null): ParsedBlock => ({
  type: 'qa',
  question,
  answer,
  speaker,
});
const quote = (quoted: string, source: string | null = null): ParsedBlock => ({
  type: 'quote',
  text: quoted,
  source,
});

interface Case {
  name: string;
  input: string;
  expected: ParsedBlock[];
  options?: TranscriptOptions;
}

function table(cases: Case[]): void {
  for (const { name, input, expected, options } of cases) {
    it(name, () => assert.deepEqual(blocksOf(input, options), expected));
  }
}

describe('transcript date headings', () => {
  const dated = (input: string, options: TranscriptOptions = SV) =>
    parseTranscript(input, options).updates.map(({ label, datedAt, precision }) => ({
      label,
      datedAt,
      precision,
    }));
  const cases: {
    name: string;
    input: string;
    expected: Pick<ParsedUpdate, 'label' | 'datedAt' | 'precision'>[];
  }[] = [
    {
      name: 'when a Swedish day heading has no year, then the year option fills it',
      input: 'Den 8 december:\nText.',
      expected: [{ label: 'Den 8 december', datedAt: '2026-12-08', precision: 'day' }],
    },
    {
      name: 'when the heading has no "Den", then it is still a day heading',
      input: '8 december:\n\nText.',
      expected: [{ label: '8 december', datedAt: '2026-12-08', precision: 'day' }],
    },
    {
      name: 'when an English heading puts the month first or last, then both are read',
      input: 'December 8:\nA.\n\n9 December:\nB.',
      expected: [
        { label: 'December 8', datedAt: '2026-12-08', precision: 'day' },
        { label: '9 December', datedAt: '2026-12-09', precision: 'day' },
      ],
    },
    {
      name: 'when a heading carries its own year, then that year wins over the option',
      input: 'Den 8 december 2019:\nA.\n\nDecember 9, 2019:\nB.',
      expected: [
        { label: 'Den 8 december 2019', datedAt: '2019-12-08', precision: 'day' },
        { label: 'December 9, 2019', datedAt: '2019-12-09', precision: 'day' },
      ],
    },
    {
      name: 'when a time heading follows a date heading, then it has that date and minute precision',
      input: 'December 8:\nA.\n\nUpdate, 15:30:\nB.\n\nUppdatering kl. 16.05:\nC.',
      expected: [
        { label: 'December 8', datedAt: '2026-12-08', precision: 'day' },
        { label: 'Update, 15:30', datedAt: '2026-12-08T15:30', precision: 'minute' },
        { label: 'Uppdatering kl. 16.05', datedAt: '2026-12-08T16:05', precision: 'minute' },
      ],
    },
    {
      name: 'when a time heading has no date before it, then datedAt is null',
      input: 'Update, 09:15:\nText.',
      expected: [{ label: 'Update, 09:15', datedAt: null, precision: 'minute' }],
    },
    {
      name: 'when a heading has a date and a time, then both are used',
      input: 'Den 8 december kl. 15.30:\nText.',
      expected: [{ label: 'Den 8 december kl. 15.30', datedAt: '2026-12-08T15:30', precision: 'minute' }],
    },
    {
      name: 'when month names are in capitals, then they are still recognised',
      input: 'DEN 8 DECEMBER:\nText.',
      expected: [{ label: 'DEN 8 DECEMBER', datedAt: '2026-12-08', precision: 'day' }],
    },
    {
      name: 'when text comes before the first heading, then it is an update without label or date',
      input: 'Ingress.\n\nDen 2 december:\nText.',
      expected: [
        { label: null, datedAt: null, precision: 'day' },
        { label: 'Den 2 december', datedAt: '2026-12-02', precision: 'day' },
      ],
    },
    {
      name: 'when a heading is followed directly by another, then the first update has no blocks',
      input: 'Den 1 december:\nDen 2 december:\nText.',
      expected: [
        { label: 'Den 1 december', datedAt: '2026-12-01', precision: 'day' },
        { label: 'Den 2 december', datedAt: '2026-12-02', precision: 'day' },
      ],
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => assert.deepEqual(dated(input), expected));
  }

  const notHeadings: [string, string][] = [
    ['without its colon', 'Den 8 december'],
    ['with an impossible date', '31 februari:'],
    ['with an impossible time', 'Update, 25:10:'],
    ['with text after the colon', 'Den 8 december: allt är nere.'],
    ['that only names a month', 'December:'],
  ];
  for (const [what, line] of notHeadings) {
    it(`when a line is a date ${what}, then it stays text`, () => {
      assert.deepEqual(blocksOf(line), [text(line)]);
    });
  }

  it('when the 29th of February is asked for, then only a leap year has it', () => {
    assert.equal(
      parseTranscript('29 februari:\nA.', { ...SV, year: 2028 }).updates[0]?.datedAt,
      '2028-02-29',
    );
    assert.deepEqual(blocksOf('29 februari:\n\nA.'), [text('29 februari:\n\nA.')]);
  });

  it('when the year option is not a whole year, then parsing refuses with a RangeError', () => {
    assert.throws(() => parseTranscript('Text.', { ...SV, year: 20.5 }), RangeError);
    assert.throws(() => parseTranscript('Text.', { ...SV, year: 0 }), RangeError);
  });
});

describe('transcript dash dialogue', () => {
  table([
    {
      name: 'when a question is followed by an en-dash paragraph, then they pair and the dash is dropped',
      input: 'Vad har hänt?\n\n– Någon tog sig in i natt.',
      expected: [qa('Vad har hänt?', 'Någon tog sig in i natt.')],
    },
    {
      name: 'when the answer opens with an em dash or a hyphen, then it pairs too',
      input: 'Vad har hänt?\n\n— Ett intrång.\n\nNär?\n\n- I natt.',
      expected: [qa('Vad har hänt?', 'Ett intrång.'), qa('När?', 'I natt.')],
    },
    {
      name: 'when a dash paragraph has no question before it, then it is a text block with its dash',
      input: 'Bolaget har stängt allt.\n\n– Vi tar det på största allvar.',
      expected: [text('Bolaget har stängt allt.'), text('– Vi tar det på största allvar.')],
    },
    {
      name: 'when more dash paragraphs follow an answer, then the answer continues and they keep their dash',
      input: 'Hur lång tid tar det?\n\n– Några dagar.\n\n– Kanske en vecka.\n\nBolaget vill inte lova något.',
      expected: [
        qa('Hur lång tid tar det?', 'Några dagar.\n\n– Kanske en vecka.'),
        text('Bolaget vill inte lova något.'),
      ],
    },
    {
      name: 'when a following dash paragraph is attributed to someone else, then it is a statement',
      input:
        'Vem bär ansvaret?\n\n– Vi gör det, säger Karin Berg.\n\n– Vi har inte fått någon information, säger Lena Sjöberg.',
      expected: [
        qa('Vem bär ansvaret?', 'Vi gör det, säger Karin Berg.', 'Karin Berg'),
        text('– Vi har inte fått någon information, säger Lena Sjöberg.'),
      ],
    },
    {
      name: 'when a narrative paragraph stands between question and dash, then nothing pairs',
      input: 'Vad händer nu?\n\nDet är oklart.\n\n– Vi vet inte.',
      expected: [text('Vad händer nu?\n\nDet är oklart.'), text('– Vi vet inte.')],
    },
    {
      name: 'when a question line is followed by the answer line without a blank line, then they pair',
      input: 'Bolaget har stängt allt.\nVad har hänt?\n– Ett intrång.\nDet skriver bolaget.',
      expected: [
        text('Bolaget har stängt allt.'),
        qa('Vad har hänt?', 'Ett intrång.'),
        text('Det skriver bolaget.'),
      ],
    },
    {
      name: 'when a hyphen list sits inside a paragraph, then it stays one Markdown text block',
      input: 'Gäller tills vidare:\n- kassakort på papper\n- inga nya ansökningar\n\nMer information kommer.',
      expected: [
        text(
          'Gäller tills vidare:\n- kassakort på papper\n- inga nya ansökningar\n\nMer information kommer.',
        ),
      ],
    },
    {
      name: 'when the question is in bold, then it still pairs and keeps its Markdown',
      input: '**Betalar ni lösensumman?**\n\n– Nej.',
      expected: [qa('**Betalar ni lösensumman?**', 'Nej.')],
    },
    {
      name: 'when consecutive statements follow each other, then they merge into one dialogue block',
      input: '– Vi beklagar.\n\n– Vi jobbar dygnet runt.\n\nBolaget har 34 kunder.',
      expected: [text('– Vi beklagar.\n\n– Vi jobbar dygnet runt.'), text('Bolaget har 34 kunder.')],
    },
  ]);
});

describe('transcript labelled Q&A', () => {
  table([
    {
      name: 'when Q: and A: follow each other, then they pair without their labels',
      input: 'Q: What happened?\n\nA: Someone broke in.',
      expected: [qa('What happened?', 'Someone broke in.')],
      options: EN,
    },
    {
      name: 'when Fråga: and Svar: are on consecutive lines, then they pair',
      input: 'Fråga: Vad har hänt?\nSvar: Ett intrång.',
      expected: [qa('Vad har hänt?', 'Ett intrång.')],
    },
    {
      name: 'when an attribution came before, then A: answers carry that speaker',
      input:
        'Vi talade med Karin Berg, säger Dateline.\n\nFråga: Hur mår ni?\n\nSvar: Bra, säger Karin Berg.\n\nFråga: Och kunderna?\n\nSvar: Sämre.',
      expected: [
        text('Vi talade med Karin Berg, säger Dateline.'),
        qa('Hur mår ni?', 'Bra, säger Karin Berg.', 'Karin Berg'),
        qa('Och kunderna?', 'Sämre.', 'Karin Berg'),
      ],
    },
    {
      name: 'when an answer runs over unlabelled paragraphs, then they belong to the answer',
      input: 'Q: Why?\n\nA: Because it was safer.\n\nWe will explain more later.\n\nQ: When?\n\nA: Soon.',
      expected: [qa('Why?', 'Because it was safer.\n\nWe will explain more later.'), qa('When?', 'Soon.')],
      options: EN,
    },
    {
      name: 'when a labelled question gets no answer, then it stays a text block with its label',
      input: 'Fråga: Och medlemmarna?\n\nDet ville bolaget inte svara på.',
      expected: [text('Fråga: Och medlemmarna?\n\nDet ville bolaget inte svara på.')],
    },
    {
      name: 'when an A: paragraph answers nothing, then it stays text with its label',
      input: 'A: Ingen fråga här.',
      expected: [text('A: Ingen fråga här.')],
    },
  ]);
});

describe('transcript press briefings', () => {
  table([
    {
      name: 'when Q is answered by MR. SMITH:, then the label as written is the speaker',
      input: 'Q Can you confirm the breach?\n\nMR. SMITH: I can.\n\nIt happened on Tuesday.',
      expected: [qa('Can you confirm the breach?', 'I can.\n\nIt happened on Tuesday.', 'MR. SMITH')],
      options: EN,
    },
    {
      name: 'when a question runs over paragraphs before the answer, then they form one question',
      input: 'Q Thank you. A two-part question.\n\nFirst, who knew?\n\nSECRETARY BLINKEN: Nobody.',
      expected: [qa('Thank you. A two-part question.\n\nFirst, who knew?', 'Nobody.', 'SECRETARY BLINKEN')],
      options: EN,
    },
    {
      name: 'when a second speaker adds to an answer, then that paragraph is text with its label',
      input: 'Q Who pays?\n\nMR. SMITH: The council.\n\nMS. JONES: And the insurer.',
      expected: [qa('Who pays?', 'The council.', 'MR. SMITH'), text('MS. JONES: And the insurer.')],
      options: EN,
    },
    {
      name: 'when Q is not followed by a labelled answer, then it stays text with its Q',
      input: 'Q fever is not involved.\n\nThe council says so.',
      expected: [text('Q fever is not involved.\n\nThe council says so.')],
      options: EN,
    },
  ]);
});

describe('transcript speaker labels', () => {
  table([
    {
      name: 'when a question is followed by "Name:", then that name is the speaker',
      input: 'Hur många drabbades?\n\nAnna Berg: Alla våra medlemmar.',
      expected: [qa('Hur många drabbades?', 'Alla våra medlemmar.', 'Anna Berg')],
    },
    {
      name: 'when the question itself has a label, then the label stays in the question',
      input: 'Reporter: Hur mår du?\nAnna Berg: Bra.',
      expected: [qa('Reporter: Hur mår du?', 'Bra.', 'Anna Berg')],
    },
    {
      name: 'when a labelled statement answers nothing, then it is text and proposes its speaker',
      input: 'Anna Berg: Det har varit en tung vecka.\n\nHur då?\n\n– Telefonerna har inte slutat ringa.',
      expected: [
        text('Anna Berg: Det har varit en tung vecka.'),
        qa('Hur då?', 'Telefonerna har inte slutat ringa.', 'Anna Berg'),
      ],
    },
    {
      name: 'when a paragraph opens with "Obs:", then it names no speaker',
      input: 'Obs: uppgifterna är preliminära.\n\nHur många?\n\n– Ett trettiotal.',
      expected: [text('Obs: uppgifterna är preliminära.'), qa('Hur många?', 'Ett trettiotal.')],
    },
  ]);
});

describe('transcript quotes', () => {
  table([
    {
      name: 'when a paragraph is wrapped in ”…”, then it is a quote without the marks',
      input: '”Vi beklagar störningarna.”',
      expected: [quote('Vi beklagar störningarna.')],
    },
    {
      name: 'when a paragraph is wrapped in "…", “…” or «…», then each is a quote',
      input: '"Ett."\n\nText.\n\n“Två.”\n\nText.\n\n«Tre.»',
      expected: [quote('Ett.'), text('Text.'), quote('Två.'), text('Text.'), quote('Tre.')],
    },
    {
      name: 'when a quote runs over paragraphs that each open with the mark, then it is one quote',
      input: '”Första stycket.\n\n”Andra stycket.\n\n”Tredje stycket.”',
      expected: [quote('Första stycket.\n\nAndra stycket.\n\nTredje stycket.')],
    },
    {
      name: 'when only the first and last paragraphs carry marks, then it is one quote too',
      input: '"Första stycket.\n\nAndra stycket."',
      expected: [quote('Första stycket.\n\nAndra stycket.')],
    },
    {
      name: 'when an attribution paragraph follows, then it stays text and the source is null',
      input: '”Vi beklagar.”\n\nDet skriver Nordhall IT i ett pressmeddelande.',
      expected: [quote('Vi beklagar.'), text('Det skriver Nordhall IT i ett pressmeddelande.')],
    },
    {
      name: 'when a Källa: or Source: line follows, then it becomes the source',
      input:
        '”Vi beklagar.”\nKälla: Pressmeddelande från Nordhall IT\n\n"We apologise."\n\nSource: Council statement',
      expected: [
        quote('Vi beklagar.', 'Pressmeddelande från Nordhall IT'),
        quote('We apologise.', 'Council statement'),
      ],
    },
    {
      name: 'when the quote closes inside the paragraph, then the paragraph is text',
      input: '”Vi är tillbaka”, säger Karin Berg. ”Det känns bra.”',
      expected: [text('”Vi är tillbaka”, säger Karin Berg. ”Det känns bra.”')],
    },
    {
      name: 'when a quote is never closed, then its paragraphs stay text',
      input: '”Vi beklagar.\n\nMer text.',
      expected: [text('”Vi beklagar.\n\nMer text.')],
    },
    {
      name: 'when Källa: follows no quote, then it is text with its label',
      input: 'Källa: Nordhall IT',
      expected: [text('Källa: Nordhall IT')],
    },
  ]);
});

describe('transcript speakers from attributions', () => {
  const cases: [string, string | null][] = [
    ['– Vi stängde allt, säger Karin Berg.', 'Karin Berg'],
    ['– Vi stängde allt, säger Nordhall IT:s operativa chef Karin Berg.', 'Karin Berg'],
    ['– Vi betalar inte, säger Johan Ekdahl, vd för Nordhall IT.', 'Johan Ekdahl'],
    ['Polisanmälan är gjord, enligt vd:n Johan Ekdahl.', 'Johan Ekdahl'],
    ['Det är allvarligt, säger Karin Berg till Dateline.', 'Karin Berg'],
    ['"We are back," says John Doe, the chief executive.', 'John Doe'],
    ['John Doe said the council would not pay.', 'John Doe'],
    ['“We will not pay,” said the council’s CEO John Doe.', 'John Doe'],
    ['According to Jane Roe, the review is done.', 'Jane Roe'],
    ['– Det är tufft, säger hon.', null],
    ['Nordhall IT säger att allt fungerar.', null],
    ['Kelmsford Borough Council says it is back.', null],
    ['Det skriver Nordhall IT i ett pressmeddelande.', null],
  ];
  for (const [sentence, speaker] of cases) {
    it(`when the text says ${JSON.stringify(sentence)}, then the proposal is ${String(speaker)}`, () => {
      assert.equal(attributionIn(sentence, []), speaker);
    });
  }

  it('when only a surname is given, then it resolves to the full name seen before', () => {
    assert.equal(attributionIn('– Vi jobbar på, säger Berg.', ['Karin Berg']), 'Karin Berg');
    assert.equal(attributionIn('– Vi jobbar på, säger Berg.', []), null);
  });

  table([
    {
      name: 'when an attribution comes before the questions, then it carries over to every answer',
      input:
        'Bolaget har stängt allt, säger Karin Berg.\n\nVarför?\n\n– För säkerhets skull.\n\nHur länge?\n\n– Några dagar.',
      expected: [
        text('Bolaget har stängt allt, säger Karin Berg.'),
        qa('Varför?', 'För säkerhets skull.', 'Karin Berg'),
        qa('Hur länge?', 'Några dagar.', 'Karin Berg'),
      ],
    },
    {
      name: 'when a new attribution appears, then later answers get the new speaker',
      input:
        'Först talar Karin Berg, säger Dateline.\n\n– Vi har stängt, säger Karin Berg.\n\nEnligt Johan Ekdahl är det värre.\n\nHur då?\n\n– Data har förts ut.',
      expected: [
        text('Först talar Karin Berg, säger Dateline.'),
        text('– Vi har stängt, säger Karin Berg.'),
        text('Enligt Johan Ekdahl är det värre.'),
        qa('Hur då?', 'Data har förts ut.', 'Johan Ekdahl'),
      ],
    },
    {
      name: 'when no one has been named, then the answer has a null speaker',
      input: 'Varför?\n\n– Därför.',
      expected: [qa('Varför?', 'Därför.', null)],
    },
  ]);
});

describe('transcript text, line endings and typography', () => {
  table([
    {
      name: 'when plain paragraphs follow each other, then they merge with a blank line between',
      input: 'Ett.\n\nTvå.\n\n\n\nTre.',
      expected: [text('Ett.\n\nTvå.\n\nTre.')],
    },
    {
      name: 'when the text uses CRLF line endings, then it reads as LF',
      input: 'Vad hände?\r\n\r\n– Ett intrång.\r\nMer.',
      expected: [qa('Vad hände?', 'Ett intrång.\nMer.')],
    },
    {
      name: 'when typography is on in Swedish, then straight quotes become ”…” and a hyphen an en dash',
      input: 'Han sa "nej" i går.\n\n- Vi sa "kanske".',
      expected: [text('Han sa ”nej” i går.'), text('– Vi sa ”kanske”.')],
      options: { ...SV, typography: true },
    },
    {
      name: 'when typography is on in English, then straight quotes become “…”',
      input: 'He said "no" on Monday.\n\nWhy?\n\n- "Safety".',
      expected: [text('He said “no” on Monday.'), qa('Why?', '“Safety”.')],
      options: { ...EN, typography: true },
    },
    {
      name: 'when typography is off, then quotes and hyphens stay as written',
      input: 'Han sa "nej".\n\n- Vi sa "kanske".',
      expected: [text('Han sa "nej".'), text('- Vi sa "kanske".')],
    },
  ]);

  it('when the text is empty or blank, then there are no updates', () => {
    assert.deepEqual(parseTranscript('', SV), { updates: [] });
    assert.deepEqual(parseTranscript(' \r\n\n\t', SV), { updates: [] });
  });
});

describe('transcript fixtures', () => {
  const index = JSON.parse(readFileSync(new URL('fixtures.json', FIXTURES), 'utf8')) as {
    file: string;
    year: number;
    locale: 'sv' | 'en';
  }[];

  it('when the fixture index is read, then every format has a fixture', () => {
    assert.equal(index.length, 7);
  });

  for (const { file, year, locale } of index) {
    it(`when ${file} is parsed, then the output is exactly its expected JSON, key order included`, () => {
      const input = readFileSync(new URL(file, FIXTURES), 'utf8');
      const expected = readFileSync(new URL(file.replace(/\.txt$/, '.expected.json'), FIXTURES), 'utf8');
      const actual = parseTranscript(input, { year, locale });
      assert.deepEqual(actual, JSON.parse(expected));
      assert.equal(`${JSON.stringify(actual, null, 2)}\n`, expected);
    });
  }
});

describe('transcript questions inside paragraphs', () => {
  table([
    {
      name: 'when a question is the last line after a finished sentence, then it is split off and pairs',
      input: 'Bolaget har stängt allt.\nHur många berörs?\n\n– Alla 34 kunder.',
      expected: [text('Bolaget har stängt allt.'), qa('Hur många berörs?', 'Alla 34 kunder.')],
    },
    {
      name: 'when a question is wrapped over two lines, then it stays one question',
      input: 'Hur många kunder\nberörs?\n\n– Alla 34.',
      expected: [qa('Hur många kunder\nberörs?', 'Alla 34.')],
    },
  ]);
});

describe('transcript lines without blank lines between them', () => {
  table([
    {
      name: 'when a quoted line is followed directly by its attribution line, then they are quote and text',
      input: 'Bolaget meddelar.\n”Vi beklagar.”\nDet skriver bolaget.\n\nMer text.',
      expected: [text('Bolaget meddelar.'), quote('Vi beklagar.'), text('Det skriver bolaget.\n\nMer text.')],
    },
    {
      name: 'when a text has no blank line at all, then every line is a paragraph',
      input: 'Den 8 december:\nBolaget meddelar.\nHur många?\n– Alla.\n"Vi beklagar."\nKälla: Nordhall IT',
      expected: [text('Bolaget meddelar.'), qa('Hur många?', 'Alla.'), quote('Vi beklagar.', 'Nordhall IT')],
    },
  ]);
});
