import { Router, type Request } from 'express';
import { PAGE_SIZE } from '../domain/limits.js';
import { READER_ORDERS } from '../domain/ordering.js';
import type { Article } from '../domain/types.js';
import { parseSince, READER_FILTERS } from '../render/article-page.js';
import { updateView } from '../render/article-view.js';
import { feedAlternates } from '../render/feeds.js';
import { messages } from '../render/i18n.js';
import { articleCard } from '../render/listing-view.js';
import { updatePageHead } from '../render/page-head.js';
import type { ServiceContext } from '../services/context.js';
import { canWorkOnArticle } from '../services/article-access.js';
import { articlePageLocals, setCaching } from './article-page-locals.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { choiceQuery, idParam, intQuery } from './forms.js';
import type { PublicPages } from './public-pages.js';
import { siteLocale } from './site-locale.js';
import { storyPageOf } from './story-page.js';

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
    setCaching(res, req.user !== undefined);
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
    const view = {
      order: choiceQuery(req, 'order', READER_ORDERS),
      filter: choiceQuery(req, 'filter', READER_FILTERS),
      page: intQuery(req, 'page', 1),
      since: sinceQuery(req),
    };
    const locals = articlePageLocals(ctx, article, staffView, view, site(req));
    if (!locals) throw new HttpError(404, 'There is no such page of updates.');
    setCaching(res, req.user !== undefined, article);
    cache.render(req, res, next, 'reader/article', locals);
  });

  router.get('/articles/:slug/updates/:id', cache.serve, (req, res, next) => {
    const { article, staffView } = visibleArticle(ctx, req);
    const update = ctx.repos.updates.findById(idParam(req));
    if (!update || update.articleId !== article.id || (update.status !== 'published' && !staffView)) {
      throw new HttpError(404, 'There is no such update in this article.');
    }
    // The link back to the story lands on the page that shows this update (editors' order, all updates).
    const storyPage = storyPageOf(ctx, article.id, staffView, update.id);
    setCaching(res, req.user !== undefined, article);
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
