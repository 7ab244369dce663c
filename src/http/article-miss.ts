import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { SLUG_PATTERN } from '../domain/slug.js';
import type { SiteLocation } from '../render/site-urls.js';
import { renderView } from '../render/templates.js';
import type { ServiceContext } from '../services/context.js';
import { ANONYMOUS_LOCALS, articlePageLocals, FIRST_VIEW, setCaching } from './article-page-locals.js';
import { pageKey } from './fast-path.js';
import { sendPage, type PageCache } from './page-cache.js';

// The first view of an article page after a change, for an anonymous reader who followed a plain link
// (`/articles/SLUG`, no query): rendered and stored here, in front of Express, like a cached page is
// answered (src/http/fast-path.ts). When a story is busy every change is followed by such a view, and
// walking Express's middleware for it (helmet, logging, session skip, access table, CSRF, router) cost a
// third of the miss.
//
// Decisions:
// - Same page, same headers: the locals come from the builder the reader route uses
//   (article-page-locals.ts), the security headers from the app's own helmet middleware run on this
//   response, and the page goes into the cache through `PageCache.store` like one rendered by Express.
//   A test compares both paths byte for byte.
// - Anything else goes to Express, untouched: a query string, HEAD, an unpublished or unknown article
//   (Express answers the 404), X-Forwarded-* headers without DATELINE_BASE_URL (only Express knows
//   whether the proxy is trusted), and any error while rendering (nothing has been written by then).
// - Like the cached-page path it writes no log line per request.

const ARTICLE_PREFIX = '/articles/';

/** Middleware run for its headers only (helmet): it calls `next` synchronously. */
type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Where the site is, as Express would say for this request; undefined when only Express can tell. */
function siteOf(req: IncomingMessage, baseUrl: string | undefined): SiteLocation | undefined {
  if (baseUrl) return { baseUrl };
  const h = req.headers;
  if (h['x-forwarded-host'] !== undefined || h['x-forwarded-proto'] !== undefined) return undefined;
  return { protocol: (req.socket as TLSSocket).encrypted ? 'https' : 'http', host: h.host };
}

/**
 * Renders, stores and sends an anonymous reader's first view of a published article; false when the
 * request is not one (or fails), and the app must answer it.
 */
export function articleMiss(
  ctx: ServiceContext,
  pages: PageCache,
  options: { baseUrl?: string | undefined; securityHeaders: HeaderMiddleware },
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith(ARTICLE_PREFIX)) return false;
    const slug = url.slice(ARTICLE_PREFIX.length);
    const site = SLUG_PATTERN.test(slug) ? siteOf(req, options.baseUrl) : undefined;
    if (site === undefined) return false;
    let html: string;
    let article;
    try {
      article = ctx.repos.articles.findBySlug(slug);
      if (!article || article.status !== 'published') return false;
      const locals = articlePageLocals(ctx, article, false, FIRST_VIEW, site);
      if (!locals) return false;
      html = renderView('reader/article', { ...ANONYMOUS_LOCALS, ...locals });
    } catch {
      return false; // Express renders it again and answers the error as it does for any route
    }
    let failed = false;
    options.securityHeaders(req, res, (err) => (failed = err !== undefined));
    if (failed) return false;
    setCaching(res, false, article);
    const page = pages.store(pageKey(req, req.url ?? ''), res, html);
    if (!page) return false;
    sendPage(req, res, page);
    return true;
  };
}
