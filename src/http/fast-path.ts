import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { sendPage, type PageCache } from './page-cache.js';

// The hot path for readers: an anonymous GET or HEAD of a page that is in the page cache is answered
// here, before Express, its middleware and its router, and so are a reader's event stream
// (src/live/stream-fast-path.ts) and the first view of an article after a change (article-miss.ts);
// everything else goes to the Express app.
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

/** Answers the request if it is one of its kind and says whether it did. */
type Answer = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Wraps the Express app: reader event streams, cached pages and a first view of an article after a change
 * for anonymous readers, the app for everything else. `streams` opens a reader's event stream; `miss`
 * renders an article page the cache does not hold (src/http/article-miss.ts).
 */
export function withFastPath(
  app: RequestListener,
  pages: PageCache,
  cookieName: string,
  answers: { streams: Answer; miss: Answer },
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !hasCredentials(req, cookieName)) {
      if (req.method === 'GET' && answers.streams(req, res)) return;
      const page = pages.get(pageKey(req, req.url ?? '/'));
      if (page) {
        pages.hits += 1;
        sendPage(req, res, page);
        return;
      }
      if (answers.miss(req, res)) return;
    }
    app(req, res);
  };
}
