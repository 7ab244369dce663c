// The transcript import's block edits (pure), used by the preview form (import-form.ts): a block's text
// form, and the type changes, splits and merges made from it. Every edit keeps every word.
//
// Decisions, also in the README:
// - A block's text form (`textOf`), used by "to text" type changes, splits and merges: a Q&A is its
//   question, a blank line and its answer — opened by `Speaker: ` when the speaker's name is not already
//   in the answer, else by a Swedish dialogue dash (sv) or nothing (en); a quote is wrapped in the
//   locale's quote marks, followed by a `Källa: …` / `Source: …` line when it has a source.
// - Changing to Q&A reads a text form back: its first paragraph is the question, the rest the answer
//   (a leading dash or `Name:` label is taken off; the label, else an attribution, names the speaker).
//   Changing to quote takes the wrapping marks and a closing `Källa:`/`Source:` line off.
// - Split: a text or quote block at its first blank line (else its first line break); a Q&A into its
//   question and its answer, both as text blocks. Merge: a block and the next into one text block.

import { dashOf, labelOf, QUOTE_MARKS } from './transcript-paragraphs.js';
import { attributionIn } from './transcript-speakers.js';
import type { Locale } from './types.js';
import { emptyBlock, type BlockForm, type BlockType } from './update-input.js';
import { oneLine } from './validation.js';

export const orEmpty = (value: string | null | undefined): string => value ?? '';
const nl = (value: string): string => value.replace(/\r\n?/g, '\n').trim();
/** Paragraphs separated by blank lines. */
const paragraphs = (value: string): string[] =>
  nl(value)
    .split(/\n[ \t]*\n\s*/u)
    .filter((p) => p !== '');

/** The block as one piece of text, keeping every word (see the decisions above). */
export function textOf(block: BlockForm, locale: Locale): string {
  if (block.type === 'text') return nl(block.markdown);
  if (block.type === 'quote') {
    const [open, close] = locale === 'sv' ? ['”', '”'] : ['“', '”'];
    const text = nl(block.text);
    const source = oneLine(block.source);
    const quoted = text === '' ? '' : `${open}${text}${close}`;
    return [quoted, source === '' ? '' : `${locale === 'sv' ? 'Källa' : 'Source'}: ${source}`]
      .filter((part) => part !== '')
      .join('\n\n');
  }
  const asker = oneLine(block.asker);
  const question = nl(block.question);
  return [asker === '' || question === '' ? question : `${asker}: ${question}`, answerText(block, locale)]
    .filter((part) => part !== '')
    .join('\n\n');
}

function answerText(block: BlockForm, locale: Locale): string {
  const answer = nl(block.answer);
  const speaker = oneLine(block.speaker);
  if (answer === '') return speaker;
  if (speaker !== '' && !answer.includes(speaker)) return `${speaker}: ${answer}`;
  return locale === 'sv' ? `– ${answer}` : answer;
}

/** The block as another type, keeping every word. */
export function changeType(block: BlockForm, type: BlockType, locale: Locale): BlockForm {
  if (block.type === type) return block;
  const text = textOf(block, locale);
  if (type === 'text') return { ...emptyBlock('text'), markdown: text };
  const parts = paragraphs(text);
  if (type === 'quote') {
    const last = labelOf(parts.at(-1) ?? '');
    const source = parts.length > 1 && last?.kind === 'source' ? last.rest : '';
    let quoted = (source === '' ? parts : parts.slice(0, -1)).join('\n\n');
    const close = QUOTE_MARKS[quoted[0] ?? ''];
    if (close !== undefined && quoted.length > 1 && quoted.endsWith(close))
      quoted = quoted.slice(1, -1).trim();
    return { ...emptyBlock('quote'), text: quoted, source };
  }
  const [asked = '', first, ...rest] = parts;
  const askedLabel = labelOf(asked);
  const question = askedLabel?.kind === 'question' ? askedLabel.rest : asked;
  const label = first === undefined ? null : labelOf(first);
  const speakerLabel = label?.kind === 'speaker' ? label.label : '';
  const opening =
    label?.kind === 'speaker' || label?.kind === 'answer' ? label.rest : (dashOf(first ?? '')?.rest ?? first);
  const answer = [opening, ...rest].filter((part) => part !== undefined).join('\n\n');
  const speaker = speakerLabel !== '' ? speakerLabel : orEmpty(attributionIn(answer, []));
  return { ...emptyBlock('qa'), question, answer, speaker };
}

/** Cuts `value` at its first blank line, else its first line break; null when it has neither. */
function cut(value: string): [string, string] | null {
  const text = nl(value);
  const at = /\n[ \t]*\n/.exec(text) ?? /\n/.exec(text);
  if (!at) return null;
  return [text.slice(0, at.index).trim(), text.slice(at.index + at[0].length).trim()];
}

/** The block split in two, or null when there is nothing to split it at. */
export function splitBlock(block: BlockForm, locale: Locale): [BlockForm, BlockForm] | null {
  if (block.type === 'qa') {
    const question = textOf({ ...block, answer: '', speaker: '' }, locale);
    const answer = answerText(block, locale);
    if (question === '' || answer === '') return null;
    return [
      { ...emptyBlock('text'), markdown: question },
      { ...emptyBlock('text'), markdown: answer },
    ];
  }
  const parts = cut(block.type === 'text' ? block.markdown : block.text);
  if (!parts) return null;
  if (block.type === 'text') {
    return [
      { ...emptyBlock('text'), markdown: parts[0] },
      { ...emptyBlock('text'), markdown: parts[1] },
    ];
  }
  // The source names whoever said the whole quote; it stays under the second part, where it is shown.
  return [
    { ...emptyBlock('quote'), text: parts[0] },
    { ...emptyBlock('quote'), text: parts[1], source: block.source },
  ];
}

/** A block and the one after it as one text block. */
export function mergeBlocks(first: BlockForm, second: BlockForm, locale: Locale): BlockForm {
  const markdown = [textOf(first, locale), textOf(second, locale)].filter((t) => t !== '').join('\n\n');
  return { ...emptyBlock('text'), markdown };
}
