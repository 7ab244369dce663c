import { Router, type Request, type Response } from 'express';
import type { Article, Update } from '../domain/types.js';
import { FEED_ENTRIES, FEED_FORMATS, FEED_TYPES, renderFeed } from '../render/feeds.js';
import { messages } from '../render/i18n.js';
import { newsSitemapXml, robotsTxt, sitemapXml } from '../render/sitemaps.js';
import { siteOrigin } from '../render/site-urls.js';
import type { ServiceContext } from '../services/context.js';
import { HttpError } from './errors.js';

// The sitemap is one file: at most 50,000 URLs (the protocol's limit), the front page included.
const SITEMAP_ARTICLES = 49_999;
const FALLBACK_ORIGIN = 'http://localhost';

/** Feeds and crawler files change with every published update: short public caching everywhere. */
function send(res: Response, contentType: string, body: string): void {
  res.set('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
  res.set('Content-Type', `${contentType}; charset=utf-8`);
  res.send(body);
}

/**
 * Site and per-article feeds (Atom, RSS 2.0, JSON Feed), sitemap.xml, the Google News sitemap and
 * robots.txt. Only published content; absolute URLs from `baseUrl`, else from the request.
 */
export function feedRoutes(ctx: ServiceContext, options: { baseUrl?: string | undefined } = {}): Router {
  const router = Router();
  const origin = (req: Request) =>
    siteOrigin({ baseUrl: options.baseUrl, protocol: req.protocol, host: req.host });

  /** The newest published updates (of one article, or of the site) with their articles. */
  const entries = (articleId: number | null) => {
    const articles = new Map<number, Article | undefined>();
    return ctx.repos.feed.recentUpdateIds(articleId, FEED_ENTRIES).flatMap((id) => {
      const update: Update | undefined = ctx.repos.updates.findById(id);
      if (!update) return [];
      if (!articles.has(update.articleId))
        articles.set(update.articleId, ctx.repos.articles.findById(update.articleId));
      const article = articles.get(update.articleId);
      return article ? [{ article, update }] : [];
    });
  };

  for (const format of FEED_FORMATS) {
    const { contentType, extension } = FEED_TYPES[format];

    router.get(`/feed.${extension}`, (req, res) => {
      const t = messages('sv');
      const body = renderFeed(format, {
        title: t.siteFeedTitle,
        description: t.siteTagline,
        language: 'sv',
        path: '',
        origin: origin(req),
        articleTitles: true,
        entries: entries(null),
        fallbackUpdated: ctx.clock().toISOString(),
      });
      send(res, contentType, body);
    });

    router.get(`/articles/:slug/feed.${extension}`, (req, res) => {
      const article = ctx.repos.articles.findBySlug(req.params.slug ?? '');
      if (!article || article.status !== 'published')
        throw new HttpError(404, 'There is no published article at this address.');
      const t = messages(article.locale);
      const body = renderFeed(format, {
        title: t.articleFeedTitle(article.title),
        description: article.summary || article.title,
        language: article.locale,
        path: `/articles/${article.slug}`,
        origin: origin(req),
        articleTitles: false,
        entries: entries(article.id),
        fallbackUpdated: article.publishedAt ?? article.updatedAt,
      });
      res.set('Surrogate-Key', `article-${article.id}`);
      send(res, contentType, body);
    });
  }

  router.get('/sitemap.xml', (req, res) => {
    const articles = ctx.repos.articles.listPublished(SITEMAP_ARTICLES, 0);
    send(res, 'application/xml', sitemapXml(origin(req) ?? FALLBACK_ORIGIN, articles));
  });

  router.get('/news-sitemap.xml', (req, res) => {
    const articles = ctx.repos.articles.listPublished(SITEMAP_ARTICLES, 0);
    send(
      res,
      'application/xml',
      newsSitemapXml(origin(req) ?? FALLBACK_ORIGIN, articles, ctx.clock().toISOString()),
    );
  });

  router.get('/robots.txt', (req, res) => {
    send(res, 'text/plain', robotsTxt(origin(req)));
  });

  return router;
}
