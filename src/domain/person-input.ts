import { LIMITS } from './limits.js';
import {
  checkLength,
  hasControlCharacters,
  multiLine,
  oneLine,
  type FieldErrors,
  type Validated,
} from './validation.js';

export interface PersonForm {
  name: string;
  title: string;
  organisation: string;
  note: string;
}

export type PersonInput = PersonForm;

const NOTE_MAX = 2000;

/** Checks a speaker-register entry: a name is required; title, organisation and note are optional. */
export function validatePerson(form: PersonForm): Validated<PersonInput> {
  const errors: FieldErrors = {};
  const value = {
    name: oneLine(form.name),
    title: oneLine(form.title),
    organisation: oneLine(form.organisation),
    note: multiLine(form.note),
  };
  if (value.name === '') errors.name = 'Give the person a name.';
  checkLength(errors, 'name', value.name, LIMITS.speaker, 'The name');
  checkLength(errors, 'title', value.title, LIMITS.speaker, 'The title');
  checkLength(errors, 'organisation', value.organisation, LIMITS.speaker, 'The organisation');
  checkLength(errors, 'note', value.note, NOTE_MAX, 'The note');
  for (const [field, text] of Object.entries(value)) {
    if (hasControlCharacters(text)) errors[field] = 'Remove the invisible control characters.';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
