import { Router, type Request, type Response } from 'express';
import { PAGE_SIZE } from '../domain/limits.js';
import { inReaderOrder, READER_ORDERS } from '../domain/ordering.js';
import type { Article } from '../domain/types.js';
import { articleByline, formatStamp, groupByDay, keyEventLinks, updateView } from '../render/article-view.js';
import { messages } from '../render/i18n.js';
import { articlePageHead, updatePageHead } from '../render/structured-data.js';
import type { ServiceContext } from '../services/context.js';
import { canWorkOnArticle } from '../services/article-access.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { choiceQuery, idParam, intQuery } from './forms.js';

const FILTERS = ['all', 'key'] as const;

/** Staff see drafts (marked); readers get cacheable pages, staff never do. */
function setCaching(req: Request, res: Response, article?: Article): void {
  res.vary('Cookie');
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

/**
 * The public site: front page, articles, single updates, health check. `baseUrl` makes canonical links
 * absolute; without it they are built from the request's protocol and host (see render/structured-data.ts).
 */
export function readerRoutes(ctx: ServiceContext, options: { baseUrl?: string | undefined } = {}): Router {
  const router = Router();
  // req.host honours X-Forwarded-Host only behind a trusted proxy; the base URL, when set, wins over both.
  const site = (req: Request) => ({ baseUrl: options.baseUrl, protocol: req.protocol, host: req.host });

  router.get('/healthz', (_req, res) => {
    const row = ctx.db.prepare<[], { ok: number }>('SELECT 1 AS ok').get();
    res.set('Cache-Control', 'no-store').json({ status: row?.ok === 1 ? 'ok' : 'degraded' });
  });

  router.get('/', (req, res) => {
    const page = intQuery(req, 'page', 1);
    const total = ctx.repos.articles.countPublished();
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) throw new HttpError(404, 'There is no such page.');
    const articles = ctx.repos.articles.listPublished(PAGE_SIZE, (page - 1) * PAGE_SIZE).map((article) => ({
      ...article,
      lastActivityLabel: formatStamp(article.lastActivityAt, article),
      t: messages(article.locale),
    }));
    setCaching(req, res);
    res.render('reader/front', { articles, page, pages, t: messages('sv') });
  });

  router.get('/articles/:slug', (req, res) => {
    const { article, staffView } = visibleArticle(ctx, req);
    const order = choiceQuery(req, 'order', READER_ORDERS);
    const filter = choiceQuery(req, 'filter', FILTERS);
    const all = ctx.repos.updates.listForArticle(article.id, staffView);
    const now = ctx.clock().toISOString();
    const pinned = filter === 'all' ? all.find((u) => u.pinned && u.status === 'published') : undefined;
    const shown = inReaderOrder(
      all.filter((u) => u !== pinned && (filter === 'all' || u.keyEvent)),
      order,
    );
    const query = (o: string, f: string) =>
      `?${new URLSearchParams({ ...(o === 'editors' ? {} : { order: o }), ...(f === 'all' ? {} : { filter: f }) }).toString()}`;
    setCaching(req, res, article);
    res.render('reader/article', {
      article: { ...article, draft: article.status !== 'published' },
      pinned: pinned ? updateView(article, pinned, now) : null,
      groups: groupByDay(article, shown, now),
      keyEvents: keyEventLinks(
        article,
        all.filter((u) => u.status === 'published'),
        now,
      ),
      byline: articleByline(all),
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
      },
      t: messages(article.locale),
      ...articlePageHead(article, { all, shown: pinned ? [pinned, ...shown] : shown }, site(req)),
    });
  });

  router.get('/articles/:slug/updates/:id', (req, res) => {
    const { article, staffView } = visibleArticle(ctx, req);
    const update = ctx.repos.updates.findById(idParam(req));
    if (!update || update.articleId !== article.id || (update.status !== 'published' && !staffView)) {
      throw new HttpError(404, 'There is no such update in this article.');
    }
    setCaching(req, res, article);
    res.render('reader/update', {
      article: { ...article, draft: article.status !== 'published' },
      update: updateView(article, update, ctx.clock().toISOString()),
      t: messages(article.locale),
      ...updatePageHead(article, update, site(req)),
    });
  });

  return router;
}
