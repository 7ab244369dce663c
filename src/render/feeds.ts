// Atom, RSS 2.0 and JSON Feed for the site (the newest published updates of every article) and for one
// article (its newest published updates), built with the `feed` package. Pure: the route passes in the
// updates and where the site is.
//
// Decisions:
// - An entry is one published update: its permalink is the entry's id and link, its headline (or
//   dateline) the title (prefixed with the article's title in the site feed), its blocks the HTML
//   content (the same sanitised HTML as the page: interviews as <dl>, quotes as <blockquote>) and its
//   public corrections a "Rättelse …: note" paragraph at the end. `updated` is the last edit, `published`
//   the first publication. Newest first by first publication, FEED_ENTRIES of them.
// - Feed URLs must be absolute: from DATELINE_BASE_URL, else the request's origin (site-urls.ts);
//   when neither is usable, http://localhost stands in rather than failing.
// - Titles are plain text in every format (Atom's are rewritten from the package's type="html" to
//   type="text"); summaries and contents are HTML. Characters XML 1.0 forbids (control characters) are
//   removed everywhere, "]]>" cannot end a CDATA section early (cdataSafe), and text reaches elements
//   and attributes escaped exactly once, whatever the package's XML writer does (xmlPlain, finishXml).
import { Feed, type Item } from 'feed';
import type { Article, Update } from '../domain/types.js';
import { segmentBlocks, type SegmentView } from './article-view.js';
import { correctionsFor } from './corrections.js';
import { messages } from './i18n.js';
import { escapeHtml } from './search-view.js';
import { excerpt, updateText } from './plain-text.js';
import { updateHeadline } from './update-stamps.js';

export type FeedFormat = 'atom' | 'rss' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['atom', 'rss', 'json'];
export const FEED_ENTRIES = 50;

/** Content types, with the file extension each feed's URL ends in. */
export const FEED_TYPES: Record<FeedFormat, { contentType: string; extension: string }> = {
  atom: { contentType: 'application/atom+xml', extension: 'atom' },
  rss: { contentType: 'application/rss+xml', extension: 'rss' },
  json: { contentType: 'application/feed+json', extension: 'json' },
};

const FALLBACK_ORIGIN = 'http://localhost';
const DESCRIPTION_MAX = 280;

/**
 * Removes what XML 1.0 does not allow (C0 controls other than tab and newlines, U+FFFE/U+FFFF) and the
 * private-use characters this module uses as placeholders (U+E002–U+E005).
 */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uE002-\uE005]/g, '');
}

/**
 * Text for a CDATA section: the `feed` package (through xml-js) splits only the first "]]>" of a CDATA
 * section, so a second one would end it early. A zero-width space keeps every "]]>" from closing it.
 */
export function cdataSafe(text: string): string {
  return text.replaceAll(']]>', ']]\u200B>');
}

// xml-js, under the `feed` package, escapes text nodes lossily (it first turns "&amp;" back into "&", so
// a typed "&amp;" arrives as "&") and writes attribute values with "<" unescaped (Atom's category label).
// Text bound for elements and attributes therefore goes in with &, < and > as placeholders, which
// `finishXml` turns into entities once the XML is written. Input never holds them (xmlSafe).
const AMP = '\uE002';
const LT = '\uE003';
const GT = '\uE004';
const TITLE_MARK = '\uE005';

/** Plain text for an XML element or attribute that xml-js writes: escaped exactly once, by finishXml. */
function xmlPlain(text: string): string {
  return xmlSafe(text).replace(/&/g, AMP).replace(/</g, LT).replace(/>/g, GT);
}

/**
 * The written XML with placeholders turned into entities, and each Atom entry title (written as a
 * marker) turned from the package's `type="html"` into a plain `type="text"` title.
 */
function finishXml(xml: string, atomTitles: string[]): string {
  let out = xml;
  atomTitles.forEach((title, index) => {
    const marker = `<title type="html"><![CDATA[${TITLE_MARK}${index}${TITLE_MARK}]]></title>`;
    out = out.replace(marker, () => `<title type="text">${xmlPlain(title)}</title>`);
  });
  return out.replace(/[\uE002-\uE004]/g, (char) => (char === AMP ? '&amp;' : char === LT ? '&lt;' : '&gt;'));
}

/** `<link rel="alternate">` entries for a page: the feeds under `path` ('' for the site). */
export function feedAlternates(path: string, title: string) {
  return FEED_FORMATS.map((format) => ({
    type: FEED_TYPES[format].contentType,
    title: `${title} (${format === 'json' ? 'JSON Feed' : format === 'rss' ? 'RSS' : 'Atom'})`,
    href: `${path}/feed.${FEED_TYPES[format].extension}`,
  }));
}

function segmentHtml(segment: SegmentView): string {
  if (segment.kind === 'text') return segment.html;
  if (segment.kind === 'quote') {
    const paragraphs = segment.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
    const source = segment.source ? `<footer>— ${escapeHtml(segment.source)}</footer>` : '';
    return `<blockquote>${paragraphs}${source}</blockquote>`;
  }
  const exchanges = segment.exchanges
    .map((exchange) => {
      const speaker = exchange.speakerLabel ? `<p><em>${escapeHtml(exchange.speakerLabel)}</em></p>` : '';
      return `<dt><strong>${exchange.questionHtml}</strong></dt><dd>${speaker}${exchange.answerHtml}</dd>`;
    })
    .join('');
  return `<dl>${exchanges}</dl>`;
}

/** The entry's HTML: the update's blocks as on the page, then its public corrections. */
export function entryHtml(article: Article, update: Update): string {
  const body = segmentBlocks(update.blocks, article.locale).map(segmentHtml).join('\n');
  const corrections = correctionsFor(article, update)
    .map((c) => `<p class="correction"><strong>${escapeHtml(c.label)}:</strong> ${escapeHtml(c.note)}</p>`)
    .join('\n');
  return corrections === '' ? body : `${body}\n${corrections}`;
}

/** One feed's description: its title, where it lives, and its entries (article and update pairs). */
export interface FeedSource {
  title: string;
  description: string;
  language: string;
  /** Site-relative path of the page the feed follows ('' for the front page) */
  path: string;
  origin: string | null;
  /** Prefix each entry's title with its article's title (the site feed). */
  articleTitles: boolean;
  entries: { article: Article; update: Update }[];
  /** When nothing is in the feed yet: the feed's `updated`. */
  fallbackUpdated: string;
}

const modified = (update: Update) => update.lastEditedAt ?? update.firstPublishedAt ?? update.datedAt;

/** The feed as a string in the format asked for. */
export function renderFeed(format: FeedFormat, source: FeedSource): string {
  const origin = source.origin ?? FALLBACK_ORIGIN;
  const page = `${origin}${source.path === '' ? '/' : source.path}`;
  const xml = format !== 'json';
  // Plain text in XML elements and attributes; JSON Feed takes it as it is.
  const plain = (text: string) => (xml ? xmlPlain(text) : text);
  const updated = source.entries
    .map(({ update }) => modified(update))
    .reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), source.fallbackUpdated);
  const feed = new Feed({
    id: page,
    title: plain(source.title),
    // RSS's channel description is HTML to most readers; Atom's subtitle and JSON's description are text.
    description: format === 'rss' ? plain(escapeHtml(source.description)) : plain(source.description),
    link: page,
    language: source.language,
    updated: new Date(updated),
    generator: 'Dateline',
    author: { name: plain(messages('sv').siteName) },
    feedLinks: Object.fromEntries(
      FEED_FORMATS.map((f) => [f, `${origin}${source.path}/feed.${FEED_TYPES[f].extension}`]),
    ),
  });
  const atomTitles: string[] = [];
  for (const { article, update } of source.entries) {
    const headline = updateHeadline(article, update);
    const title = xmlSafe(source.articleTitles ? `${article.title}: ${headline}` : headline);
    const link = `${origin}/articles/${article.slug}/updates/${update.id}`;
    const description = xmlSafe(excerpt(updateText(update), DESCRIPTION_MAX));
    const html = xmlSafe(entryHtml(article, update));
    if (format === 'atom') atomTitles.push(title);
    const item: Item = {
      // Atom: a marker that finishXml makes a type="text" title; RSS: text in CDATA; JSON: text.
      title:
        format === 'atom'
          ? `${TITLE_MARK}${atomTitles.length - 1}${TITLE_MARK}`
          : xml
            ? cdataSafe(title)
            : title,
      id: link,
      link,
      date: new Date(modified(update)),
      published: new Date(update.firstPublishedAt ?? update.datedAt),
      // Atom's and RSS's summaries are HTML (in CDATA); JSON Feed's is plain text.
      description: description === '' ? undefined : xml ? escapeHtml(description) : description,
      content: xml ? cdataSafe(html) : html,
      author: update.authorName ? [{ name: plain(update.authorName) }] : undefined,
      category: article.tags.map((tag) => ({ name: plain(tag) })),
    };
    feed.addItem(item);
  }
  if (format === 'atom') return finishXml(feed.atom1(), atomTitles);
  if (format === 'rss') return finishXml(feed.rss2(), []);
  return feed.json1();
}
