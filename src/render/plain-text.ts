// Plain text from what authors write: sanitised HTML, Markdown and blocks as a reader would read them, for
// JSON-LD bodies, link-preview descriptions and feed summaries.
import type { Block, Update } from '../domain/types.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';
import { memoised } from './memo.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the character references that sanitised HTML contains, in one pass (no double decoding). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Sanitised HTML to plain text: block ends become line breaks, tags go, entities are decoded. */
const htmlToText = memoised(function htmlToText(html: string): string {
  // Sanitised output escapes every `<` and `>` in text, so each `<…>` left is a tag and a line break right
  // after `>` is marked's layout between tags, not the author's.
  const text = html
    .replace(/>\n/g, '>')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:li|tr)>/gi, '\n')
    .replace(/<\/(?:p|h[1-6]|blockquote|pre|ul|ol|table)>|<hr\s*\/?>/gi, '\n\n')
    .replace(/<\/t[dh]>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
});

/** Markdown as plain text, the way a reader would read it. */
export function markdownToText(markdown: string): string {
  return htmlToText(renderMarkdown(markdown));
}

/** A block as plain text: Markdown stripped, an exchange as "question\nanswer", a quote as its words. */
export function blockText(block: Block): string {
  if (block.type === 'text') return markdownToText(block.markdown);
  if (block.type === 'qa') {
    return `${htmlToText(renderInlineMarkdown(block.question))}\n${markdownToText(block.answer)}`;
  }
  return block.text.trim();
}

/** An update's blocks as plain text, one paragraph per block. */
export function updateText(update: Update): string {
  return update.blocks
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n\n');
}

/** Cuts text to a description length at a word boundary. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
