import { Router, type Request, type Response } from 'express';
import { PAGE_SIZE } from '../domain/limits.js';
import { READER_ORDERS } from '../domain/ordering.js';
import type { Article, Update } from '../domain/types.js';
import { parseSince, READER_FILTERS, unreadSince, updateHref } from '../render/article-page.js';
import { articleByline, dayGroups, formatStamp, keyEventLinks, updateView } from '../render/article-view.js';
import { articleCorrections } from '../render/corrections.js';
import { feedAlternates } from '../render/feeds.js';
import { messages } from '../render/i18n.js';
import { articleCard } from '../render/listing-view.js';
import { articlePageHead, updatePageHead } from '../render/page-head.js';
import { translationLinks } from '../render/translation-links.js';
import { updateHtml } from '../render/update-html.js';
import type { ServiceContext } from '../services/context.js';
import { canWorkOnArticle } from '../services/article-access.js';
import { translationOf } from '../services/translations.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { choiceQuery, idParam, intQuery } from './forms.js';
import type { PublicPages } from './public-pages.js';
import { siteLocale } from './site-locale.js';
import { readStoryPage, storyPageOf } from './story-page.js';

/** `?since=` (returning readers): an ISO instant, or null when absent; anything else is a 400. */
function sinceQuery(req: Request): string | null {
  const raw = req.query.since;
  if (raw === undefined || raw === '') return null;
  const since = typeof raw === 'string' ? parseSince(raw) : null;
  if (since === null)
    throw new HttpError(400, '"since" must be a date and time such as 2026-12-08T14:04:00Z.');
  return since;
}

/**
 * Staff see drafts (marked); readers get cacheable pages, staff never do. `Surrogate-Key` names the
 * article (or the front page) so a CDN in front can purge exactly what a change touched.
 */
function setCaching(req: Request, res: Response, article?: Article): void {
  res.vary('Cookie');
  res.set('Surrogate-Key', article ? `article-${article.id}` : 'front');
  if (req.user) res.set('Cache-Control', 'private, no-store');
  else if (article?.live) res.set('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
  else res.set('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
}

/**
 * The article at `:slug` and whether the viewer works on it (and so sees drafts, marked). Anyone else
 * gets a 404 for an unpublished article, exactly as if it did not exist.
 */
function visibleArticle(ctx: ServiceContext, req: Request): { article: Article; staffView: boolean } {
  const slug = req.params.slug;
  const article = typeof slug === 'string' ? ctx.repos.articles.findBySlug(slug) : undefined;
  const staffView =
    article !== undefined && req.user !== undefined && canWorkOnArticle(ctx, actorOf(req), article);
  if (!article || (article.status !== 'published' && !staffView)) {
    throw new HttpError(404, 'There is no published article at this address.');
  }
  return { article, staffView };
}

/** A later page of a long story is its own page: its canonical URL says which. */
function pagedHead<T extends { canonicalUrl: string | null }>(head: T, page: number): T {
  return page > 1 && head.canonicalUrl
    ? { ...head, canonicalUrl: `${head.canonicalUrl}?page=${page}` }
    : head;
}

/**
 * The public site: front page, articles, single updates, health check. `baseUrl` makes canonical links
 * absolute; without it they are built from the request's protocol and host (see render/site-urls.ts).
 */
export function readerRoutes(
  ctx: ServiceContext,
  options: { baseUrl?: string | undefined; pages: PublicPages },
): Router {
  const { pages: cache } = options;
  const router = Router();
  // req.host honours X-Forwarded-Host only behind a trusted proxy; the base URL, when set, wins over both.
  const site = (req: Request) => ({ baseUrl: options.baseUrl, protocol: req.protocol, host: req.host });

  router.get('/healthz', (_req, res) => {
    const row = ctx.db.prepare<[], { ok: number }>('SELECT 1 AS ok').get();
    res.set('Cache-Control', 'no-store').json({ status: row?.ok === 1 ? 'ok' : 'degraded' });
  });

  router.get('/', cache.serve, (req, res, next) => {
    const page = intQuery(req, 'page', 1);
    const total = ctx.repos.articles.countPublished();
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) throw new HttpError(404, 'There is no such page.');
    const articles = ctx.repos.articles
      .listPublished(PAGE_SIZE, (page - 1) * PAGE_SIZE)
      .map((article) => articleCard(article, ctx.repos.tags.forArticle(article.id)));
    setCaching(req, res);
    const lang = siteLocale(req, res);
    const t = messages(lang);
    cache.render(req, res, next, 'reader/front', {
      articles,
      page,
      pages,
      t,
      lang,
      alternates: feedAlternates('', t.siteFeedTitle),
    });
  });

  router.get('/articles/:slug', cache.serve, (req, res, next) => {
    const { article, staffView } = visibleArticle(ctx, req);
    const order = choiceQuery(req, 'order', READER_ORDERS);
    const filter = choiceQuery(req, 'filter', READER_FILTERS);
    const page = intQuery(req, 'page', 1);
    const since = sinceQuery(req);
    // Long stories: UPDATES_PER_PAGE a page, the pinned update on page 1; only the page's content is read.
    const story = readStoryPage(ctx, article.id, staffView, { order, filter, page });
    if (!story) throw new HttpError(404, 'There is no such page of updates.');
    const { index, pinned, onPage, pages, pageOf } = story;
    const now = ctx.clock().toISOString();
    const query = (o: string, f: string, p = 1) =>
      `?${new URLSearchParams({ ...(o === 'editors' ? {} : { order: o }), ...(f === 'all' ? {} : { filter: f }), ...(p > 1 ? { page: String(p) } : {}), ...(since ? { since } : {}) }).toString()}`;
    const hrefFor = (id: number) => updateHref(id, pageOf, page, (p) => query(order, filter, p));
    const unread = unreadSince(index, since);
    // Each update's HTML is kept per content (render/update-html.ts): a change re-renders only what changed.
    const show = (update: Update) => ({
      html: updateHtml(article, update, now, { isNew: unread.ids.has(update.id) }),
    });
    const t = messages(article.locale);
    setCaching(req, res, article);
    cache.render(req, res, next, 'reader/article', {
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
      translation: translationLinks(article, translationOf(ctx, article), site(req)),
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
        articlePageHead(article, { all: index, shown: pinned ? [pinned, ...onPage] : onPage }, site(req)),
        page,
      ),
    });
  });

  router.get('/articles/:slug/updates/:id', cache.serve, (req, res, next) => {
    const { article, staffView } = visibleArticle(ctx, req);
    const update = ctx.repos.updates.findById(idParam(req));
    if (!update || update.articleId !== article.id || (update.status !== 'published' && !staffView)) {
      throw new HttpError(404, 'There is no such update in this article.');
    }
    // The link back to the story lands on the page that shows this update (editors' order, all updates).
    const storyPage = storyPageOf(ctx, article.id, staffView, update.id);
    setCaching(req, res, article);
    cache.render(req, res, next, 'reader/update', {
      article: { ...article, draft: article.status !== 'published' },
      update: updateView(article, update, ctx.clock().toISOString()),
      storyHref: `/articles/${article.slug}${storyPage > 1 ? `?page=${storyPage}` : ''}#update-${update.id}`,
      t: messages(article.locale),
      ...updatePageHead(article, update, site(req)),
    });
  });

  return router;
}
