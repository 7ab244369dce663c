// Machine-readable descriptions of reader pages: schema.org JSON-LD (LiveBlogPosting / NewsArticle with one
// BlogPosting per published update, Quotation for attributed words), OpenGraph and Twitter meta tags and the
// canonical URL. Everything here is pure; the route passes in the article, its updates and where the site is.
// Over 400 lines for now: the JSON-LD builders and the meta/canonical helpers belong in two files
// (structured-data.ts and page-meta.ts); left for the next session, which had no time for a verified split.
//
// Decisions:
// - The posting describes what the page shows: the updates on screen, in the page's order (the editors'
//   order on the canonical page; `?order=`/`?filter=` views mirror their own content, as structured data
//   must match visible content, and pages of a long story will describe their own updates). Dates and
//   authors still come from all published updates, since they belong to the article, not to the view.
// - Only PUBLISHED updates are described, whatever the caller passes: a staff member looking at a draft
//   article or a page with draft updates must not publish them to crawlers through the JSON-LD. A draft
//   update's own page gets no JSON-LD at all.
// - An article is a LiveBlogPosting when it is live or has ever been (it has a coverage start), so an ended
//   live story keeps its shape with a coverageEndTime; any other article is a NewsArticle whose articleBody
//   holds the text of the updates shown (no liveBlogUpdate).
// - Interview answers with a named speaker and quotes become `Quotation`s in `hasPart` (a Quotation is a
//   CreativeWork that is part of the posting), attributed with `creator`; an unattributed answer is only in
//   `articleBody`. QAPage/FAQPage would be wrong: these are interviews, not questions readers ask.
// - Absolute URLs come from DATELINE_BASE_URL when it is set. Otherwise they are built from the request's
//   protocol and host, which a client can choose (Host, or X-Forwarded-* behind a trusted proxy): set the
//   base URL in production so canonical links never depend on request headers. A host that does not look
//   like a host name is ignored and URLs stay relative (no canonical link, no og:url).
// - A published update's corrections are `correction: [CorrectionComment]` on its BlogPosting (on the
//   NewsArticle for an article that is not live coverage): the public note and when it was made.
import type { Article, Block, Locale, Person, Update } from '../domain/types.js';
import { correctionComments } from './corrections.js';
import { formatDateHeading, formatDateTime } from './dates.js';
import { messages } from './i18n.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';
import { memoised } from './memo.js';

/** A JSON-LD node: plain JSON. */
export type JsonLd = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | JsonLd;

/** One `<meta>` element: OpenGraph uses `property`, Twitter uses `name`. */
export interface MetaTag {
  attribute: 'property' | 'name';
  key: string;
  content: string;
}

/** The optional locals of `partials/head.ejs` that describe a page to crawlers and link previews. */
export interface PageHead {
  canonicalUrl: string | null;
  metaTags: MetaTag[];
  /** Already escaped by `jsonLdScript`, for `<%- %>` inside `<script type="application/ld+json">`. */
  jsonLd: string | null;
}

/** Where the site is: the configured base URL, else the request's protocol and host. */
export interface SiteLocation {
  baseUrl?: string | undefined;
  protocol?: string | undefined;
  host?: string | undefined;
}

const SITE_NAME = messages('sv').siteName;
const PUBLISHER: JsonLd = { '@type': 'Organization', name: SITE_NAME };
const OG_LOCALES: Record<Locale, string> = { sv: 'sv_SE', en: 'en_GB' };
const DESCRIPTION_MAX = 200;
// A host name, IPv4 or bracketed IPv6 address, with an optional port; anything else is not trusted.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** "https://news.example" from the base URL, or from a plausible request protocol and host; else null. */
export function siteOrigin(site: SiteLocation): string | null {
  if (site.baseUrl) return site.baseUrl.replace(/\/+$/, '');
  const { protocol, host } = site;
  if ((protocol !== 'http' && protocol !== 'https') || !host || !HOST_PATTERN.test(host)) return null;
  return `${protocol}://${host.toLowerCase()}`;
}

/** The page's URLs, absolute when the origin is known. */
function urlsFor(article: Article, origin: string | null) {
  const prefix = origin ?? '';
  const articleUrl = `${prefix}/articles/${article.slug}`;
  return {
    article: articleUrl,
    anchor: (update: Update) => `${articleUrl}#update-${update.id}`,
    permalink: (update: Update) => `${articleUrl}/updates/${update.id}`,
  };
}

// --- Plain text -------------------------------------------------------------------------------------------

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
function excerpt(text: string, max = DESCRIPTION_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// --- JSON-LD ----------------------------------------------------------------------------------------------

/** Drops keys whose value is null or undefined, so optional properties are absent rather than null. */
function compact(node: Record<string, JsonValue | undefined>): JsonLd {
  const out: JsonLd = {};
  for (const [key, value] of Object.entries(node))
    if (value !== undefined && value !== null) out[key] = value;
  return out;
}

function personNode(person: Person): JsonLd {
  return compact({
    '@type': 'Person',
    name: person.name,
    jobTitle: person.title || undefined,
    worksFor: person.organisation ? { '@type': 'Organization', name: person.organisation } : undefined,
  });
}

/** The attributed words of an update: answers with a speaker, and every quote. */
function quotations(update: Update): JsonLd[] {
  const out: JsonLd[] = [];
  for (const block of update.blocks) {
    if (block.type === 'qa' && block.speaker) {
      out.push({
        '@type': 'Quotation',
        text: markdownToText(block.answer),
        creator: personNode(block.speaker),
      });
    } else if (block.type === 'quote') {
      out.push(
        compact({
          '@type': 'Quotation',
          text: block.text.trim(),
          creator: block.speaker ? personNode(block.speaker) : undefined,
          citation: block.source ?? undefined,
        }),
      );
    }
  }
  return out;
}

const isPublished = (update: Pick<Update, 'status'>): boolean => update.status === 'published';

/** What the article's dates and authors need of an update: no blocks, no corrections. */
export type UpdateStamp = Pick<
  Update,
  'status' | 'datedAt' | 'firstPublishedAt' | 'lastEditedAt' | 'authorName'
>;

/**
 * The updates of an article page. Drafts among them are ignored. `all` is every update of the article the
 * viewer may see: the article's dates and authors come from these. `shown` is what the page shows, in the
 * page's order (default: `all`, in the order given); with it, `all` needs no content (a long story's index).
 */
export type PageUpdates = { all: Update[]; shown?: undefined } | { all: UpdateStamp[]; shown: Update[] };

/** The updates the page shows. */
function shownUpdates(updates: PageUpdates): Update[] {
  return updates.shown === undefined ? updates.all : updates.shown;
}

function latest(times: (string | null | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const time of times) {
    if (time && (best === undefined || Date.parse(time) > Date.parse(best))) best = time;
  }
  return best;
}

function updatePublished(update: UpdateStamp): string {
  return update.firstPublishedAt ?? update.datedAt;
}

function updateModified(update: UpdateStamp): string {
  return update.lastEditedAt ?? updatePublished(update);
}

/**
 * The update's headline, or its dateline ("8 december 2026 kl. 15.04" / "8 December 2026"). Day and month
 * are joined by a no-break space, as Swedish and English typography want in dates; it also keeps the page's
 * first plain "8 december" the visible day heading rather than this metadata in <head>.
 */
export function updateHeadline(article: Article, update: Update): string {
  if (update.headline) return update.headline;
  const label =
    update.precision === 'minute'
      ? formatDateTime(update.datedAt, article.locale, article.timeZone)
      : formatDateHeading(update.datedAt, article.locale, article.timeZone);
  return label.replace(/^(\d+) /, '$1\u00a0');
}

/** Whether the article is (or was) covered live, and so described as a LiveBlogPosting. */
export function isLiveCoverage(article: Article): boolean {
  return article.live || article.coverageStartedAt !== null;
}

function blogPosting(article: Article, update: Update, url: string): JsonLd {
  const parts = quotations(update);
  const corrections: JsonLd[] = correctionComments(article, update);
  return compact({
    '@type': 'BlogPosting',
    headline: updateHeadline(article, update),
    url,
    datePublished: updatePublished(update),
    dateModified: updateModified(update),
    articleBody: updateText(update),
    author: update.authorName ? { '@type': 'Person', name: update.authorName } : undefined,
    hasPart: parts.length > 0 ? parts : undefined,
    correction: corrections.length > 0 ? corrections : undefined,
  });
}

function articleAuthors(updates: UpdateStamp[]): JsonLd[] {
  const names = [...new Set(updates.map((u) => u.authorName).filter((n): n is string => n !== null))];
  return names.length > 0 ? names.map((name) => ({ '@type': 'Person', name })) : [PUBLISHER];
}

/**
 * The JSON-LD of an article page: a LiveBlogPosting with one BlogPosting per published update shown (in
 * the page's order) for live coverage, otherwise a NewsArticle whose body is those updates' text.
 */
export function articleJsonLd(article: Article, updates: PageUpdates, origin: string | null = null): JsonLd {
  const urls = urlsFor(article, origin);
  const published = updates.all.filter(isPublished);
  const shown = shownUpdates(updates).filter(isPublished);
  const live = isLiveCoverage(article);
  const parts = shown.flatMap(quotations);
  const common = {
    '@context': 'https://schema.org',
    '@type': live ? 'LiveBlogPosting' : 'NewsArticle',
    headline: article.title,
    description: article.summary || undefined,
    inLanguage: article.locale,
    url: urls.article,
    mainEntityOfPage: urls.article,
    datePublished: article.publishedAt ?? undefined,
    dateModified: latest([article.updatedAt, ...published.map(updateModified)]),
    author: articleAuthors(published),
    publisher: PUBLISHER,
    keywords: article.tags.length > 0 ? article.tags : undefined,
  };
  if (!live) {
    const body = shown.map((u) => [u.headline ?? '', updateText(u)].filter((s) => s !== '').join('\n\n'));
    const corrections: JsonLd[] = shown.flatMap((update) => correctionComments(article, update));
    return compact({
      ...common,
      articleBody: body.filter((s) => s !== '').join('\n\n'),
      hasPart: parts.length > 0 ? parts : undefined,
      correction: corrections.length > 0 ? corrections : undefined,
    });
  }
  return compact({
    ...common,
    coverageStartTime: article.coverageStartedAt ?? article.publishedAt ?? article.createdAt,
    coverageEndTime: article.live ? undefined : (article.coverageEndedAt ?? undefined),
    liveBlogUpdate: shown.map((update) => blogPosting(article, update, urls.anchor(update))),
  });
}

/** The JSON-LD of one update's own page: a BlogPosting that is part of the article; null for a draft. */
export function updateJsonLd(article: Article, update: Update, origin: string | null = null): JsonLd | null {
  if (!isPublished(update)) return null;
  const urls = urlsFor(article, origin);
  const url = urls.permalink(update);
  return {
    '@context': 'https://schema.org',
    ...blogPosting(article, update, url),
    mainEntityOfPage: url,
    inLanguage: article.locale,
    publisher: PUBLISHER,
    isPartOf: {
      '@type': isLiveCoverage(article) ? 'LiveBlogPosting' : 'NewsArticle',
      headline: article.title,
      url: urls.article,
    },
  };
}

const SCRIPT_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for the inside of `<script type="application/ld+json">`. `<`, `>` and `&` only occur inside JSON
 * strings, where `\uXXXX` means the same character, so "</script>" or "<!--" in a title cannot end or
 * alter the element; U+2028/U+2029 are escaped for older JavaScript parsers. Safe to output with `<%- %>`.
 */
export function jsonLdScript(data: JsonLd): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_UNSAFE[char] ?? char);
}

// --- OpenGraph and Twitter --------------------------------------------------------------------------------

function metaTags(fields: {
  title: string;
  description: string;
  url: string | null;
  locale: Locale;
  published: string | null | undefined;
  modified: string | null | undefined;
  tags: string[];
}): MetaTag[] {
  const og = (key: string, content: string | null | undefined): MetaTag[] =>
    content ? [{ attribute: 'property', key, content }] : [];
  return [
    ...og('og:type', 'article'),
    ...og('og:title', fields.title),
    ...og('og:description', fields.description),
    ...og('og:url', fields.url),
    ...og('og:site_name', SITE_NAME),
    ...og('og:locale', OG_LOCALES[fields.locale]),
    ...og('article:published_time', fields.published),
    ...og('article:modified_time', fields.modified),
    ...fields.tags.flatMap((tag) => og('article:tag', tag)),
    { attribute: 'name', key: 'twitter:card', content: 'summary' },
  ];
}

/** Everything `partials/head.ejs` needs for an article page; drafts among `updates` are left out. */
export function articlePageHead(article: Article, updates: PageUpdates, site: SiteLocation): PageHead {
  const origin = siteOrigin(site);
  const data = articleJsonLd(article, updates, origin);
  const canonicalUrl = origin ? urlsFor(article, origin).article : null;
  return {
    canonicalUrl,
    metaTags: metaTags({
      title: article.title,
      description: article.summary,
      url: canonicalUrl,
      locale: article.locale,
      published: article.publishedAt,
      modified: typeof data.dateModified === 'string' ? data.dateModified : article.updatedAt,
      tags: article.tags,
    }),
    jsonLd: jsonLdScript(data),
  };
}

/** Everything `partials/head.ejs` needs for one update's page (no JSON-LD for a draft update). */
export function updatePageHead(article: Article, update: Update, site: SiteLocation): PageHead {
  const origin = siteOrigin(site);
  const data = updateJsonLd(article, update, origin);
  const canonicalUrl = origin ? urlsFor(article, origin).permalink(update) : null;
  const published = isPublished(update);
  return {
    canonicalUrl,
    metaTags: metaTags({
      title: `${updateHeadline(article, update)} – ${article.title}`,
      description: excerpt(updateText(update)) || article.summary,
      url: canonicalUrl,
      locale: article.locale,
      published: published ? updatePublished(update) : null,
      modified: published ? updateModified(update) : null,
      tags: article.tags,
    }),
    jsonLd: data ? jsonLdScript(data) : null,
  };
}
