// Transcript import: plain text in, proposed dated updates and text, Q&A and quote blocks out (pure).
//
// The output shape is the contract of DESIGN.md ("Transcript import"), which tests outside this
// repository rely on. The rules, in the order they are tried for each paragraph:
//
// 1. Paragraphs: see `splitParagraphs` (blank lines separate them; heading, dash and label lines start
//    new ones; a text without any blank line is one paragraph per line).
// 2. Date headings (a whole line ending with `:`, see `parseDateHeading`) start a new update. `label` is
//    the heading without its colon; `datedAt` is `YYYY-MM-DD` (precision `day`) or `YYYY-MM-DDTHH:MM`,
//    local wall time without a zone (precision `minute`). A time-only heading (`Update, 15:30:`) takes
//    the date of the nearest date heading before it; with none before it `datedAt` is null. Paragraphs
//    before the first heading form an update with `label` and `datedAt` null and precision `day` (only
//    when there are any). A heading followed directly by another heading gives an update with no blocks.
//    The `year` option fills every missing year (no rollover: a story running from December into
//    January needs the year written in its January headings). Nothing pairs or merges across a heading.
// 3. Quotes: a paragraph, or a run of paragraphs, wrapped in ”…”, "…", “…” or «…» is a quote block
//    without the marks (see `quoteRun`). A directly following `Källa: X` / `Source: X` line becomes its
//    `source`; otherwise `source` is null and an attribution paragraph after it stays text.
// 4. Questions. A paragraph ending with `?` is a question when the paragraph right after it is an
//    answer: a dialogue paragraph (`– `, `— `, `- `), an `A:`/`Svar:`/`Answer:` paragraph or a speaker-
//    labelled one (`Anna Berg:`, `MR. SMITH:`). A paragraph opening with `Q:`, `Fråga:`, `Question:`
//    (any ending) or a press-briefing `Q ` (answered by a speaker label or `A:` only) is a question too,
//    continued by unlabelled paragraphs up to its answer. A speaker label on a question stays in it.
//    A labelled question that gets no answer stays a text block with its label.
// 5. Answers. The dash or `A:`/`Svar:` label is dropped; a speaker label is dropped from the answer and
//    becomes the speaker, as written (`MR. SMITH` is not title-cased: the desk lets the user adjust it).
//    A dash answer continues through the dialogue paragraphs right after it (they keep their dash, so
//    the answer reads like the original; rendering adds the first dash back), unless one is attributed
//    to another speaker, which makes it a statement. A labelled answer continues through the unlabelled
//    paragraphs after it that are neither a question nor carry an attribution (press-briefing answers run
//    over several paragraphs). Parts of a multi-paragraph question or answer are joined by a blank line.
// 6. Speakers. An answer's speaker is its label, else an attribution inside the answer, else the current
//    proposal. Attributions (see `attributionIn`) in text blocks and answers, and speaker labels, set the
//    proposal, which carries over to later answers (also into later updates) until another one appears.
//    Questions and quotes propose no one. With no proposal the speaker is null.
// 7. Everything else is text: consecutive narrative paragraphs merge into one text block, consecutive
//    dialogue statements (a dash paragraph with no question before it, dash kept) into another; a
//    paragraph with an unpaired label (`A: …`, `Anna Berg: …`) is narrative and keeps its label.
// 8. Typography (option, off by default): straight double quotes become ”…” (sv) or “…” (en) in text,
//    questions, answers, quotes and sources, and a leading `- ` of a dialogue paragraph becomes `– `.
//
// Nothing is dropped or reordered. Reading the output as words (whitespace-separated tokens) in order —
// per update its label, then per block: text `markdown`; qa `question`, the `speaker` when it came from
// a label, `answer`; quote `text`, the `source` when it came from a `Källa:`/`Source:` line — gives the
// input's words minus the consumed syntax, which is exactly: a dialogue dash token (`–`, `—`, `-`) that
// opens an answer; the label token `Q:`, `A:`, `Fråga:`, `Svar:`, `Question:`, `Answer:`, `Källa:`,
// `Source:` or `Q` that opens a paired question, answer or source line (word labels in any case, the
// press-briefing `Q` in capitals only); the colon ending a heading or a speaker label used as an
// answer's speaker; the quote marks wrapping a quote run, with the opening mark repeated on its inner
// paragraphs. Whitespace is not a word: lines are trimmed and paragraphs rejoined with a blank line.
// Typography changes only quote marks and dashes. A speaker named by an attribution repeats words of the text and is not
// counted. `parseTranscriptWithOrigins` reports which speakers and sources came from labels.

import { isoDate, isoTime, parseDateHeading, type DateHeading } from './transcript-dates.js';
import {
  curlQuotes,
  dashOf,
  endsWithQuestion,
  isPlain,
  labelOf,
  quoteRun,
  splitParagraphs,
} from './transcript-paragraphs.js';
import { attributionIn } from './transcript-speakers.js';
import type { Locale, Precision } from './types.js';

export interface TranscriptOptions {
  /** Fills headings without a year; an integer 1–9999. */
  year: number;
  locale: Locale;
  /** Curly quotes and en-dash dialogue (off by default). */
  typography?: boolean;
}

export type ParsedBlock =
  | { type: 'text'; markdown: string }
  | { type: 'qa'; question: string; answer: string; speaker: string | null }
  | { type: 'quote'; text: string; source: string | null };

export interface ParsedUpdate {
  label: string | null;
  datedAt: string | null;
  precision: Precision;
  blocks: ParsedBlock[];
}

export interface ParsedTranscript {
  updates: ParsedUpdate[];
}

/** Whether a block's `speaker` (qa) or `source` (quote) was moved out of the text from a label. */
export interface BlockOrigin {
  fromLabel: boolean;
}

/** State carried through the transcript: the proposed speaker and every full name seen so far. */
interface Speakers {
  current: string | null;
  known: string[];
}

const MAX_QUESTION_PARAGRAPHS = 10;

function propose(speakers: Speakers, name: string | null): void {
  if (name === null) return;
  speakers.current = name;
  if (name.includes(' ') && !speakers.known.includes(name)) speakers.known.push(name);
}

function isAnswer(paragraph: string | undefined, pressQuestion: boolean): boolean {
  if (paragraph === undefined) return false;
  const kind = labelOf(paragraph)?.kind;
  if (kind === 'answer' || kind === 'speaker') return true;
  return !pressQuestion && dashOf(paragraph) !== null;
}

/** The question starting at `start`: its text and the index of its answer paragraph. */
function questionAt(paragraphs: string[], start: number): { question: string; answerAt: number } | null {
  const paragraph = paragraphs[start] ?? '';
  const label = labelOf(paragraph);
  if (label?.kind === 'question' || label?.kind === 'press-question') {
    const parts = [label.rest];
    let index = start + 1;
    for (let next = paragraphs[index]; next !== undefined && isPlain(next); next = paragraphs[index]) {
      if (index - start >= MAX_QUESTION_PARAGRAPHS) return null;
      parts.push(next);
      index += 1;
    }
    return isAnswer(paragraphs[index], label.kind === 'press-question')
      ? { question: parts.join('\n\n'), answerAt: index }
      : null;
  }
  const canAsk = dashOf(paragraph) === null && (label === null || label.kind === 'speaker');
  return canAsk && endsWithQuestion(paragraph) && isAnswer(paragraphs[start + 1], false)
    ? { question: paragraph, answerAt: start + 1 }
    : null;
}

class UpdateWriter {
  readonly blocks: ParsedBlock[] = [];
  readonly origins: BlockOrigin[] = [];
  private lastText: 'narrative' | 'dialogue' | null = null;

  constructor(private readonly options: TranscriptOptions) {}

  /** Applies the typography option to a piece of text. */
  typeset(text: string, dialogue = false): string {
    if (this.options.typography !== true) return text;
    const curled = curlQuotes(text, this.options.locale);
    return dialogue ? curled.replace(/^- /u, '– ') : curled;
  }

  text(paragraph: string, kind: 'narrative' | 'dialogue'): void {
    const markdown = this.typeset(paragraph, kind === 'dialogue');
    const last = this.blocks.at(-1);
    if (last?.type === 'text' && this.lastText === kind) last.markdown += `\n\n${markdown}`;
    else this.push({ type: 'text', markdown }, false);
    this.lastText = kind;
  }

  push(block: ParsedBlock, fromLabel: boolean): void {
    this.blocks.push(block);
    this.origins.push({ fromLabel });
    this.lastText = null;
  }
}

/** Reads the answer at `start`; returns the block and the index of its last paragraph. */
function answerAt(
  paragraphs: string[],
  start: number,
  question: string,
  speakers: Speakers,
  out: UpdateWriter,
): number {
  const paragraph = paragraphs[start] ?? '';
  const dash = dashOf(paragraph);
  const label = dash ? null : labelOf(paragraph);
  const labelled = label?.kind === 'speaker' ? label.label : null;
  const parts = [dash ? dash.rest : (label?.rest ?? paragraph)];
  let speaker = labelled ?? attributionIn(parts[0] ?? '', speakers.known) ?? speakers.current;
  let end = start;
  for (;;) {
    const next = paragraphs[end + 1];
    if (next === undefined) break;
    const attributed = attributionIn(next, speakers.known);
    if (dash) {
      if (dashOf(next) === null || (attributed !== null && speaker !== null && attributed !== speaker)) break;
      speaker ??= attributed;
      parts.push(out.typeset(next, true));
    } else {
      if (!isPlain(next) || attributed !== null || questionAt(paragraphs, end + 1)) break;
      parts.push(out.typeset(next));
    }
    end += 1;
  }
  propose(speakers, speaker);
  const answer = [out.typeset(parts[0] ?? ''), ...parts.slice(1)].join('\n\n');
  out.push({ type: 'qa', question: out.typeset(question), answer, speaker }, labelled !== null);
  return end;
}

/** Turns the paragraphs of one update into blocks. */
function readUpdate(paragraphs: string[], speakers: Speakers, options: TranscriptOptions): UpdateWriter {
  const out = new UpdateWriter(options);
  for (let index = 0; index < paragraphs.length; index += 1) {
    const paragraph = paragraphs[index] ?? '';
    const quote = quoteRun(paragraphs, index);
    if (quote) {
      const text = out.typeset(quote.parts.join('\n\n'));
      const next = labelOf(paragraphs[quote.end + 1] ?? '');
      const source = next?.kind === 'source' && !next.rest.includes('\n') ? next.rest : null;
      out.push(
        { type: 'quote', text, source: source === null ? null : out.typeset(source) },
        source !== null,
      );
      index = source === null ? quote.end : quote.end + 1;
      continue;
    }
    const question = questionAt(paragraphs, index);
    if (question) {
      index = answerAt(paragraphs, question.answerAt, question.question, speakers, out);
      continue;
    }
    const label = labelOf(paragraph);
    if (label?.kind === 'speaker') propose(speakers, label.label);
    propose(speakers, attributionIn(paragraph, speakers.known));
    out.text(paragraph, dashOf(paragraph) ? 'dialogue' : 'narrative');
  }
  return out;
}

function dating(heading: DateHeading, lastDate: string | null): Pick<ParsedUpdate, 'datedAt' | 'precision'> {
  const date = heading.date ? isoDate(heading.date) : lastDate;
  if (heading.time === null) return { datedAt: date, precision: 'day' };
  return { datedAt: date === null ? null : `${date}T${isoTime(heading.time)}`, precision: 'minute' };
}

/**
 * Parses a transcript and reports, per update and block, whether the block's speaker or source came
 * from a label (for the no-loss check and the desk preview). Never throws for any text; throws a
 * RangeError when `year` is not an integer from 1 to 9999.
 */
export function parseTranscriptWithOrigins(
  text: string,
  options: TranscriptOptions,
): { transcript: ParsedTranscript; origins: BlockOrigin[][] } {
  if (!Number.isInteger(options.year) || options.year < 1 || options.year > 9999) {
    throw new RangeError(`year must be an integer from 1 to 9999, not ${options.year}`);
  }
  const sections: { heading: DateHeading | null; paragraphs: string[] }[] = [
    { heading: null, paragraphs: [] },
  ];
  for (const paragraph of splitParagraphs(text, options.year)) {
    const heading = parseDateHeading(paragraph, options.year);
    if (heading) sections.push({ heading, paragraphs: [] });
    else sections.at(-1)?.paragraphs.push(paragraph);
  }
  const speakers: Speakers = { current: null, known: [] };
  const updates: ParsedUpdate[] = [];
  const origins: BlockOrigin[][] = [];
  let lastDate: string | null = null;
  for (const { heading, paragraphs } of sections) {
    if (heading === null && paragraphs.length === 0) continue;
    const { datedAt, precision } = heading
      ? dating(heading, lastDate)
      : { datedAt: null, precision: 'day' as const };
    if (heading?.date) lastDate = isoDate(heading.date);
    const out = readUpdate(paragraphs, speakers, options);
    updates.push({ label: heading?.label ?? null, datedAt, precision, blocks: out.blocks });
    origins.push(out.origins);
  }
  return { transcript: { updates }, origins };
}

/** Parses a pasted transcript into proposed updates and blocks (DESIGN.md, "Transcript import"). */
export function parseTranscript(text: string, options: TranscriptOptions): ParsedTranscript {
  return parseTranscriptWithOrigins(text, options).transcript;
}
