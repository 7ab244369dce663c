// Desk scripts take their words from data-msg-* attributes rendered from the desk's catalogue in the user's
// language (src/render/i18n/desk-*.ts); the sentences carry {placeholders} that the scripts fill in.

/**
 * A sentence with its {placeholders} replaced (values are not searched again, so a name may hold braces).
 * @param {string | undefined} template
 * @param {Record<string, string>} values
 */
export function fill(template, values) {
  return (template ?? '').replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
}
