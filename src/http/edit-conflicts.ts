import type { Request } from 'express';
import type { ArticleForm } from '../domain/article-input.js';
import { diffWords, type DiffPart } from '../domain/diff.js';
import {
  describeDifferences,
  mergeUpdateForms,
  parseBaseForm,
  serialiseBaseForm,
  type FieldDifference,
  type MergeConflict,
} from '../domain/merge-hint.js';
import type { Article, Update } from '../domain/types.js';
import type { UpdateForm } from '../domain/update-input.js';
import { updateView, type UpdateView } from '../render/article-view.js';
import type { DeskMessages } from '../render/desk-i18n.js';
import type { ServiceContext } from '../services/context.js';
import { bodyField, updateForm } from './forms.js';
import { HttpError } from './errors.js';
import { updateToForm } from './live-desk.js';
import { presenceBox, type PresenceBox } from './presence-routes.js';

// Two people on one update or article: the edit page's stale-save (409) and "apply my changes on top"
// states, and the presence warning. The route modules call these; the views are partials/editing-*.ejs.

/** The id prefix of the update edit form's fields (`edit-headline`, `edit-b1-answer`). */
const EDIT_PREFIX = 'edit-';

/** A field the merge left for the user, with the id of its input on the page. */
export interface ConflictView extends MergeConflict {
  anchor: string;
  /** Shown under its field too (partials/field-error.ejs); the time and "asked by" fields have no spot. */
  inline: boolean;
}

/** What the edit page shows about other people's work besides the form. */
export interface EditingState {
  /** JSON of the version the form's text started from (the hidden field `base`); '' when unknown. */
  base: string;
  /** After a stale save: the version now stored, to show beside the user's. */
  stale: { version: number; view: UpdateView; differences: FieldDifference[] } | null;
  /** After "apply my changes on top": the version it was applied to and the fields left to resolve. */
  merged: { version: number; conflicts: ConflictView[] } | null;
}

/** The edit page's locals for concurrent editing: `editing` for the partials, `conflicts` for field notes. */
export function editingLocals(
  ctx: ServiceContext,
  req: Request,
  article: Article,
  update: Update,
  state: Partial<EditingState>,
): { editing: EditingState & { presence: PresenceBox }; conflicts: Record<string, ConflictView> } {
  const editing = {
    base: state.base ?? '',
    stale: state.stale ?? null,
    merged: state.merged ?? null,
    presence: presenceBox(ctx, req, article, update.id),
  };
  const conflicts = Object.fromEntries((editing.merged?.conflicts ?? []).map((c) => [c.name, c]));
  return { editing, conflicts };
}

/** The starting point of a fresh edit form (the hidden `base` field). */
export function baseOf(article: Article, update: Update): string {
  return serialiseBaseForm(updateToForm(article, update));
}

/** The `base` field as submitted: carried through block edits and invalid forms unchanged. */
export function submittedBase(req: Request): string {
  return bodyField(req, 'base');
}

/** The state of a refused stale save: the stored version, and how the user's differs from it. */
export function staleSave(
  ctx: ServiceContext,
  req: Request,
  article: Article,
  current: Update,
  mine: UpdateForm,
): Partial<EditingState> {
  return {
    base: submittedBase(req),
    stale: {
      version: current.version,
      view: updateView(article, current, ctx.clock().toISOString()),
      differences: describeDifferences(updateToForm(article, current), mine),
    },
  };
}

function placeOf(name: string): { anchor: string; inline: boolean } {
  const block = /^blocks\.(\d+)\.(\w+)$/.exec(name);
  const anchor = block ? `${EDIT_PREFIX}b${block[1]}-${block[2]}` : `${EDIT_PREFIX}${name}`;
  return { anchor, inline: !['time', 'asker'].includes(block?.[2] ?? name) };
}

/**
 * "Apply my changes on top": merges the submitted form (changed from `base`) into the current version.
 * The result starts from the current version, so it carries that version and becomes the new base.
 */
export function applyOnTop(
  req: Request,
  article: Article,
  current: Update,
): { form: UpdateForm; state: Partial<EditingState> } {
  const base = parseBaseForm(submittedBase(req));
  if (!base)
    throw new HttpError(
      400,
      'This form does not say which version it started from, so your changes cannot be applied on top. Copy your text, then start again from the current version.',
    );
  const theirs = updateToForm(article, current);
  const { form, conflicts } = mergeUpdateForms(base, updateForm(req), theirs);
  return {
    form,
    state: {
      base: serialiseBaseForm(theirs),
      merged: {
        version: current.version,
        conflicts: conflicts.map((c) => ({ ...c, ...placeOf(c.name) })),
      },
    },
  };
}

/** One field of the article form beside the stored value, for the article's 409 page. */
export interface ArticleFieldComparison {
  label: string;
  changed: boolean;
  /** From the stored value to the user's: `del` only in the stored one, `ins` only in the user's. */
  parts: DiffPart[];
}

/** The article form's fields as the 409 page names them, in the desk's language. */
const articleLabels = (dt: DeskMessages): [keyof ArticleForm, string][] => [
  ['title', dt.common.title],
  ['slug', dt.article.slug],
  ['summary', dt.article.summary],
  ['tags', dt.article.tags],
  ['locale', dt.common.language],
  ['timeZone', dt.article.timeZone],
  ['live', dt.article.liveShort],
  ['translation', dt.article.translationShort],
];

/** The stored article's metadata, field by field, with the differences from the user's form marked. */
export function articleConflict(
  current: ArticleForm,
  mine: ArticleForm,
  dt: DeskMessages,
): { fields: ArticleFieldComparison[]; changed: number } {
  const shown = (form: ArticleForm, key: keyof ArticleForm) =>
    key === 'live'
      ? form.live
        ? dt.diff.yes
        : dt.diff.no
      : key === 'locale'
        ? (dt.languages[form.locale] ?? form.locale)
        : (form[key] ?? '').replace(/\r\n?/g, '\n').trim();
  const fields = articleLabels(dt).map(([key, label]) => {
    const [theirs, ours] = [shown(current, key), shown(mine, key)];
    return { label, changed: theirs !== ours, parts: diffWords(theirs, ours) };
  });
  return { fields, changed: fields.filter((f) => f.changed).length };
}
