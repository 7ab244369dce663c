// View models of the desk's history pages: revision lists and the diff between two revisions of an update.
// Pure: the routes pass in what the repositories returned.
import type { RevisionEntry } from '../db/revisions-repo.js';
import { alignSequences, diffWords, hasChanges, type DiffPart } from '../domain/diff.js';
import type { Article, Block, Update } from '../domain/types.js';
import { formatStamp } from './article-view.js';
import { formatDateHeading, formatDateTime } from './dates.js';
import { deskMessages, type DeskMessages } from './desk-i18n.js';

// Labels come from the desk's catalogue of the reader of the page (English when none is given).

/** One line of a history page. */
export interface HistoryEntryView {
  id: number;
  at: string;
  when: string;
  who: string;
  kind: string;
  note: string | null;
  /** What changed: the article's details, or an update (by headline or date) with its history page. */
  subject: { label: string; href: string | null };
  /** The diff against the update's previous revision, when there is one. */
  diffHref: string | null;
}

/** "Vd:n svarar" or "8 december 2026 kl. 15.04" for an update (or its snapshot). */
export function updateLabel(
  article: Pick<Article, 'locale' | 'timeZone'>,
  update: { headline: string | null; datedAt: string; precision: string },
): string {
  if (update.headline) return update.headline;
  return update.precision === 'minute'
    ? formatDateTime(update.datedAt, article.locale, article.timeZone)
    : formatDateHeading(update.datedAt, article.locale, article.timeZone);
}

/** History lines, newest first as given; each update revision links to the diff with its predecessor. */
export function historyEntries(
  article: Article,
  entries: RevisionEntry[],
  dt: DeskMessages = deskMessages('en'),
): HistoryEntryView[] {
  const previous = new Map<number, number>();
  const lastOf = new Map<number, number>();
  for (const entry of [...entries].reverse()) {
    if (entry.updateId === null) continue;
    const last = lastOf.get(entry.updateId);
    if (last !== undefined) previous.set(entry.id, last);
    lastOf.set(entry.updateId, entry.id);
  }
  return entries.map((entry) => {
    const before = previous.get(entry.id);
    const subject = entry.subject
      ? {
          label: `${updateLabel(article, entry.subject)}${entry.updateId === null ? dt.history.purged : ''}`,
          href: entry.updateId === null ? null : `/desk/updates/${entry.updateId}/history`,
        }
      : { label: dt.history.details, href: null };
    return {
      id: entry.id,
      at: entry.at,
      when: formatStamp(entry.at, article),
      who:
        entry.authorName ?? (entry.authorId === null ? dt.history.system : dt.history.user(entry.authorId)),
      kind: entry.kind,
      note: entry.note,
      subject,
      diffHref:
        before === undefined || entry.updateId === null
          ? null
          : `/desk/updates/${entry.updateId}/diff?from=${before}&to=${entry.id}`,
    };
  });
}

/** A field compared between two revisions. */
export interface FieldDiffView {
  label: string;
  parts: DiffPart[];
  changed: boolean;
}

/** A block compared between two revisions: kept, changed (field by field), added or removed whole. */
export interface BlockDiffView {
  status: 'same' | 'changed' | 'added' | 'removed';
  type: Block['type'];
  typeLabel: string;
  fields: FieldDiffView[];
}

export interface RevisionDiffView {
  fields: FieldDiffView[];
  blocks: BlockDiffView[];
  changed: boolean;
}

/** The comparable fields of a block, as label → text. */
function blockFields(block: Block, dt: DeskMessages): [string, string][] {
  switch (block.type) {
    case 'text':
      return [[dt.common.text, block.markdown]];
    case 'qa':
      return [
        [dt.common.question, block.question],
        [dt.common.answer, block.answer],
        [dt.common.speaker, block.speaker?.name ?? ''],
        [dt.form.askedBy, block.asker ?? ''],
      ];
    case 'quote':
      return [
        [dt.blockTypes.quote ?? '', block.text],
        [dt.common.source, block.source ?? ''],
      ];
  }
}

const typeLabel = (block: Block, dt: DeskMessages): string => dt.blockTypes[block.type] ?? block.type;

function field(label: string, before: string, after: string): FieldDiffView {
  const parts = diffWords(before, after);
  return { label, parts, changed: hasChanges(parts) };
}

function whole(block: Block, status: 'same' | 'added' | 'removed', dt: DeskMessages): BlockDiffView {
  const op = status === 'same' ? 'same' : status === 'added' ? 'ins' : 'del';
  return {
    status,
    type: block.type,
    typeLabel: typeLabel(block, dt),
    fields: blockFields(block, dt)
      .filter(([, text]) => text !== '' || status === 'same')
      .map(([label, text]) => ({
        label,
        parts: text === '' ? [] : [{ op, text }],
        changed: status !== 'same',
      })),
  };
}

function compareBlocks(before: Block, after: Block, dt: DeskMessages): BlockDiffView {
  const a = blockFields(before, dt);
  const b = blockFields(after, dt);
  const fields = a.map(([label, text], index) => field(label, text, b[index]?.[1] ?? ''));
  const changed = fields.some((f) => f.changed);
  return {
    status: changed ? 'changed' : 'same',
    type: after.type,
    typeLabel: typeLabel(after, dt),
    fields,
  };
}

/**
 * Blocks compared as blocks: identical blocks are matched (so an inserted block does not shift the rest),
 * then the blocks between two matches are paired by position when their types agree and compared word by
 * word; the others are shown whole as removed or added.
 */
export function diffBlocks(
  before: Block[],
  after: Block[],
  dt: DeskMessages = deskMessages('en'),
): BlockDiffView[] {
  const key = (block: Block) =>
    JSON.stringify([block.type, ...blockFields(block, dt).map(([, text]) => text)]);
  return alignSequences(before, after, key).flatMap((step) => {
    if (step.kind === 'same') return [whole(step.after, 'same', dt)];
    const out: BlockDiffView[] = [];
    const length = Math.max(step.before.length, step.after.length);
    for (let i = 0; i < length; i += 1) {
      const old = step.before[i];
      const fresh = step.after[i];
      if (old && fresh && old.type === fresh.type) out.push(compareBlocks(old, fresh, dt));
      else {
        if (old) out.push(whole(old, 'removed', dt));
        if (fresh) out.push(whole(fresh, 'added', dt));
      }
    }
    return out;
  });
}

/** The readable difference between two snapshots of an update: its fields, then its blocks. */
export function revisionDiff(
  article: Article,
  before: Update,
  after: Update,
  dt: DeskMessages = deskMessages('en'),
): RevisionDiffView {
  const date = (u: Update) => updateLabel(article, { ...u, headline: null });
  const yesNo = (value: boolean) => (value ? dt.diff.yes : dt.diff.no);
  const status = (u: Update) => dt.statuses[u.status] ?? u.status;
  const fields = [
    field(dt.common.headline, before.headline ?? '', after.headline ?? ''),
    field(dt.common.date, date(before), date(after)),
    field(dt.common.status, status(before), status(after)),
    field(dt.diff.pinned, yesNo(before.pinned), yesNo(after.pinned)),
    field(dt.diff.keyEvent, yesNo(before.keyEvent), yesNo(after.keyEvent)),
  ];
  const blocks = diffBlocks(before.blocks, after.blocks, dt);
  return {
    fields,
    blocks,
    changed: fields.some((f) => f.changed) || blocks.some((b) => b.status !== 'same'),
  };
}
