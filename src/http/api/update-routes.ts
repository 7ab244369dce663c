import { Router } from 'express';
import { requireWorkableArticle } from '../../services/article-access.js';
import { ServiceError, type ServiceContext } from '../../services/context.js';
import { reorderUpdates } from '../../services/live.js';
import { deleteUpdate, editUpdate, postUpdate, requireUpdate } from '../../services/updates.js';
import { actorOf } from '../auth.js';
import { HttpError } from '../errors.js';
import { idParam } from '../forms.js';
import { resolveDatedAt, storedBlocks, updateInput } from './inputs.js';
import { updateJson } from './json.js';
import {
  orderBody,
  parseBody,
  requireVersion,
  updateBody,
  updatePatchBody,
  validationError,
} from './schemas.js';

/** Turns a service's conflict into the API's 409 with `extra` details; anything else passes through. */
function conflictWith<T>(work: () => T, extra: () => Record<string, unknown>): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'conflict')
      throw new HttpError(409, err.message, false, extra());
    throw err;
  }
}

/** JSON API: an article's updates (add, edit, remove) and their editorial order. */
export function apiUpdateRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/api/v1/articles/:id/updates', (req, res) => {
    const actor = actorOf(req);
    const article = requireWorkableArticle(ctx, actor, idParam(req));
    const body = parseBody(req, updateBody);
    if (body.datedAt === undefined)
      throw validationError({ datedAt: 'Give the date (and time) of the update.' });
    const when = resolveDatedAt(body.datedAt, body.precision, article.timeZone);
    const input = updateInput(when, body.headline ?? null, body.blocks ?? []);
    // Speakers are matched against (or added to) the people register by the service, as for the desk.
    const { update } = postUpdate(ctx, actor, article.id, input, body.publish ?? false);
    res.status(201).json(updateJson(update, article.timeZone));
  });

  router.patch('/api/v1/updates/:id', (req, res) => {
    const actor = actorOf(req);
    const before = requireUpdate(ctx, idParam(req));
    const article = requireWorkableArticle(ctx, actor, before.articleId);
    // `body.correction` is checked but not stored: corrections with a public note are not built yet.
    const body = parseBody(req, updatePatchBody);
    const version = requireVersion(body.version);
    const when = resolveDatedAt(
      body.datedAt ?? before.datedAt,
      body.precision ?? (body.datedAt === undefined ? before.precision : undefined),
      article.timeZone,
    );
    const headline = body.headline === undefined ? before.headline : body.headline;
    const input = updateInput(when, headline, body.blocks ?? storedBlocks(before));
    const { update } = conflictWith(
      () => editUpdate(ctx, actor, before.id, version, input),
      () => ({
        submittedVersion: version,
        current: updateJson(requireUpdate(ctx, before.id), article.timeZone),
      }),
    );
    res.json(updateJson(update, article.timeZone));
  });

  router.delete('/api/v1/updates/:id', (req, res) => {
    deleteUpdate(ctx, actorOf(req), idParam(req));
    res.status(204).end();
  });

  router.put('/api/v1/articles/:id/order', (req, res) => {
    const articleId = idParam(req);
    const { updateIds } = parseBody(req, orderBody);
    if (updateIds === undefined)
      throw validationError({ updateIds: 'Send the full new order of update ids.' });
    const article = conflictWith(
      () => reorderUpdates(ctx, actorOf(req), articleId, updateIds),
      () => ({
        current: {
          version: ctx.repos.articles.findById(articleId)?.version ?? null,
          updateIds: ctx.repos.updates.positions(articleId).map((item) => item.id),
        },
      }),
    );
    res.json({ version: article.version });
  });

  return router;
}
