import { Router, type Request } from 'express';
import type { LiveHub } from '../live/hub.js';
import type { ServiceContext } from '../services/context.js';
import { HttpError } from './errors.js';

/** The id to resume after: the Last-Event-ID header (reconnects) or `?lastEventId=` (first connect). */
function lastEventId(req: Request): number | null {
  const header = req.get('last-event-id');
  const query = req.query.lastEventId;
  const raw = header ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, 'Last-Event-ID must be a whole number.');
  return Number(raw);
}

/** Server-Sent Events for open article pages. */
export function liveRoutes(ctx: ServiceContext, hub: LiveHub): Router {
  const router = Router();

  router.get('/articles/:slug/events', (req, res) => {
    const article = ctx.repos.articles.findBySlug(req.params.slug ?? '');
    if (!article || article.status !== 'published')
      throw new HttpError(404, 'There is no published article at this address.');
    hub.subscribe(article, res, lastEventId(req));
  });

  return router;
}
