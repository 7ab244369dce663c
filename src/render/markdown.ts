// Markdown → safe HTML. marked does not sanitise, so raw HTML is escaped by the renderer and the output
// goes through sanitize-html with a strict allowlist as a second line of defence.
import { Marked, type Tokens } from 'marked';
import { memoised } from './memo.js';
import sanitizeHtml from 'sanitize-html';

const LINK_REL = 'nofollow noopener';

/** Escapes text for use in HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML, block or inline, is shown as the text the author typed.
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
    },
    // Text between an inline <script>/<style>/<pre> pair arrives unescaped ("escaped: true"); escape it.
    text(token: Tokens.Text | Tokens.Escape): string | false {
      if (token.type === 'text' && token.escaped === true && !token.tokens) return escapeHtml(token.text);
      return false;
    },
    // Images are not allowed: keep the alt text.
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
    // Task-list checkboxes would be <input>; show them as text.
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '[x] ' : '[ ] ';
    },
  },
});

const linkRel: sanitizeHtml.Transformer = (tagName, attribs) => ({
  tagName,
  attribs: { ...attribs, rel: LINK_REL },
});

const baseOptions = {
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
} satisfies sanitizeHtml.IOptions;

const blockOptions: sanitizeHtml.IOptions = {
  ...baseOptions,
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  // The page owns <h1>; deeper levels than h4 are folded into h4 rather than escaped.
  transformTags: {
    a: linkRel,
    h1: sanitizeHtml.simpleTransform('h2', {}),
    h5: sanitizeHtml.simpleTransform('h4', {}),
    h6: sanitizeHtml.simpleTransform('h4', {}),
  },
};

const inlineOptions: sanitizeHtml.IOptions = {
  ...baseOptions,
  allowedTags: ['strong', 'em', 'del', 'code', 'a', 'br'],
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  transformTags: { a: linkRel },
};

// ---------------------------------------------------------------------------------------------------------
// !!! DANGER: TEST-ONLY POSITIVE CONTROL. NEVER SET THIS OUTSIDE THE HOSTILE-CONTENT BROWSER TEST. !!!
// With DATELINE_UNSAFE_NO_SANITIZE=positive-control (and NODE_ENV other than "production"), Markdown is
// rendered by a plain marked instance and NOT sanitised: raw HTML and javascript: links pass through as
// they are. test/browser/hostile.test.ts turns it on for its control pages only, to prove that its
// detectors do see script run when the defences are off (a harness that never sees anything is broken).
// It is read at every call (so a test can flip it around one request) and ignored in production.
// ---------------------------------------------------------------------------------------------------------
const unsafeMarked = new Marked({ gfm: true, breaks: false });

// Decided once for production (reading process.env on every block was a measurable part of a render).
const PRODUCTION = process.env.NODE_ENV === 'production';

/** Whether the test-only positive control is on: output made now must not be kept (see above). */
export function unsafePositiveControl(): boolean {
  return !PRODUCTION && process.env.DATELINE_UNSAFE_NO_SANITIZE === 'positive-control';
}

// A block is parsed and sanitised once per version (its source is its version), not on every page view:
// when it is written (app.ts prepares every changed update after its commit), not when it is read.
let parsed = 0;
const blockHtml = memoised((source) => {
  parsed += 1;
  return sanitizeHtml(marked.parse(source, { async: false }), blockOptions);
});
const inlineHtml = memoised((source) => {
  parsed += 1;
  return sanitizeHtml(marked.parseInline(source, { async: false }), inlineOptions);
});

/** How many Markdown sources this process has parsed (a read that parses none found them all kept). */
export function markdownParsed(): number {
  return parsed;
}

/** Renders block Markdown (article text, answers) to sanitised HTML. */
export function renderMarkdown(source: string): string {
  if (unsafePositiveControl()) return unsafeMarked.parse(source, { async: false }); // TEST-ONLY, see above
  return blockHtml(source); // async: false above selects marked's string overload
}

/** Renders one line of inline Markdown (Q&A questions) to sanitised HTML without block tags. */
export function renderInlineMarkdown(source: string): string {
  if (unsafePositiveControl()) return unsafeMarked.parseInline(source, { async: false }); // TEST-ONLY
  return inlineHtml(source);
}
