// Validation results are values, not exceptions.

export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Collapses runs of whitespace and trims; single-line fields only. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Normalises line endings and trims; keeps inner blank lines (Markdown paragraphs). */
export function multiLine(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

/** Records an error when `value` is longer than `max` characters (code points). */
export function checkLength(
  errors: FieldErrors,
  field: string,
  value: string,
  max: number,
  label: string,
): void {
  if ([...value].length > max) errors[field] = `${label} must be at most ${max} characters.`;
}

/** Text that must not contain control characters other than tab and newline. */
export function hasControlCharacters(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}
