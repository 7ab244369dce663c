// The transcript import's preview form (pure): the parsed transcript as editable updates and blocks,
// the nested form's fields, and the no-JavaScript edits (type changes, split, merge, remove, speaker
// renames) that re-render it. Every edit keeps every word (see `textOf` in import-blocks.ts).
//
// Decisions, also in the README:
// - Block edits (type changes, split, merge) and their text forms: see import-blocks.ts.
// - An update the transcript gives no date gets none here: saving asks for one (the CLI uses today).
// - Date headings with nothing under them are left out; an update with more blocks than one update may
//   hold is cut into several updates with the same date.
import { LIMITS } from './limits.js';
import { changeType, mergeBlocks, orEmpty, splitBlock } from './import-blocks.js';
import type { ParsedTranscript } from './transcript.js';
import { LOCALES, type Locale } from './types.js';
import {
  BLOCK_TYPES,
  blockToForm,
  emptyBlock,
  validateUpdate,
  type BlockForm,
  type BlockType,
  type UpdateForm,
  type UpdateInput,
} from './update-input.js';
import {
  checkLength,
  hasControlCharacters,
  oneLine,
  type FieldErrors,
  type Validated,
} from './validation.js';

/** The largest transcript the desk accepts, in bytes of UTF-8. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
/** Updates one preview may hold (a form field limit, far above any real transcript). */
export const IMPORT_MAX_UPDATES = 1000;

/** One proposed update: the update form plus the transcript's heading it came from. */
export interface ImportUpdateForm extends UpdateForm {
  label: string;
}

const isType = (value: string): value is BlockType => (BLOCK_TYPES as readonly string[]).includes(value);

/** What the desk says about each problem `transcriptProblem` finds. */
export const TRANSCRIPT_PROBLEMS = {
  empty: 'Paste a transcript first.',
  'too-large': `The transcript is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Import it in parts.`,
  binary: 'This looks like a binary file, not text.',
} as const;

/** Why a pasted transcript cannot be read, or null when it can. */
export function transcriptProblem(text: string): 'empty' | 'too-large' | 'binary' | null {
  if (text.trim() === '') return 'empty';
  if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) return 'too-large';
  if (text.includes('\u0000')) return 'binary';
  // Control characters (other than tab, line breaks and form feed) and U+FFFD from undecodable bytes.
  // eslint-disable-next-line no-control-regex
  const odd = text.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/gu)?.length ?? 0;
  return odd > 0 && odd * 100 > text.length ? 'binary' : null;
}

/** The parsed transcript as preview updates (see the decisions above). */
export function transcriptToForm(parsed: ParsedTranscript): ImportUpdateForm[] {
  const updates: ImportUpdateForm[] = [];
  for (const update of parsed.updates) {
    const [date = '', time = ''] = orEmpty(update.datedAt).split('T');
    const blocks = update.blocks.map((block) =>
      blockToForm(block.type === 'qa' ? { ...block, asker: null } : block),
    );
    for (let start = 0; start < blocks.length; start += LIMITS.blocks) {
      const chunk = blocks.slice(start, start + LIMITS.blocks);
      updates.push({ label: orEmpty(update.label), date, time, headline: '', blocks: chunk });
    }
  }
  return updates;
}

/** The flat form fields of the preview updates (`updates.U.date`, `updates.U.blocks.B.answer` …). */
export function serialiseUpdates(updates: ImportUpdateForm[]): Record<string, string> {
  const fields: Record<string, string> = {};
  updates.forEach((update, u) => {
    for (const name of ['label', 'date', 'time', 'headline'] as const)
      fields[`updates.${u}.${name}`] = update[name];
    update.blocks.forEach((block, b) => {
      for (const name of Object.keys(block) as (keyof BlockForm)[]) {
        fields[`updates.${u}.blocks.${b}.${name}`] = block[name];
      }
      fields[`updates.${u}.blocks.${b}.was`] = block.type;
    });
  });
  return fields;
}

const FIELD = /^updates\.(\d{1,4})\.(?:blocks\.(\d{1,3})\.)?([a-z]{1,12})$/;
const UPDATE_FIELDS = new Set(['label', 'date', 'time', 'headline']);
const BLOCK_FIELDS = new Set([...Object.keys(emptyBlock('text')), 'was']);

/**
 * Reads the preview updates from flat form fields. A block shows the fields of its type when the page
 * was rendered (`was`); a different `type` chosen since is a type change, applied here. Then the
 * speaker renames (`speakers.N.from` → `speakers.N.to`) apply to every answer of that speaker.
 */
export function parseUpdates(
  fields: Record<string, string>,
  locale: Locale,
): { ok: true; updates: ImportUpdateForm[]; typeChanged: boolean } | { ok: false; error: string } {
  type Raw = { fields: Record<string, string>; blocks: Map<number, Record<string, string>> };
  const updates = new Map<number, Raw>();
  for (const [key, value] of Object.entries(fields)) {
    const match = FIELD.exec(key);
    if (!match) continue;
    const [, u = '', b, name = ''] = match;
    if (!(b === undefined ? UPDATE_FIELDS : BLOCK_FIELDS).has(name)) continue;
    let update = updates.get(Number(u));
    if (!update) {
      if (updates.size >= IMPORT_MAX_UPDATES) return { ok: false, error: 'Too many updates in one import.' };
      update = { fields: {}, blocks: new Map() };
      updates.set(Number(u), update);
    }
    const target = b === undefined ? update.fields : (update.blocks.get(Number(b)) ?? {});
    target[name] = value;
    if (b !== undefined) update.blocks.set(Number(b), target);
  }
  let typeChanged = false;
  const result: ImportUpdateForm[] = [];
  for (const [, update] of [...updates].sort(([a], [b]) => a - b)) {
    if (update.blocks.size > LIMITS.blocks * 2) return { ok: false, error: 'Too many blocks in one update.' };
    const blocks: BlockForm[] = [];
    for (const [, fields] of [...update.blocks].sort(([a], [b]) => a - b)) {
      const type = orEmpty(fields.type);
      const was = fields.was ?? type;
      if (!isType(type) || !isType(was)) return { ok: false, error: 'Unknown block type.' };
      const block = emptyBlock(was);
      for (const name of Object.keys(block) as (keyof BlockForm)[])
        if (name !== 'type') block[name] = orEmpty(fields[name]);
      if (type !== was) typeChanged = true;
      blocks.push(changeType(block, type, locale));
    }
    const { label, date, time, headline } = update.fields;
    result.push({
      label: orEmpty(label),
      date: orEmpty(date),
      time: orEmpty(time),
      headline: orEmpty(headline),
      blocks,
    });
  }
  const renames = Object.keys(fields)
    .map((key) => /^speakers\.(\d{1,4})\.from$/.exec(key)?.[1])
    .filter((n) => n !== undefined)
    .map((n) => ({ from: orEmpty(fields[`speakers.${n}.from`]), to: orEmpty(fields[`speakers.${n}.to`]) }));
  return { ok: true, updates: renameSpeakers(result, renames), typeChanged };
}

/** Gives every Q&A block spoken by `from` the speaker `to` (after the form's own speaker fields). */
export function renameSpeakers(
  updates: ImportUpdateForm[],
  renames: { from: string; to: string }[],
): ImportUpdateForm[] {
  const map = new Map(
    renames.map(({ from, to }) => [oneLine(from), oneLine(to)] as const).filter(([f, t]) => f !== t),
  );
  if (map.size === 0) return updates;
  return updates.map((update) => ({
    ...update,
    blocks: update.blocks.map((block) => {
      const to = block.type === 'qa' ? map.get(oneLine(block.speaker)) : undefined;
      return to === undefined ? block : { ...block, speaker: to };
    }),
  }));
}

/** The distinct speakers of the Q&A blocks, in order of first appearance, with how often they answer. */
export function speakersOf(updates: ImportUpdateForm[]): { name: string; answers: number }[] {
  const counts = new Map<string, number>();
  for (const block of updates.flatMap((u) => u.blocks)) {
    const name = oneLine(block.speaker);
    if (block.type === 'qa' && name !== '') counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, answers]) => ({ name, answers }));
}

/** The outcome of an edit button: the new updates, and a note when nothing could be done. */
export type ImportEdit = { ok: true; updates: ImportUpdateForm[]; notice: string | null } | { ok: false };

const ACTION = /^(split|merge|remove|remove-update|join-update):(\d{1,4})(?:\.(\d{1,3}))?$/;

/**
 * Applies a preview button: `apply` (type changes, already read), `split:U.B`, `merge:U.B` (with the
 * next block), `remove:U.B`, `remove-update:U`, `join-update:U` (its blocks move to the start of the next).
 */
export function applyImportAction(action: string, updates: ImportUpdateForm[], locale: Locale): ImportEdit {
  const unchanged = (notice: string | null): ImportEdit => ({ ok: true, updates, notice });
  if (action === 'apply' || action === 'refresh') return unchanged(null);
  const [, verb, u = '', b] = ACTION.exec(action) ?? [];
  const index = Number(u);
  const update = updates[index];
  if (verb === undefined || !update || (b === undefined) !== verb.endsWith('-update')) return { ok: false };
  const copy = updates.slice();
  if (verb === 'remove-update') copy.splice(index, 1);
  else if (verb === 'join-update') {
    const next = copy[index + 1];
    if (!next) return unchanged('There is no later update to move these blocks into.');
    copy.splice(index, 2, { ...next, blocks: [...update.blocks, ...next.blocks] });
  } else {
    const at = Number(b);
    const block = update.blocks[at];
    if (!block) return { ok: false };
    const blocks = update.blocks.slice();
    const next = blocks[at + 1];
    const parts = verb === 'split' ? splitBlock(block, locale) : null;
    if (verb === 'remove') blocks.splice(at, 1);
    else if (verb === 'split' && parts) blocks.splice(at, 1, ...parts);
    else if (verb === 'merge' && next) blocks.splice(at, 2, mergeBlocks(block, next, locale));
    else if (verb === 'split') return unchanged('That block has no blank line or line break to split it at.');
    else return unchanged('That is the last block of its update: there is nothing to merge it with.');
    copy[index] = { ...update, blocks };
  }
  return { ok: true, updates: copy, notice: null };
}

/** Checks every update for saving; errors are keyed `updates.U.field` (and `updates` for none at all). */
export function validateImport(
  updates: ImportUpdateForm[],
  toUtc: (wall: string) => string | undefined,
): Validated<UpdateInput[]> {
  const errors: FieldErrors = {};
  const inputs: UpdateInput[] = [];
  if (updates.length === 0) errors.updates = 'There is nothing left to import.';
  updates.forEach((update, u) => {
    const checked = validateUpdate(update, toUtc);
    if (checked.ok) inputs.push(checked.value);
    else for (const [key, message] of Object.entries(checked.errors)) errors[`updates.${u}.${key}`] = message;
    if (update.date.trim() === '') {
      errors[`updates.${u}.date`] =
        'The transcript gives no date here: choose one, or move these blocks into the next update.';
    }
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: inputs };
}

/** The options of an import, as submitted (`article` is an id, or empty for a new article). */
export interface ImportOptions {
  text: string;
  year: string;
  locale: string;
  typography: string;
  article: string;
  title: string;
  timeZone: string;
}

/** The import form's first values: this year, and the article to add to (its locale too) if one is given. */
export function newImportOptions(
  year: string,
  article: { id: number; locale: Locale } | null,
): ImportOptions {
  const base = { text: '', year, typography: '', title: '', timeZone: 'Europe/Stockholm' };
  return { ...base, locale: article?.locale ?? 'sv', article: article ? String(article.id) : '' };
}

/** Checks the options of an import; the title and time zone only matter for a new article. */
export function checkImportOptions(
  options: ImportOptions,
  isValidTimeZone: (tz: string) => boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^\d{4}$/.test(options.year) || options.year === '0000') errors.year = 'Give a four-digit year.';
  if (!(LOCALES as readonly string[]).includes(options.locale)) errors.locale = 'Choose Swedish or English.';
  if (options.article === '') {
    validateTitle(options.title, errors);
    if (!isValidTimeZone(options.timeZone)) errors.timeZone = 'Choose a time zone such as Europe/Stockholm.';
  }
  return errors;
}

/** Checks the title of a new article. */
export function validateTitle(value: string, errors: FieldErrors): string {
  const title = oneLine(value);
  if (title === '') errors.title = 'Give the new article a title, or choose an article to add to.';
  checkLength(errors, 'title', title, LIMITS.title, 'The title');
  if (hasControlCharacters(title)) errors.title = 'Remove the invisible control characters.';
  return title;
}
