import { Router } from 'express';
import { validateChangeKind } from '../../domain/change-kind.js';
import type { Update } from '../../domain/types.js';
import { requireWorkableArticle } from '../../services/article-access.js';
import { ServiceError, type ServiceContext } from '../../services/context.js';
import { reorderUpdates } from '../../services/live.js';
import {
  deleteUpdate,
  editUpdate,
  postUpdate,
  requireUpdate,
  type EditKind,
} from '../../services/updates.js';
import { dayKey } from '../../render/dates.js';
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

/**
 * The kind of a PATCH: a `correction` note makes it a public correction (the same rules as the desk's
 * form: a published update, a note of 1–500 characters); without one (absent or null) it is a silent edit.
 */
function correctionOf(note: string | null | undefined, update: Update): EditKind {
  if (note === undefined || note === null) return { kind: 'edit' };
  if (update.status !== 'published') {
    throw validationError({ correction: 'Only a published update can carry a correction; edit the draft.' });
  }
  const checked = validateChangeKind({ changeKind: 'correction', correctionNote: note });
  if (!checked.ok)
    throw validationError({ correction: checked.errors.correctionNote ?? 'Not a valid note.' });
  return checked.value.kind === 'correction' ? checked.value : { kind: 'edit' };
}

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
    const body = parseBody(req, updatePatchBody);
    const version = requireVersion(body.version);
    const change = correctionOf(body.correction, before);
    const when = resolveDatedAt(
      body.datedAt ?? before.datedAt,
      body.precision ?? (body.datedAt === undefined ? before.precision : undefined),
      article.timeZone,
    );
    const headline = body.headline === undefined ? before.headline : body.headline;
    const input = updateInput(when, headline, body.blocks ?? storedBlocks(before));
    const { update } = conflictWith(
      () => editUpdate(ctx, actor, before.id, version, input, change),
      () => ({
        submittedVersion: version,
        // Both versions: what the client sent (its words, to apply again) and what is stored now.
        submitted: {
          version,
          datedAt: input.precision === 'day' ? dayKey(input.datedAt, article.timeZone) : input.datedAt,
          precision: input.precision,
          headline: input.headline,
          blocks: input.blocks,
        },
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
