// schema.org JSON-LD for reader pages: LiveBlogPosting / NewsArticle with one BlogPosting per published
// update, Quotation for attributed words, and `jsonLdScript` to embed it safely. Pure: the caller passes in
// the article, its updates and the site's origin.
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
// - A published update's corrections are `correction: [CorrectionComment]` on its BlogPosting (on the
//   NewsArticle for an article that is not live coverage): the public note and when it was made.
import type { Article, Person, Update } from '../domain/types.js';
import { correctionComments } from './corrections.js';
import { messages } from './i18n.js';
import { unsafePositiveControl } from './markdown.js';
import { InputMemo } from './memo.js';
import { markdownToText, updateText } from './plain-text.js';
import { urlsFor } from './site-urls.js';
import {
  isLiveCoverage,
  isPublished,
  updateHeadline,
  updateModified,
  updatePublished,
  type UpdateStamp,
} from './update-stamps.js';

/** A JSON-LD node: plain JSON. */
export type JsonLd = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | JsonLd;

const PUBLISHER: JsonLd = { '@type': 'Organization', name: messages('sv').siteName };

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
  const { node, posts, urls } = articleNode(article, updates, origin);
  if (!posts) return node;
  return {
    ...node,
    liveBlogUpdate: posts.map((update) => blogPosting(article, update, urls.anchor(update))),
  };
}

/**
 * `jsonLdScript(articleJsonLd(…))`, and the article's node without its updates (for the page's meta
 * tags). A re-render after a change usually changes one update, so each BlogPosting is serialised once
 * per content and kept (see postingScript).
 */
export function articleJsonLdScript(
  article: Article,
  updates: PageUpdates,
  origin: string | null = null,
): { node: JsonLd; script: string } {
  const { node, posts, urls } = articleNode(article, updates, origin);
  const script = jsonLdScript(node);
  if (!posts) return { node, script };
  // liveBlogUpdate is the node's last key, as articleJsonLd adds it: the same bytes. Concatenated, not
  // joined: the page is copied into one string once, when it is encoded (join copied 26 KB per miss).
  let list = '';
  for (const update of posts) {
    list = `${list}${list === '' ? '' : ','}${postingScript(article, update, urls.anchor(update))}`;
  }
  return { node, script: `${script.slice(0, -1)},"liveBlogUpdate":[${list}]}` };
}

// Serialised BlogPostings, kept with the update as read (blocks, speakers, corrections) and used while it
// is unchanged, under its URL and the article's language and zone (headline fallback, correction times);
// nothing is kept while the test-only Markdown control is on (src/render/markdown.ts).
const postings = new InputMemo<Update>(4 * 1024 * 1024);
let postingsMade = 0;

function postingScript(article: Article, update: Update, url: string): string {
  const make = () => {
    postingsMade += 1;
    return jsonLdScript(blogPosting(article, update, url));
  };
  if (unsafePositiveControl()) return make();
  return postings.get(`${url}\n${article.locale}\n${article.timeZone}`, update, make); // no newlines in these
}

/** How many BlogPostings this process has serialised (a view that makes none found them all kept). */
export function blogPostingsMade(): number {
  return postingsMade;
}

/**
 * Makes and keeps the BlogPosting an article page at `origin` will show for the update (live coverage);
 * false when the page shows none for it.
 */
export function prepareBlogPosting(article: Article, update: Update, origin: string): boolean {
  if (!isLiveCoverage(article) || !isPublished(update)) return false;
  postingScript(article, update, urlsFor(article, origin).anchor(update));
  return true;
}

/** The page's node; for live coverage without liveBlogUpdate, with the updates it lists (`posts`). */
function articleNode(article: Article, updates: PageUpdates, origin: string | null) {
  const urls = urlsFor(article, origin);
  const published = updates.all.filter(isPublished);
  const shown = shownUpdates(updates).filter(isPublished);
  const live = isLiveCoverage(article);
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
    // Live coverage has its quotations on each BlogPosting instead (not made here: they are kept).
    const parts = shown.flatMap(quotations);
    const body = shown.map((u) => [u.headline ?? '', updateText(u)].filter((s) => s !== '').join('\n\n'));
    const corrections: JsonLd[] = shown.flatMap((update) => correctionComments(article, update));
    const node = compact({
      ...common,
      articleBody: body.filter((s) => s !== '').join('\n\n'),
      hasPart: parts.length > 0 ? parts : undefined,
      correction: corrections.length > 0 ? corrections : undefined,
    });
    return { node, posts: null, urls };
  }
  const node = compact({
    ...common,
    coverageStartTime: article.coverageStartedAt ?? article.publishedAt ?? article.createdAt,
    coverageEndTime: article.live ? undefined : (article.coverageEndedAt ?? undefined),
  });
  return { node, posts: shown, urls };
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
