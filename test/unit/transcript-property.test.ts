// The no-loss property of transcript import: every word of the input reaches the output, in order, apart
// from the syntax the parser consumes (see the comment at the top of src/domain/transcript.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  parseTranscriptWithOrigins,
  type ParsedBlock,
  type TranscriptOptions,
} from '../../src/domain/transcript.js';

const FIXTURES = new URL('../fixtures/transcripts/', import.meta.url);
const GENERATED_INPUTS = 400;

/** mulberry32: a small seeded pseudo-random generator, so that a failure can be replayed by its seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words the parser consumes as syntax, whatever their position: the comparison drops them on both sides.
const SYNTAX_WORDS = new Set(['q', 'a', 'fråga', 'svar', 'question', 'answer', 'källa', 'source']);

/**
 * A word for the comparison: quote marks removed (wrapping marks are consumed and typography changes
 * them) and trailing colons removed (heading and label colons are consumed); null when what is left is
 * empty, a lone dialogue dash or a label word.
 */
function comparable(token: string): string | null {
  const word = token.replace(/["”“«»]/gu, '').replace(/:+$/u, '');
  if (word === '' || /^[–—-]$/u.test(word) || SYNTAX_WORDS.has(word.toLowerCase())) return null;
  return word;
}

function words(text: string): string[] {
  return text
    .split(/\s+/u)
    .map(comparable)
    .filter((word): word is string => word !== null);
}

/** The output read back as words: labels, then each block's fields in input order. */
function outputWords(text: string, options: TranscriptOptions): { words: string[]; blocks: ParsedBlock[] } {
  const { transcript, origins } = parseTranscriptWithOrigins(text, options);
  const pieces: string[] = [];
  const blocks: ParsedBlock[] = [];
  transcript.updates.forEach((update, u) => {
    if (update.label !== null) pieces.push(update.label);
    update.blocks.forEach((block, b) => {
      blocks.push(block);
      const fromLabel = origins[u]?.[b]?.fromLabel === true;
      if (block.type === 'text') pieces.push(block.markdown);
      else if (block.type === 'qa') {
        pieces.push(block.question);
        if (fromLabel) pieces.push(block.speaker ?? '');
        pieces.push(block.answer);
      } else {
        pieces.push(block.text);
        if (fromLabel) pieces.push(block.source ?? '');
      }
    });
  });
  return { words: pieces.flatMap(words), blocks };
}

function checkNoLoss(text: string, options: TranscriptOptions, name: string): void {
  let result: ReturnType<typeof outputWords> | undefined;
  assert.doesNotThrow(() => {
    result = outputWords(text, options);
  }, `${name} threw`);
  assert.ok(result);
  assert.deepEqual(
    result.words,
    words(text),
    `${name}: words lost, added or reordered\n${JSON.stringify(text)}`,
  );
  for (const block of result.blocks) {
    const content =
      block.type === 'text'
        ? [block.markdown]
        : block.type === 'qa'
          ? [block.question, block.answer, block.speaker ?? 'none']
          : [block.text, block.source ?? 'none'];
    assert.ok(
      content.every((field) => field.trim() !== ''),
      `${name}: empty block ${JSON.stringify(block)}`,
    );
  }
}

// --- the generator ---------------------------------------------------------------------------------

const WORDS = [
  'och',
  'att',
  'Nordhall',
  'IT:s',
  'kunder',
  'åtkomst',
  'Öresund',
  'ÄNNU',
  'säger',
  'enligt',
  'says',
  'said',
  'Karin',
  'Berg',
  'John',
  'Doe',
  'är',
  'inte',
  'kl.',
  '15.30',
  '34',
  'a-kassor',
  'e-post,',
  'allt.',
  'nu!',
  'varför?',
  '?',
  ':',
  'Q',
  'A:',
  'Q:',
  'Svar:',
  '–',
  '-',
  '—',
  '"',
  '”',
  '“',
  '«',
  '»',
  '"citat"',
  '”ord”',
  'x:y',
  'vd:n',
  'december',
  '8',
  'Den',
  'Update,',
  '**fet**',
  '(parentes)',
  'Mr.',
  'SMITH:',
  'Källa:',
  'ö',
  'Åsa',
  'Émile',
  'naïve',
  '…',
  '–ord',
  'ord–',
  '::',
  'Fråga',
];
const NAMES = ['Karin Berg', 'Anna Berg', 'Johan Ekdahl', 'Lena Sjöberg', 'John Doe', 'Jane Roe'];
const CAPS = ['MR. SMITH', 'MS. JONES', 'SECRETARY BLINKEN', 'MODERATOR'];
const HEADINGS = [
  'Den 8 december:',
  '8 december:',
  'December 8:',
  '8 December:',
  'Update, 15:30:',
  'Uppdatering kl. 15.30:',
  'Den 8 december 2019:',
  'Måndag 2 mars:',
  '31 februari:',
  'Den 9 december kl. 07.05:',
];
const SEPARATORS = ['\n\n', '\n\n', '\n\n', '\n', '\r\n\r\n', '\r\n', '\n \n', '\n\n\n', ' \t\n\n'];
const OPENERS: [string, string][] = [
  ['”', '”'],
  ['"', '"'],
  ['“', '”'],
  ['«', '»'],
];

function generate(seed: number): string {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentence = (min = 1): string =>
    Array.from({ length: min + Math.floor(random() * 8) }, () => pick(WORDS)).join(
      random() < 0.1 ? '  ' : ' ',
    );
  const attribution = () => `${sentence()}, ${pick(['säger', 'enligt', 'says', 'said'])} ${pick(NAMES)}.`;
  const shapes: (() => string)[] = [
    () => pick(HEADINGS),
    () => sentence(),
    () => `${sentence()}?`,
    () => `${pick(['–', '—', '-'])} ${sentence()}`,
    () => `${pick(['–', '-'])} ${attribution()}`,
    () => attribution(),
    () => `${pick(['Q:', 'Fråga:', 'Question:', 'q:'])} ${sentence()}?`,
    () => `${pick(['A:', 'Svar:', 'Answer:'])} ${sentence()}`,
    () => `Q ${sentence()}`,
    () => `${pick(CAPS)}: ${sentence()}`,
    () => `${pick(NAMES)}: ${sentence()}`,
    () => `${pick(['Källa:', 'Source:'])} ${sentence()}`,
    () => {
      const [open, close] = pick(OPENERS);
      const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => sentence());
      const body = parts.map((part, i) => (i === 0 || random() < 0.5 ? open : '') + part).join('\n\n');
      return random() < 0.85 ? `${body}${close}` : body;
    },
    () => pick(['–', '"', '”', ':', '?', 'Q', 'A:', '- ', '«»', '””']),
  ];
  const count = 1 + Math.floor(random() * 14);
  let text = random() < 0.1 ? '\uFEFF' : '';
  for (let i = 0; i < count; i += 1) {
    text += pick(shapes)() + pick(SEPARATORS);
  }
  return random() < 0.2 ? text.replace(/\n/gu, '\r\n') : text;
}

describe('transcript import loses nothing', () => {
  const index = JSON.parse(readFileSync(new URL('fixtures.json', FIXTURES), 'utf8')) as {
    file: string;
    year: number;
    locale: 'sv' | 'en';
  }[];
  for (const { file, year, locale } of index) {
    it(`when ${file} is parsed, then its words come out in order, with and without typography`, () => {
      const text = readFileSync(new URL(file, FIXTURES), 'utf8');
      checkNoLoss(text, { year, locale }, file);
      checkNoLoss(text, { year, locale, typography: true }, `${file} (typography)`);
    });
  }

  it(`when ${GENERATED_INPUTS} generated transcripts are parsed, then none throws, loses words or yields an empty block`, () => {
    for (let seed = 1; seed <= GENERATED_INPUTS; seed += 1) {
      const options: TranscriptOptions = {
        year: 2026,
        locale: seed % 2 === 0 ? 'sv' : 'en',
        typography: seed % 3 === 0,
      };
      checkNoLoss(generate(seed), options, `seed ${seed}`);
    }
  });

  it('when the generator runs twice with one seed, then it gives the same text (failures replay)', () => {
    assert.equal(generate(42), generate(42));
    assert.notEqual(generate(42), generate(43));
  });

  it('when a word is dropped from the output, then the comparison notices (the check can fail)', () => {
    const text = 'Vad hände?\n\n– Ett intrång i natt.';
    const input = words(text);
    assert.deepEqual(input, ['Vad', 'hände?', 'Ett', 'intrång', 'i', 'natt.']);
    assert.notDeepEqual(words('Vad hände?\n\nEtt intrång natt.'), input);
  });
});
