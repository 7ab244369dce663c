// Paragraph splitting and the shapes of transcript paragraphs: dialogue dashes, labels and quotes.
// Pure; used by transcript.ts. See the rules in transcript.ts.

import { parseDateHeading } from './transcript-dates.js';

/** A label at the start of a paragraph, and what follows it. */
export interface ParagraphLabel {
  kind: 'question' | 'answer' | 'source' | 'press-question' | 'speaker';
  /** The label as written, without its colon (`Fråga`, `MR. SMITH`, `Anna Berg`). */
  label: string;
  rest: string;
}

// Each label is a whole whitespace-separated token (`Q:`, `Berg:`), so consuming it never cuts a word.
const QUESTION_LABEL = /^(Q|Fråga|Question)[ \t]*:\s+(?=\S)/iu;
const ANSWER_LABEL = /^(A|Svar|Answer)[ \t]*:\s+(?=\S)/iu;
const SOURCE_LABEL = /^(Källa|Source)[ \t]*:\s+(?=\S)/iu;
const PRESS_QUESTION = /^(Q)\s+(?=\S)/u;
// One to four words that each start with a capital letter: `Anna Berg:`, `MR. SMITH:`, `Dr. Lind:`.
const SPEAKER_LABEL = /^(\p{Lu}[\p{L}\p{M}.'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}):\s+(?=\S)/u;
// Words that open a `Word:` line without naming a person.
const NOT_SPEAKERS = new Set([
  'update',
  'updated',
  'uppdatering',
  'uppdaterat',
  'uppdaterad',
  'obs',
  'ob',
  'nb',
  'ps',
  'note',
  'foto',
  'photo',
  'bild',
  'image',
  'rättelse',
  'correction',
  'fakta',
  'facts',
  'bakgrund',
  'background',
  'läs',
  'read',
  'se',
  'see',
  'tips',
  'varning',
  'warning',
  'kommentar',
  'comment',
  'sammanfattning',
  'summary',
  'editor’s',
  "editor's",
]);

const DASH = /^([–—-])\s+(?=\S)/u;
const ENDS_WITH_QUESTION = /\?[*_)]*$/u;

/** The opening quote marks a quote block may be wrapped in, with their closing marks. */
export const QUOTE_MARKS: Readonly<Record<string, string>> = { '”': '”', '"': '"', '“': '”', '«': '»' };
const MAX_QUOTE_PARAGRAPHS = 20;

/** The label that opens a paragraph, if any (labels are tried in the order of the list in transcript.ts). */
export function labelOf(paragraph: string): ParagraphLabel | null {
  const tries: [ParagraphLabel['kind'], RegExp][] = [
    ['question', QUESTION_LABEL],
    ['answer', ANSWER_LABEL],
    ['source', SOURCE_LABEL],
    ['press-question', PRESS_QUESTION],
    ['speaker', SPEAKER_LABEL],
  ];
  for (const [kind, pattern] of tries) {
    const match = pattern.exec(paragraph);
    const label = match?.[1];
    if (!match || label === undefined) continue;
    const first = (label.split(/\s+/)[0] ?? '').replace(/\.$/, '').toLowerCase();
    if (kind === 'speaker' && NOT_SPEAKERS.has(first)) return null;
    return { kind, label, rest: paragraph.slice(match[0].length) };
  }
  return null;
}

/** The dialogue dash opening a paragraph (`– `, `— ` or `- `) and the spoken words after it. */
export function dashOf(paragraph: string): { dash: string; rest: string } | null {
  const match = DASH.exec(paragraph);
  return match ? { dash: match[1] ?? '-', rest: paragraph.slice(match[0].length) } : null;
}

/** True when the paragraph ends with a question mark (optionally inside `**bold**` or brackets). */
export function endsWithQuestion(paragraph: string): boolean {
  return ENDS_WITH_QUESTION.test(paragraph);
}

/** A paragraph with no dash, no label and no opening quote mark: narrative that may continue a Q or an A. */
export function isPlain(paragraph: string): boolean {
  return (
    dashOf(paragraph) === null && labelOf(paragraph) === null && QUOTE_MARKS[paragraph[0] ?? ''] === undefined
  );
}

/** A line wholly wrapped in one pair of quote marks (`”Vi beklagar.”`). */
function isQuotedLine(line: string): boolean {
  const close = QUOTE_MARKS[line[0] ?? ''];
  if (close === undefined || line.length < 3 || !line.endsWith(close)) return false;
  return !line.slice(1, -close.length).includes(close);
}

function startsParagraph(line: string, previous: string, year: number): boolean {
  if (parseDateHeading(line, year) || parseDateHeading(previous, year)) return true;
  if (isQuotedLine(line) || isQuotedLine(previous)) return true;
  if (/^[–—]\s/u.test(line)) return true;
  // A hyphen line inside a block is usually a Markdown list item, unless it answers the line before.
  if (/^-\s/u.test(line) && endsWithQuestion(previous)) return true;
  return labelOf(line) !== null;
}

function answersSomething(paragraph: string | undefined): boolean {
  if (paragraph === undefined) return false;
  const kind = labelOf(paragraph)?.kind;
  return dashOf(paragraph) !== null || kind === 'answer' || kind === 'speaker';
}

/**
 * When a paragraph's last line is a question answered by the next paragraph and the line before it ends
 * a sentence, the question becomes a paragraph of its own (`Narrativ.\nHur många?` + `– Alla.`). A
 * question wrapped over lines (`Hur många kunder\nberörs?`) stays whole.
 */
function separateQuestions(paragraphs: string[]): string[] {
  return paragraphs.flatMap((paragraph, index) => {
    const lines = paragraph.split('\n');
    const last = lines.at(-1) ?? '';
    const before = lines.at(-2);
    if (before === undefined || !endsWithQuestion(last) || !answersSomething(paragraphs[index + 1])) {
      return [paragraph];
    }
    return /[.!?:;”"»)]$/u.test(before) ? [lines.slice(0, -1).join('\n'), last] : [paragraph];
  });
}

/**
 * Splits a transcript into trimmed paragraphs. CRLF and CR become LF and a byte-order mark is dropped.
 * Paragraphs are separated by blank lines. Inside one, a new paragraph starts at a date heading line or
 * a line wholly in quote marks and after either, at a line opening with an en or em dash or a label, and
 * at a hyphen line after a line ending with `?`; then a question line is separated from the narrative
 * before it (see `separateQuestions`).
 * A text with no blank line at all is read one paragraph per line. Lines are trimmed (indentation is
 * not kept).
 */
export function splitParagraphs(text: string, year: number): string[] {
  const lines = text
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line) => line.trim());
  const groups: string[][] = [[]];
  for (const line of lines) {
    if (line === '') groups.push([]);
    else groups.at(-1)?.push(line);
  }
  const filled = groups.filter((group) => group.length > 0);
  if (filled.length === 1) return filled[0] ?? [];

  const paragraphs: string[] = [];
  for (const group of filled) {
    let current: string[] = [];
    group.forEach((line, index) => {
      const previous = group[index - 1];
      if (previous !== undefined && startsParagraph(line, previous, year)) {
        paragraphs.push(current.join('\n'));
        current = [];
      }
      current.push(line);
    });
    paragraphs.push(current.join('\n'));
  }
  return separateQuestions(paragraphs);
}

/**
 * A quote run starting at `paragraphs[start]`: the first paragraph opens with a quote mark, the last
 * ends with the matching closing mark, and no paragraph closes the quote earlier. Inner paragraphs may
 * open with the mark again (the typographic convention for long quotes) but may not be dialogue or
 * labelled. Consecutive runs with the same mark merge into one. Returns the index of the last paragraph
 * and the quoted paragraphs without their wrapping marks.
 */
export function quoteRun(paragraphs: string[], start: number): { end: number; parts: string[] } | null {
  const open = paragraphs[start]?.[0] ?? '';
  const close = QUOTE_MARKS[open];
  if (close === undefined) return null;
  const parts: string[] = [];
  let kept = { end: -1, parts: 0 };
  let runStart = start;
  for (let index = start; index < paragraphs.length && index - runStart < MAX_QUOTE_PARAGRAPHS; index += 1) {
    const paragraph = paragraphs[index] ?? '';
    const opened = paragraph.startsWith(open);
    if (index === runStart ? !opened : !opened && !isPlain(paragraph)) break;
    const body = opened ? paragraph.slice(open.length) : paragraph;
    const closed = body.endsWith(close);
    const inner: string = closed ? body.slice(0, -close.length) : body;
    if (inner.includes(close)) break;
    const part = inner.trim();
    if (part !== '') parts.push(part);
    if (closed) {
      // One run ends here; a next paragraph opening with the same mark may start another, which merges.
      if (parts.length === kept.parts) break;
      kept = { end: index, parts: parts.length };
      runStart = index + 1;
    }
  }
  return kept.end < 0 ? null : { end: kept.end, parts: parts.slice(0, kept.parts) };
}

/**
 * Typography for imported text: straight double quotes become `”…”` (sv) or `“…”` (en); a quote mark
 * after the start, whitespace, a bracket or a dash opens, any other closes.
 */
export function curlQuotes(text: string, locale: 'sv' | 'en'): string {
  const open = locale === 'sv' ? '”' : '“';
  return text.replace(/"/gu, (_mark: string, offset: number) => {
    const before = text[offset - 1];
    return before === undefined || /[\s([{/–—-]/u.test(before) ? open : '”';
  });
}
