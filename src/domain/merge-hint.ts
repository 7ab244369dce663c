// Two people saved the same update: what differs, and a three-way merge of the update form for the
// simple cases. Pure; works on the form's strings (UpdateForm), so the result can prefill the form.
//
// The merge takes the version the user started from (base), the user's form (mine) and the version now
// stored (theirs). A field only one side changed takes that side's value; a field both changed keeps
// theirs and reports the user's text as a conflict. Blocks are paired with the base by content (the
// longest common subsequence of unchanged blocks; what lies between two pairs is paired by position
// when the counts and types agree), so added, removed and moved blocks are followed on both sides.

import { alignSequences, diffWords, type DiffPart } from './diff.js';
import { LIMITS } from './limits.js';
import { BLOCK_TYPES, emptyBlock, type BlockForm, type BlockType, type UpdateForm } from './update-input.js';
import { multiLine, oneLine } from './validation.js';

type BlockField = Exclude<keyof BlockForm, 'type'>;

const FIELDS: Record<BlockType, readonly BlockField[]> = {
  text: ['markdown'],
  qa: ['question', 'answer', 'speaker', 'asker'],
  quote: ['text', 'source'],
};
const MULTI_LINE: ReadonlySet<BlockField> = new Set(['markdown', 'question', 'answer', 'text']);
const TYPE_LABELS: Record<BlockType, string> = { text: 'Text', qa: 'Question and answer', quote: 'Quote' };
const FIELD_LABELS: Record<BlockField, string> = {
  markdown: 'text',
  question: 'question',
  answer: 'answer',
  speaker: 'speaker',
  asker: 'asked by',
  text: 'quoted text',
  source: 'source',
};
const SCALARS = [
  ['date', 'Date'],
  ['time', 'Time'],
  ['headline', 'Headline'],
] as const;

const NOTES = {
  both: 'Changed both by you and in the current version. The form holds the current text; yours is shown here.',
  removedByThem:
    'This block was removed or rewritten in the current version; your edited block is kept here. Remove it if it should go.',
  changedByThem:
    'You removed this block, but it was changed in the current version, so it is kept. Remove it again if it should go.',
};

/** A field the merge could not settle on its own; `name` is the form field (`headline`, `blocks.2.answer`). */
export interface MergeConflict {
  name: string;
  label: string;
  /** The user's text for that field, when there is one to show beside the current text. */
  mine: string | null;
  note: string;
}

export interface MergeResult {
  form: UpdateForm;
  conflicts: MergeConflict[];
}

/** One difference between the user's version and the current one, for the side-by-side page. */
export interface FieldDifference {
  label: string;
  /** Word diff from the current text to the user's: `del` only in the current version, `ins` only in theirs. */
  parts: DiffPart[];
}

const isBlockType = (type: string): type is BlockType => (BLOCK_TYPES as readonly string[]).includes(type);
const fieldsOf = (block: BlockForm): readonly BlockField[] =>
  isBlockType(block.type) ? FIELDS[block.type] : [];
const typeLabel = (block: BlockForm): string =>
  isBlockType(block.type) ? TYPE_LABELS[block.type] : block.type;

/** The block's fields as the validator will read them (line endings, trimmed, single-line collapsed). */
function normalBlock(block: BlockForm): BlockForm {
  const out = emptyBlock(isBlockType(block.type) ? block.type : 'text');
  out.type = block.type;
  for (const field of fieldsOf(block))
    out[field] = MULTI_LINE.has(field) ? multiLine(block[field]) : oneLine(block[field]);
  return out;
}

/** The form as the validator will read it, so that a browser's CRLF or stray spaces are no change. */
export function normalizeUpdateForm(form: UpdateForm): UpdateForm {
  return {
    date: form.date.trim(),
    time: form.time.trim(),
    headline: oneLine(form.headline),
    blocks: form.blocks.map(normalBlock),
  };
}

/** The form as compact JSON, for the hidden field that remembers the version an edit started from. */
export function serialiseBaseForm(form: UpdateForm): string {
  const { date, time, headline, blocks } = normalizeUpdateForm(form);
  const compact = blocks.map((block) => ({
    type: block.type,
    ...Object.fromEntries(fieldsOf(block).map((field) => [field, block[field]])),
  }));
  return JSON.stringify({ date, time, headline, blocks: compact });
}

/** Reads `serialiseBaseForm`'s JSON back; undefined when it is not that shape. */
export function parseBaseForm(json: string): UpdateForm | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const isText = (v: unknown): v is string => typeof v === 'string';
  if (typeof value !== 'object' || value === null) return undefined;
  const { date, time, headline, blocks } = value as Record<string, unknown>;
  if (!isText(date) || !isText(time) || !isText(headline) || !Array.isArray(blocks)) return undefined;
  if (blocks.length > LIMITS.blocks * 2) return undefined;
  const parsed: BlockForm[] = [];
  for (const raw of blocks as unknown[]) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const fields = raw as Record<string, unknown>;
    if (!isText(fields.type) || !isBlockType(fields.type)) return undefined;
    const block = emptyBlock(fields.type);
    for (const field of FIELDS[fields.type]) {
      const v = fields[field] ?? '';
      if (!isText(v)) return undefined;
      block[field] = v;
    }
    parsed.push(block);
  }
  return { date, time, headline, blocks: parsed };
}

const keyOf = (block: BlockForm): string =>
  JSON.stringify([block.type, ...fieldsOf(block).map((field) => block[field])]);

/** For each block of `other`, the index of the block of `base` it continues, or null for a new block. */
export function alignBlocks(base: BlockForm[], other: BlockForm[]): (number | null)[] {
  const result: (number | null)[] = other.map(() => null);
  const indexed = (list: BlockForm[]) => list.map((block, index) => ({ block, index }));
  for (const step of alignSequences(indexed(base), indexed(other), (item) => keyOf(item.block))) {
    if (step.kind === 'same') result[step.after.index] = step.before.index;
    else if (
      step.before.length === step.after.length &&
      step.before.every((item, i) => item.block.type === step.after[i]?.block.type)
    ) {
      step.after.forEach((item, i) => (result[item.index] = step.before[i]?.index ?? null));
    }
  }
  return result;
}

/** One field, three ways: a change on one side wins; changes on both sides keep theirs. */
function merge3(base: string, mine: string, theirs: string): { value: string; conflict: boolean } {
  if (mine === theirs || mine === base) return { value: theirs, conflict: false };
  if (theirs === base) return { value: mine, conflict: false };
  return { value: theirs, conflict: true };
}

interface Entry {
  block: BlockForm;
  removed: boolean;
  marks: { field: BlockField; mine: string | null; note: string }[];
}

const primaryField = (block: BlockForm): BlockField => fieldsOf(block)[0] ?? 'markdown';

/** Theirs blocks with the user's edits, removals and new blocks applied; conflicts marked per block. */
function mergeBlocks(base: BlockForm[], mine: BlockForm[], theirs: BlockForm[]): Entry[] {
  const entries: Entry[] = theirs.map((block) => ({ block: { ...block }, removed: false, marks: [] }));
  const baseToTheirs = new Map<number, Entry>();
  alignBlocks(base, theirs).forEach((b, k) => {
    const entry = entries[k];
    if (b !== null && entry) baseToTheirs.set(b, entry);
  });
  const mineToBase = alignBlocks(base, mine);
  const kept = new Set(mineToBase);
  base.forEach((block, i) => {
    const entry = baseToTheirs.get(i);
    if (kept.has(i) || !entry) return;
    if (keyOf(entry.block) === keyOf(block)) entry.removed = true;
    else entry.marks.push({ field: primaryField(entry.block), mine: null, note: NOTES.changedByThem });
  });
  let anchor: Entry | undefined;
  mine.forEach((block, j) => {
    const i = mineToBase[j] ?? null;
    const original = i === null ? undefined : base[i];
    const entry = i === null ? undefined : baseToTheirs.get(i);
    if (original && entry) {
      for (const field of fieldsOf(block)) {
        const merged = merge3(original[field], block[field], entry.block[field]);
        entry.block[field] = merged.value;
        if (merged.conflict) entry.marks.push({ field, mine: block[field], note: NOTES.both });
      }
      anchor = entry;
      return;
    }
    // Removed in the current version and left alone by the user: it stays removed.
    if (original && keyOf(original) === keyOf(block)) return;
    const added: Entry = { block: { ...block }, removed: false, marks: [] };
    if (original) added.marks.push({ field: primaryField(block), mine: null, note: NOTES.removedByThem });
    entries.splice(anchor ? entries.indexOf(anchor) + 1 : 0, 0, added);
    anchor = added;
  });
  return entries.filter((entry) => !entry.removed);
}

const blockLabel = (block: BlockForm, index: number, field: BlockField): string =>
  `Block ${index + 1} (${typeLabel(block)}), ${FIELD_LABELS[field]}`;

/** Applies the user's changes (base → mine) on top of the current version (theirs). */
export function mergeUpdateForms(base: UpdateForm, mine: UpdateForm, theirs: UpdateForm): MergeResult {
  const [b, m, t] = [base, mine, theirs].map(normalizeUpdateForm) as [UpdateForm, UpdateForm, UpdateForm];
  const conflicts: MergeConflict[] = [];
  const form: UpdateForm = { date: '', time: '', headline: '', blocks: [] };
  for (const [name, label] of SCALARS) {
    const merged = merge3(b[name], m[name], t[name]);
    form[name] = merged.value;
    if (merged.conflict) conflicts.push({ name, label, mine: m[name], note: NOTES.both });
  }
  mergeBlocks(b.blocks, m.blocks, t.blocks).forEach((entry, k) => {
    form.blocks.push(entry.block);
    for (const mark of entry.marks) {
      conflicts.push({
        name: `blocks.${k}.${mark.field}`,
        label: blockLabel(entry.block, k, mark.field),
        mine: mark.mine,
        note: mark.note,
      });
    }
  });
  return { form, conflicts };
}

const blockText = (block: BlockForm): string =>
  fieldsOf(block)
    .map((field) => block[field])
    .filter((value) => value !== '')
    .join('\n\n');

/** What differs between the current version and the user's, field by field, for the 409 page. */
export function describeDifferences(current: UpdateForm, mineRaw: UpdateForm): FieldDifference[] {
  const theirs = normalizeUpdateForm(current);
  const mine = normalizeUpdateForm(mineRaw);
  const out: FieldDifference[] = [];
  for (const [name, label] of SCALARS) {
    if (theirs[name] !== mine[name]) out.push({ label, parts: diffWords(theirs[name], mine[name]) });
  }
  const mineToTheirs = alignBlocks(theirs.blocks, mine.blocks);
  mine.blocks.forEach((block, j) => {
    const k = mineToTheirs[j] ?? null;
    const other = k === null ? undefined : theirs.blocks[k];
    if (!other) {
      out.push({
        label: `Your block ${j + 1} (${typeLabel(block)}): only in your version`,
        parts: [{ op: 'ins', text: blockText(block) }],
      });
      return;
    }
    for (const field of fieldsOf(block)) {
      if (block[field] !== other[field])
        out.push({ label: blockLabel(block, j, field), parts: diffWords(other[field], block[field]) });
    }
  });
  const matched = new Set(mineToTheirs);
  theirs.blocks.forEach((block, k) => {
    if (!matched.has(k))
      out.push({
        label: `Current block ${k + 1} (${typeLabel(block)}): only in the current version`,
        parts: [{ op: 'del', text: blockText(block) }],
      });
  });
  return out;
}
