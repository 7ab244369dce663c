import type { NextFunction, Request, Response } from 'express';
import { hasCredentials, pageKey } from './fast-path.js';
import { sendPage, type PageCache } from './page-cache.js';

/** The page cache as the reader routes use it (see src/http/page-cache.ts for what is kept and when). */
export interface PublicPages {
  /** Middleware: answers from the cache when it holds a fresh copy of the page. */
  serve: (req: Request, res: Response, next: NextFunction) => void;
  /** `res.render`, keeping the result when the page may be shared (an anonymous 200). */
  render: (req: Request, res: Response, next: NextFunction, view: string, locals: object) => void;
}

export function publicPages(pages: PageCache, cookieName: string): PublicPages {
  const shareable = (req: Request) => req.user === undefined && !hasCredentials(req, cookieName);
  const key = (req: Request) => pageKey(req, req.originalUrl);
  const requestId = (res: Response) => String(res.getHeader('x-request-id') ?? '') || undefined;
  return {
    serve(req, res, next) {
      const page = shareable(req) ? pages.get(key(req)) : undefined;
      if (page) sendPage(req, res, page, requestId(res));
      else next();
    },
    render(req, res, next, view, locals) {
      if (!shareable(req) || res.statusCode !== 200) {
        res.render(view, locals);
        return;
      }
      res.render(view, locals, (err: Error | null, html: string) => {
        if (err) return next(err);
        const page = pages.store(key(req), res, html);
        if (page) sendPage(req, res, page, requestId(res));
        else res.type('html').send(html);
      });
    },
  };
}
