import { MATCH_CLOSE, MATCH_OPEN } from '../domain/search.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * A snippet from FTS5 (matches between MATCH_OPEN and MATCH_CLOSE) as safe HTML: the text is escaped
 * first, then the markers become `<mark>`…`</mark>`. Markers are only honoured in pairs, so a stray one
 * can never leave an element open; the indexed text never contains them (cleanIndexText).
 */
export function snippetHtml(raw: string): string {
  let open = false;
  let html = '';
  for (const part of raw.split(/([\uE000\uE001])/)) {
    if (part === MATCH_OPEN) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MATCH_CLOSE) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}
