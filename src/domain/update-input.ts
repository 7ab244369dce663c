import { LIMITS } from './limits.js';
import type { BlockInput, Precision } from './types.js';
import {
  checkLength,
  hasControlCharacters,
  multiLine,
  oneLine,
  type FieldErrors,
  type Validated,
} from './validation.js';

export const BLOCK_TYPES = ['text', 'qa', 'quote'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** One block of the update form as submitted (unused fields are empty strings). */
export interface BlockForm {
  type: string;
  markdown: string;
  question: string;
  answer: string;
  speaker: string;
  asker: string;
  text: string;
  source: string;
}

/** The update form as submitted. `date` is YYYY-MM-DD and `time` HH:MM or empty (a day-only update). */
export interface UpdateForm {
  date: string;
  time: string;
  headline: string;
  blocks: BlockForm[];
}

export interface UpdateInput {
  datedAt: string;
  precision: Precision;
  headline: string | null;
  blocks: BlockInput[];
}

/** An empty block of the given type, for the form's "add block" buttons. */
export function emptyBlock(type: BlockType): BlockForm {
  return { type, markdown: '', question: '', answer: '', speaker: '', asker: '', text: '', source: '' };
}

/** The form fields of a stored or imported block. */
export function blockToForm(block: BlockInput): BlockForm {
  const form = emptyBlock(block.type);
  if (block.type === 'text') return { ...form, markdown: block.markdown };
  if (block.type === 'qa') {
    return {
      ...form,
      question: block.question,
      answer: block.answer,
      speaker: block.speaker ?? '',
      asker: block.asker ?? '',
    };
  }
  return { ...form, text: block.text, source: block.source ?? '' };
}

/**
 * A block is blank (and dropped) only when every field is empty: a block with a typed speaker, asker or
 * source but no main text is kept, so validation refuses it (422) instead of losing what was typed.
 */
function isBlank(block: BlockForm): boolean {
  const { markdown, question, answer, speaker, asker, text, source } = block;
  return [markdown, question, answer, speaker, asker, text, source].every((v) => v.trim() === '');
}

const orNull = (value: string): string | null => (value === '' ? null : value);

function validateBlock(block: BlockForm, errors: FieldErrors, key: string): BlockInput | undefined {
  const fail = (field: string, message: string) => {
    errors[`${key}.${field}`] = message;
    return undefined;
  };
  const check = (field: string, value: string, max: number, label: string) => {
    checkLength(errors, `${key}.${field}`, value, max, label);
    if (hasControlCharacters(value)) errors[`${key}.${field}`] = 'Remove the invisible control characters.';
  };
  switch (block.type) {
    case 'text': {
      const markdown = multiLine(block.markdown);
      check('markdown', markdown, LIMITS.markdown, 'The text');
      return { type: 'text', markdown };
    }
    case 'qa': {
      const question = multiLine(block.question);
      const answer = multiLine(block.answer);
      const speaker = oneLine(block.speaker);
      const asker = oneLine(block.asker);
      if (question === '') return fail('question', 'Write the question.');
      if (answer === '') return fail('answer', 'Write the answer.');
      check('question', question, LIMITS.question, 'The question');
      check('answer', answer, LIMITS.answer, 'The answer');
      check('speaker', speaker, LIMITS.speaker, 'The speaker');
      check('asker', asker, LIMITS.asker, 'The asker');
      return { type: 'qa', question, answer, speaker: orNull(speaker), asker: orNull(asker) };
    }
    case 'quote': {
      const text = multiLine(block.text);
      const source = oneLine(block.source);
      if (text === '') return fail('text', 'Write the quoted text.');
      check('text', text, LIMITS.quote, 'The quote');
      check('source', source, LIMITS.source, 'The source');
      return { type: 'quote', text, source: orNull(source) };
    }
    default:
      return fail('type', 'Unknown block type.');
  }
}

/** Checks the update form; `toUtc` turns a wall time in the article's zone into a UTC instant. */
export function validateUpdate(
  form: UpdateForm,
  toUtc: (wall: string) => string | undefined,
): Validated<UpdateInput> {
  const errors: FieldErrors = {};
  const date = form.date.trim();
  const time = form.time.trim();
  const precision: Precision = time === '' ? 'day' : 'minute';
  const datedAt =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && (time === '' || /^\d{2}:\d{2}$/.test(time))
      ? toUtc(time === '' ? date : `${date}T${time}`)
      : undefined;
  if (datedAt === undefined) errors.date = 'Give a valid date (and optionally a time).';

  const headline = oneLine(form.headline);
  checkLength(errors, 'headline', headline, LIMITS.headline, 'The headline');
  if (hasControlCharacters(headline)) errors.headline = 'Remove the invisible control characters.';

  const filled = form.blocks.map((block, index) => ({ block, index })).filter(({ block }) => !isBlank(block));
  if (filled.length === 0) errors.blocks = 'Add at least one block with some text.';
  if (form.blocks.length > LIMITS.blocks) errors.blocks = `At most ${LIMITS.blocks} blocks in one update.`;
  const blocks = filled.map(({ block, index }) => validateBlock(block, errors, `blocks.${index}`));

  if (Object.keys(errors).length > 0 || datedAt === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: { datedAt, precision, headline: orNull(headline), blocks: blocks.filter((b) => b !== undefined) },
  };
}

/** What a submit button of the update form asks for. */
export type FormAction =
  { kind: 'save'; publish: boolean } | { kind: 'edit-blocks'; blocks: BlockForm[] } | { kind: 'invalid' };

/**
 * Interprets the button pressed: `save`, `publish`, `add:TYPE`, `remove:N`, `up:N`, `down:N`.
 * Block edits return the new list of blocks so the form can be shown again without JavaScript.
 */
export function applyFormAction(action: string, blocks: BlockForm[]): FormAction {
  if (action === 'save' || action === '') return { kind: 'save', publish: false };
  if (action === 'publish') return { kind: 'save', publish: true };
  const [verb, arg = ''] = action.split(':');
  if (verb === 'add' && (BLOCK_TYPES as readonly string[]).includes(arg)) {
    return { kind: 'edit-blocks', blocks: [...blocks, emptyBlock(arg as BlockType)] };
  }
  const index = /^\d{1,3}$/.test(arg) ? Number(arg) : -1;
  if (index < 0 || index >= blocks.length) return { kind: 'invalid' };
  const copy = blocks.slice();
  if (verb === 'remove') copy.splice(index, 1);
  else if (verb === 'up' || verb === 'down') {
    const to = verb === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= copy.length) return { kind: 'edit-blocks', blocks };
    [copy[index], copy[to]] = [copy[to] as BlockForm, copy[index] as BlockForm];
  } else return { kind: 'invalid' };
  return { kind: 'edit-blocks', blocks: copy };
}
