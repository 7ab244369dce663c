import { Router } from 'express';
import {
  endCoverage,
  reorderUpdates,
  setJournalistsPublish,
  setKeyEvent,
  setPinned,
} from '../services/live.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, idParam } from './forms.js';

/** "12,7,9" → [12, 7, 9]; anything else is a 400. */
function idList(raw: string): number[] {
  if (!/^[1-9]\d{0,15}(,[1-9]\d{0,15}){0,4999}$/.test(raw))
    throw new HttpError(400, 'The order must be a comma-separated list of update ids.');
  return raw.split(',').map(Number);
}

function onOff(raw: string): boolean {
  if (raw !== 'on' && raw !== 'off') throw new HttpError(400, 'Expected on or off.');
  return raw === 'on';
}

/** Editors' live-desk actions: pin, key events, the whole order at once, end of coverage, settings. */
export function deskLiveRoutes(ctx: ServiceContext): Router {
  const router = Router();
  const back = (articleId: number, anchor = '') => `/desk/articles/${articleId}${anchor}`;

  router.post('/desk/updates/:id/pin', (req, res) => {
    const pinned = onOff(bodyField(req, 'pinned'));
    const { update } = setPinned(ctx, actorOf(req), idParam(req), pinned);
    res.redirect(303, back(update.articleId, `#update-${update.id}`));
  });

  router.post('/desk/updates/:id/key-event', (req, res) => {
    const keyEvent = onOff(bodyField(req, 'keyEvent'));
    const { update } = setKeyEvent(ctx, actorOf(req), idParam(req), keyEvent);
    res.redirect(303, back(update.articleId, `#update-${update.id}`));
  });

  router.post('/desk/articles/:id/order', (req, res) => {
    const article = reorderUpdates(ctx, actorOf(req), idParam(req), idList(bodyField(req, 'order')));
    // Scripts ask for JSON (drag and drop); a plain form gets the desk back.
    if (req.accepts(['html', 'json']) === 'json') res.json({ version: article.version });
    else res.redirect(303, back(article.id));
  });

  router.post('/desk/articles/:id/end-coverage', (req, res) => {
    const article = endCoverage(ctx, actorOf(req), idParam(req));
    res.redirect(303, back(article.id));
  });

  router.post('/desk/articles/:id/settings', (req, res) => {
    const allowed = onOff(bodyField(req, 'journalistsPublish'));
    const article = setJournalistsPublish(ctx, actorOf(req), idParam(req), allowed);
    res.redirect(303, back(article.id));
  });

  return router;
}
