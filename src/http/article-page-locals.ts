// What an article page (`reader/article`) shows and how its responses may be cached. Built here for the
// reader route (src/http/reader-routes.ts, through Express) and for an anonymous reader's first view after
// a change, answered before Express (src/http/article-miss.ts): one builder, so both paths render the same
// page with the same headers.
import type { ServerResponse } from 'node:http';
import type { Article, Update } from '../domain/types.js';
import type { ReaderOrder } from '../domain/ordering.js';
import { unreadSince, updateHref, type PageRequest, type ReaderFilter } from '../render/article-page.js';
import { articleByline, dayGroups, formatStamp, keyEventLinks } from '../render/article-view.js';
import { articleCorrections } from '../render/corrections.js';
import { feedAlternates } from '../render/feeds.js';
import { messages } from '../render/i18n.js';
import { articlePageHead } from '../render/page-head.js';
import { renderView } from '../render/templates.js';
import type { SiteLocation } from '../render/site-urls.js';
import { translationLinks } from '../render/translation-links.js';
import { updateHtml } from '../render/update-html.js';
import type { ServiceContext } from '../services/context.js';
import { translationOf } from '../services/translations.js';
import { readStoryPage } from './story-page.js';

/** One view of an article: order, filter, page, and the returning reader's last visit (or null). */
export interface ArticleView extends PageRequest {
  since: string | null;
}

/** What a reader who follows a plain link to the article sees. */
export const FIRST_VIEW: ArticleView = { order: 'editors', filter: 'all', page: 1, since: null };

/** The locals an anonymous reader's page is rendered with (what the app's middleware sets for one). */
export const ANONYMOUS_LOCALS = { user: null, csrf: () => '', partial: renderView } as const;

/**
 * Staff see drafts (marked); readers get cacheable pages, staff never do. `Surrogate-Key` names the
 * article (or the front page) so a CDN in front can purge exactly what a change touched.
 */
export function setCaching(res: ServerResponse, staff: boolean, article?: Article): void {
  const vary = res.getHeader('Vary');
  res.setHeader('Vary', vary === undefined ? 'Cookie' : `${String(vary)}, Cookie`);
  res.setHeader('Surrogate-Key', article ? `article-${article.id}` : 'front');
  if (staff) res.setHeader('Cache-Control', 'private, no-store');
  else if (article?.live) res.setHeader('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
  else res.setHeader('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
}

/** A later page of a long story is its own page: its canonical URL says which. */
function pagedHead<T extends { canonicalUrl: string | null }>(head: T, page: number): T {
  return page > 1 && head.canonicalUrl
    ? { ...head, canonicalUrl: `${head.canonicalUrl}?page=${page}` }
    : head;
}

/**
 * The locals of `reader/article` for one view of the article (drafts included, marked, for `staffView`);
 * undefined when the view asks for a page past the last one.
 */
export function articlePageLocals(
  ctx: ServiceContext,
  article: Article,
  staffView: boolean,
  view: ArticleView,
  site: SiteLocation,
): Record<string, unknown> | undefined {
  const { order, filter, page, since } = view;
  // Long stories: UPDATES_PER_PAGE a page, the pinned update on page 1; only the page's content is read.
  const story = readStoryPage(ctx, article.id, staffView, { order, filter, page });
  if (!story) return undefined;
  const { index, pinned, onPage, pages, pageOf } = story;
  const now = ctx.clock().toISOString();
  // Links to other views of the page: order and filter are words of their own (READER_FILTERS, ordering.ts),
  // the page a number; only the reader's `since` needs encoding, once.
  const sinceParam = since ? new URLSearchParams({ since }).toString() : null;
  const query = (o: ReaderOrder, f: ReaderFilter, p = 1) => {
    const params: string[] = [];
    if (o !== 'editors') params.push(`order=${o}`);
    if (f !== 'all') params.push(`filter=${f}`);
    if (p > 1) params.push(`page=${p}`);
    if (sinceParam) params.push(sinceParam);
    return `?${params.join('&')}`;
  };
  const hrefFor = (id: number) => updateHref(id, pageOf, page, (p) => query(order, filter, p));
  const unread = unreadSince(index, since);
  // Each update's HTML is kept per content (render/update-html.ts): a change re-renders only what changed.
  const show = (update: Update) => ({
    html: updateHtml(article, update, now, { isNew: unread.ids.has(update.id) }),
  });
  const t = messages(article.locale);
  return {
    article: { ...article, draft: article.status !== 'published' },
    pinned: pinned ? show(pinned) : null,
    groups: dayGroups(article, onPage, now, show),
    keyEvents: keyEventLinks(
      article,
      index.filter((u) => u.status === 'published'),
      now,
      hrefFor,
    ),
    paging: {
      page,
      pages,
      newer: page > 1 ? query(order, filter, page - 1) : null,
      older: page < pages ? query(order, filter, page + 1) : null,
    },
    since: since && {
      count: unread.ids.size,
      label: formatStamp(since, article),
      firstUnread: unread.first ? hrefFor(unread.first.id) : null,
    },
    tagLinks: ctx.repos.tags.forArticle(article.id),
    translation: translationLinks(article, translationOf(ctx, article), site),
    alternates: [
      ...feedAlternates(`/articles/${article.slug}`, t.articleFeedTitle(article.title)),
      ...feedAlternates('', t.siteFeedTitle),
    ],
    byline: articleByline(index),
    corrections: articleCorrections(article, story.corrected),
    order,
    filter,
    links: {
      editors: query('editors', filter),
      newest: query('newest', filter),
      oldest: query('oldest', filter),
      all: query(order, 'all'),
      key: query(order, 'key'),
    },
    live: {
      eventsUrl: `/articles/${article.slug}/events`,
      lastEventId: ctx.repos.events.lastId(article.id),
      // Live events go to the page that holds the newest updates (page 1, or the last when oldest first).
      enabled: page === (order === 'oldest' ? pages : 1),
    },
    t,
    ...pagedHead(
      articlePageHead(article, { all: index, shown: pinned ? [pinned, ...onPage] : onPage }, site),
      page,
    ),
  };
}
