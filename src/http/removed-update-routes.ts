import { Router } from 'express';
import { LIMITS } from '../domain/limits.js';
import { hasControlCharacters, multiLine } from '../domain/validation.js';
import type { ServiceContext } from '../services/context.js';
import { purgeUpdate, undeleteUpdate } from '../services/revisions.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, idParam } from './forms.js';
import { renderArticleHistory } from './history-routes.js';

/** Why a purge reason is refused, or null when it will do. */
function reasonProblem(reason: string): string | null {
  if (reason === '') return 'Give the reason for purging this update: it goes into the audit log.';
  if ([...reason].length > LIMITS.correction) return `At most ${LIMITS.correction} characters.`;
  if (hasControlCharacters(reason)) return 'Remove the invisible control characters.';
  return null;
}

/** Removed updates: editors bring them back; admins purge them for good, with a reason. */
export function removedUpdateRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/desk/updates/:id/undelete', (req, res) => {
    const { update } = undeleteUpdate(ctx, actorOf(req), idParam(req));
    res.redirect(303, `/desk/articles/${update.articleId}#update-${update.id}`);
  });

  router.post('/desk/updates/:id/purge', (req, res) => {
    const id = idParam(req);
    const reason = multiLine(bodyField(req, 'reason'));
    const problem = reasonProblem(reason);
    if (problem !== null) {
      const update = ctx.repos.updates.findWithDeleted(id);
      if (!update) throw new HttpError(404, 'No such update.');
      renderArticleHistory(ctx, req, res, update.articleId, {
        status: 422,
        purge: { updateId: id, message: problem, reason },
      });
      return;
    }
    const { article } = purgeUpdate(ctx, actorOf(req), id, reason);
    res.redirect(303, `/desk/articles/${article.id}/history`);
  });

  return router;
}
