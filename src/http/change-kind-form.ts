import type { Request } from 'express';
import { validateChangeKind, type ChangeKindForm } from '../domain/change-kind.js';
import type { Update } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import type { EditKind } from '../services/updates.js';
import { fields } from './forms.js';

/** The edit form's change-kind question: only a published update asks it. */
export interface ChangeKindSubmission {
  /** What to show again in the form (null: the form does not ask, the update is a draft). */
  form: ChangeKindForm | null;
  errors: FieldErrors;
  /** The kind of edit to save, or null when the answer is invalid. */
  edit: EditKind | null;
}

/** The form's answer before anything was chosen: a silent fix. */
export const FIX_FORM: ChangeKindForm = { changeKind: 'fix', correctionNote: '' };

/** Reads `changeKind` (fix | correction) and `correctionNote` for an edit of `update`. */
export function readChangeKind(req: Request, update: Pick<Update, 'status'>): ChangeKindSubmission {
  if (update.status !== 'published') return { form: null, errors: {}, edit: { kind: 'edit' } };
  const form = fields(req, ['changeKind', 'correctionNote'] as const);
  const checked = validateChangeKind(form);
  if (!checked.ok) return { form, errors: checked.errors, edit: null };
  const edit: EditKind =
    checked.value.kind === 'correction' ? { kind: 'correction', note: checked.value.note } : { kind: 'edit' };
  return { form: { ...form, changeKind: checked.value.kind }, errors: {}, edit };
}
