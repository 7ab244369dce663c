// Full-text search, the pure parts: turning what a reader types into an FTS5 query that can never be
// FTS5 syntax, and turning blocks into the plain text the index holds.
//
// Decisions:
// - Every word (or "quoted phrase") the user types becomes an FTS5 phrase in double quotes, so AND, OR,
//   NOT, NEAR(, column filters, parentheses and stray quotes are just words. The only syntax kept is a
//   trailing `*` for prefix search ("lön*"). Words are ANDed (FTS5's implicit operator).
// - "a-kassor" stays one phrase: the tokenizer splits it into "a" "kassor", which must then be adjacent,
//   so it matches "A-kassor" and "a-kassor" but not "a" somewhere and "kassor" somewhere else.
// - A query with nothing searchable in it ("*", "\"", "-") is refused with a friendly message.

/** Marks the start and end of a match in snippets (private-use characters never kept in indexed text). */
export const MATCH_OPEN = '\uE000';
export const MATCH_CLOSE = '\uE001';

export const SEARCH_LIMITS = { queryLength: 200, terms: 12 } as const;

export type SearchQuery =
  | { ok: true; match: string; terms: string[] }
  | { ok: false; reason: 'empty' | 'too_long' | 'too_many_terms' };

const SEARCHABLE = /[\p{L}\p{N}]/u;

/** A phrase for FTS5: in double quotes, with any double quote inside doubled. */
export function ftsPhrase(text: string, prefix = false): string {
  return `"${text.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

/**
 * Parses what the user typed into an FTS5 MATCH expression made only of quoted phrases.
 * `"two words"` is one phrase; a trailing `*` on a word or phrase makes it a prefix search.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  // Control characters go: a NUL would end FTS5's string early ("unterminated string").
  const input = cleanIndexText(raw.normalize('NFC')).trim();
  if ([...input].length > SEARCH_LIMITS.queryLength) return { ok: false, reason: 'too_long' };
  const pieces: { text: string; prefix: boolean }[] = [];
  // Balanced "phrases" first; any other double quote is only a separator.
  const pattern = /"([^"]*)"(\*?)|([^\s"]+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[1];
    const bare = match[3];
    if (phrase !== undefined) {
      pieces.push({ text: phrase.trim(), prefix: match[2] === '*' });
    } else if (bare !== undefined) {
      const prefix = /[\p{L}\p{N}]\*+$/u.test(bare);
      pieces.push({ text: bare.replace(/\*+$/, ''), prefix });
    }
  }
  const terms = pieces.filter((piece) => SEARCHABLE.test(piece.text));
  if (terms.length === 0) return { ok: false, reason: 'empty' };
  if (terms.length > SEARCH_LIMITS.terms) return { ok: false, reason: 'too_many_terms' };
  return {
    ok: true,
    match: terms.map((term) => ftsPhrase(term.text, term.prefix)).join(' '),
    terms: terms.map((term) => term.text),
  };
}

/** The longest prefix with its own FTS5 prefix index (migrations/008_search_by_article.sql). */
export const INDEXED_PREFIX = 6;
/** A long prefix standing for more terms than this is left to FTS5. */
export const MAX_PREFIX_TERMS = 40;
const PREFIX_PHRASE = /"((?:[^"]|"")+)"\*/g;

/**
 * Rewrites each prefix search longer than the prefix indexes, `"evakuering"*`, as the words of the index
 * it stands for, `("evakuering" OR "evakueringen")`. FTS5 finds such a prefix by merging the lists of every
 * matching word, again in each statement of a search (ranking, then each shown article); the words are
 * looked up once instead. Only a single word is rewritten, and only when it folds to a–z and digits the
 * way the tokenizer folds it ("Evakuéring" → "evakuering"); `wordsBetween(from, to)` gives the index's
 * words in [from, to), or null when there are too many. Anything else stays as FTS5 syntax.
 */
export function expandLongPrefixes(
  match: string,
  wordsBetween: (from: string, to: string) => string[] | null,
): string {
  return match.replace(PREFIX_PHRASE, (whole, text: string) => {
    const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (!/^[a-z0-9]+$/.test(folded) || folded.length <= INDEXED_PREFIX) return whole;
    const to = folded.slice(0, -1) + String.fromCharCode(folded.charCodeAt(folded.length - 1) + 1);
    const words = wordsBetween(folded, to);
    if (!words || words.length === 0) return whole;
    return `(${words.map((word) => ftsPhrase(word)).join(' OR ')})`;
  });
}

/** A block as the index sees it: speakers by name. */
export type SearchableBlock =
  | { type: 'text'; markdown: string }
  | { type: 'qa'; question: string; answer: string; speaker: string | null }
  | { type: 'quote'; text: string; source: string | null; speaker: string | null };

/** Text fit for the index: no snippet markers, no control characters. */
export function cleanIndexText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\uE000\uE001\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
}

/**
 * Markdown as plain text, well enough for search and snippets: link targets, emphasis, heading, list
 * and quote markers go; the words stay. (Rendering is not needed: the tokenizer ignores punctuation.)
 */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)/gm, '')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|[\s(])[*_]+|[*_]+(?=[\s).,:;!?]|$)/gm, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** One update's blocks as the plain text the index holds, a paragraph per block. */
export function updateSearchText(blocks: SearchableBlock[]): string {
  const parts = blocks.map((block) => {
    if (block.type === 'text') return markdownToPlain(block.markdown);
    if (block.type === 'qa') {
      return [markdownToPlain(block.question), markdownToPlain(block.answer), block.speaker ?? ''].join('\n');
    }
    return [block.text, block.source ?? '', block.speaker ?? ''].join('\n');
  });
  return cleanIndexText(
    parts
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join('\n\n'),
  );
}
