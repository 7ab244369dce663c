import { Router, type Request, type Response } from 'express';
import { PAGE_SIZE } from '../domain/limits.js';
import type { Article } from '../domain/types.js';
import { articleByline, formatStamp, groupByDay, updateView } from '../render/article-view.js';
import { messages } from '../render/i18n.js';
import type { ServiceContext } from '../services/context.js';
import { canWorkOnArticle } from '../services/article-access.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { choiceQuery, idParam, intQuery } from './forms.js';

const ORDERS = ['newest', 'oldest'] as const;

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

/** The public site: front page, articles, single updates, health check. */
export function readerRoutes(ctx: ServiceContext): Router {
  const router = Router();

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
    const order = choiceQuery(req, 'order', ORDERS);
    const updates = ctx.repos.updates.listForArticle(article.id, staffView);
    if (order === 'oldest') updates.reverse();
    const now = ctx.clock().toISOString();
    setCaching(req, res, article);
    res.render('reader/article', {
      article: { ...article, draft: article.status !== 'published' },
      groups: groupByDay(article, updates, now),
      byline: articleByline(updates),
      order,
      t: messages(article.locale),
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
    });
  });

  return router;
}
