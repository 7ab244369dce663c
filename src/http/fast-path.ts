import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { sendPage, type PageCache } from './page-cache.js';

// The hot path for readers: an anonymous GET or HEAD of a page that is in the page cache is answered
// here, before Express, its middleware and its router, and so is a reader's event stream
// (src/live/stream-fast-path.ts); everything else goes to the Express app.
// The bytes and headers are the ones the full stack stored (security headers included), so a reader
// cannot tell which path answered, except that this one is several times faster. It writes no log line
// per request (as a CDN in front would not); the cache counts its hits.

/** Whether the request carries a session cookie or credentials: such requests are never cached. */
export function hasCredentials(req: IncomingMessage, cookieName: string): boolean {
  if (req.headers.authorization !== undefined) return true;
  const cookie = req.headers.cookie;
  return cookie !== undefined && cookie.includes(`${cookieName}=`);
}

/**
 * The cache key of a page: its URL as requested, and the headers a page's absolute URLs may be built
 * from (canonical, og:url, JSON-LD, hreflang use the request's origin when DATELINE_BASE_URL is not set),
 * so a request with a forged Host can never plant its links in the page other readers get. The front page
 * also varies by the reader's Accept-Language (its language follows it).
 */
export function pageKey(req: IncomingMessage, url: string): string {
  const h = req.headers;
  const origin = `${h.host ?? ''}\n${String(h['x-forwarded-host'] ?? '')}\n${String(h['x-forwarded-proto'] ?? '')}`;
  const language = url === '/' || url.startsWith('/?') ? (h['accept-language'] ?? '') : '';
  return `${url}\n${origin}\n${language}`;
}

/**
 * Wraps the Express app: reader event streams and cached pages for anonymous readers, the app for
 * everything else. `streams` opens a reader's event stream and says whether it did.
 */
export function withFastPath(
  app: RequestListener,
  pages: PageCache,
  cookieName: string,
  streams: (req: IncomingMessage, res: ServerResponse) => boolean,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !hasCredentials(req, cookieName)) {
      if (req.method === 'GET' && streams(req, res)) return;
      const page = pages.get(pageKey(req, req.url ?? '/'));
      if (page) {
        pages.hits += 1;
        sendPage(req, res, page);
        return;
      }
    }
    app(req, res);
  };
}
