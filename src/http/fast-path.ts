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
 * The cache key of a page: its URL as requested; the front page also varies by the reader's
 * Accept-Language (its language follows it), so the raw header is part of its key.
 */
export function pageKey(url: string, acceptLanguage: string | undefined): string {
  return url === '/' || url.startsWith('/?') ? `${url}\n${acceptLanguage ?? ''}` : url;
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
      const page = pages.get(pageKey(req.url ?? '/', req.headers['accept-language']));
      if (page) {
        pages.hits += 1;
        sendPage(req, res, page);
        return;
      }
    }
    app(req, res);
  };
}
