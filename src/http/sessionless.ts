import type { Request, RequestHandler } from 'express';
import { hasCredentials } from './fast-path.js';

// An anonymous reader's view of a public page (front page, article, single update) needs no session:
// nothing on it depends on one, and a logged-in reader sends the session cookie. Without this the session
// middleware made, hashed and watched a session per cache miss that nobody keeps (saveUninitialized is
// off). Staff are unaffected: a request with the session cookie or an Authorization header loads the
// session as before, and is never served from or stored into the public page cache.

/** The reader routes' paths (Express matches paths case-insensitively and with a trailing slash). */
const READER_PAGE = /^\/(?:articles\/[^/]+(?:\/updates\/[^/]+)?\/?)?$/i;

/** Whether the request is an anonymous GET or HEAD of a public reader page. */
export function isAnonymousPageView(req: Request, cookieName: string): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    READER_PAGE.test(req.path) &&
    !hasCredentials(req, cookieName)
  );
}

/** Runs `handler` (the session middleware) for every request but an anonymous public page view. */
export function unlessAnonymousPageView(cookieName: string, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (isAnonymousPageView(req, cookieName)) next();
    else void handler(req, res, next);
  };
}
