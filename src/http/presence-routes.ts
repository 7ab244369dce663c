import express, { Router, type Request } from 'express';
import type { Article } from '../domain/types.js';
import { formatDateHeading, formatTime } from '../render/dates.js';
import { PRESENCE_HEARTBEAT_MS, presenceOf, type PresenceEntry } from '../live/presence.js';
import { requireWorkableArticle } from '../services/article-access.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, staff } from './auth.js';
import { HttpError } from './errors.js';
import { idParam } from './forms.js';

/** Someone else on the article, ready for `partials/presence.ejs` and `static/js/presence.js`. */
export interface PresenceView extends PresenceEntry {
  /** "14.02" (sv) / "14:02" (en) in the article's zone. */
  sinceLabel: string;
  /** The headline (or date) of the update they are editing; null on the live desk. */
  updateLabel: string | null;
}

/** What the presence box on a desk page needs: where to report, in which mode, and who is here now. */
export interface PresenceBox {
  url: string;
  heartbeatMs: number;
  /** On an edit page, the update edited there (the box warns about others editing it). */
  updateId: number | null;
  others: PresenceView[];
}

function viewOf(ctx: ServiceContext, article: Article, entry: PresenceEntry): PresenceView {
  const sinceLabel = formatTime(entry.since, article.locale, article.timeZone).replace(/^kl\. /, '');
  const update = entry.updateId === null ? undefined : ctx.repos.updates.findById(entry.updateId);
  const updateLabel = !update
    ? null
    : (update.headline ??
      (update.precision === 'day'
        ? formatDateHeading(update.datedAt, article.locale, article.timeZone)
        : `${formatDateHeading(update.datedAt, article.locale, article.timeZone)} ${formatTime(update.datedAt, article.locale, article.timeZone)}`));
  return { ...entry, updateId: update ? entry.updateId : null, sinceLabel, updateLabel };
}

/** Records that the user has the article open (editing `updateId`, or on the desk) and lists the others. */
export function presenceHere(
  ctx: ServiceContext,
  req: Request,
  article: Article,
  updateId: number | null,
): PresenceView[] {
  const user = staff(req);
  const board = presenceOf(ctx);
  board.touch(article.id, { id: user.id, name: user.displayName }, updateId);
  return board.others(article.id, user.id).map((entry) => viewOf(ctx, article, entry));
}

/** The presence box of a desk page, with the heartbeat recorded for this page load. */
export function presenceBox(
  ctx: ServiceContext,
  req: Request,
  article: Article,
  updateId: number | null,
): PresenceBox {
  return {
    url: `/desk/articles/${article.id}/presence`,
    heartbeatMs: PRESENCE_HEARTBEAT_MS,
    updateId,
    others: presenceHere(ctx, req, article, updateId),
  };
}

/** `updateId` from a form field or a JSON body: empty or missing is the live desk itself. */
function updateIdOf(req: Request): number | null {
  const raw: unknown = (req.body as Record<string, unknown> | undefined)?.updateId;
  if (raw === undefined || raw === null || raw === '') return null;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^[1-9]\d{0,15}$/.test(text))
    throw new HttpError(400, '"updateId" must be the id of an update.');
  return Number(text);
}

/**
 * The desk's heartbeat: `POST /desk/articles/:id/presence` with an optional `updateId` (a form or JSON;
 * CSRF token as for every form, or in `X-CSRF-Token`) answers who else has the article open.
 */
export function presenceRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post(
    '/desk/articles/:id/presence',
    express.json({ limit: '1kb', type: 'application/json' }),
    (req, res) => {
      const article = requireWorkableArticle(ctx, actorOf(req), idParam(req));
      const updateId = updateIdOf(req);
      if (updateId !== null && ctx.repos.updates.findById(updateId)?.articleId !== article.id)
        throw new HttpError(400, 'That update is not part of this article.');
      res.json(presenceHere(ctx, req, article, updateId));
    },
  );
  return router;
}
