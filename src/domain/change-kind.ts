import { LIMITS } from './limits.js';
import { hasControlCharacters, oneLine, type FieldErrors, type Validated } from './validation.js';

// Editing a published update asks what kind of change it is: a silent fix (a typo, formatting: recorded
// in the history, not shown to readers) or a correction with a public note shown on the update.

export const CHANGE_KINDS = ['fix', 'correction'] as const;

/** The change-kind fields of the edit form as submitted. */
export interface ChangeKindForm {
  changeKind: string;
  correctionNote: string;
}

export type ChangeKind = { kind: 'fix' } | { kind: 'correction'; note: string };

/**
 * Checks the change kind of an edit to a published update. A missing choice is a fix (the form preselects
 * it, and older clients never send one); a correction needs its public note (at most 500 characters).
 */
export function validateChangeKind(form: ChangeKindForm): Validated<ChangeKind> {
  const errors: FieldErrors = {};
  if (form.changeKind === '' || form.changeKind === 'fix') return { ok: true, value: { kind: 'fix' } };
  if (form.changeKind !== 'correction') {
    return { ok: false, errors: { changeKind: 'Choose a silent fix or a correction.' } };
  }
  const note = oneLine(form.correctionNote);
  if (note === '') errors.correctionNote = 'Write the correction note that readers will see.';
  else if ([...note].length > LIMITS.correction)
    errors.correctionNote = `The correction note must be at most ${LIMITS.correction} characters.`;
  else if (hasControlCharacters(note)) errors.correctionNote = 'Remove the invisible control characters.';
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, value: { kind: 'correction', note } };
}
