import { Router, type Request, type Response } from 'express';
import {
  applyFormAction,
  validateUpdate,
  type UpdateForm,
  type UpdateInput,
} from '../domain/update-input.js';
import type { Article, Update } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { updateView, type UpdateView } from '../render/article-view.js';
import { zonedWallTimeToUtc } from '../render/dates.js';
import { messages } from '../render/i18n.js';
import { requireWorkableArticle } from '../services/article-access.js';
import { ServiceError, type ServiceContext } from '../services/context.js';
import {
  deleteUpdate,
  editUpdate,
  moveUpdate,
  postUpdate,
  requireUpdate,
  setUpdateStatus,
} from '../services/updates.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, idParam, updateForm, versionField } from './forms.js';
import { renderLiveDesk, updateFormLocals, updateToForm } from './live-desk.js';

function renderEditForm(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  view: {
    status: number;
    article: Article;
    update: Update;
    form: UpdateForm;
    errors: FieldErrors;
    version: number;
    message?: string;
    conflict?: UpdateView;
  },
): void {
  res.status(view.status).render('desk/update-edit', {
    article: view.article,
    update: view.update,
    form: view.form,
    errors: view.errors,
    version: view.version,
    message: view.message ?? null,
    conflict: view.conflict ?? null,
    t: messages(view.article.locale),
    ...updateFormLocals(ctx, req, view.article),
  });
}

const STATUS = { 'edit-blocks': 200, invalid: 422 } as const;

type Submission =
  | { kind: 'edit-blocks' | 'invalid'; form: UpdateForm; errors: FieldErrors }
  | { kind: 'save'; form: UpdateForm; input: UpdateInput; publish: boolean };

/**
 * Reads an update form and the button pressed: a block edit (add, remove, move) to show again,
 * an invalid form to show with its errors, or a valid update to save.
 */
function readSubmission(req: Request, article: Article): Submission {
  const form = updateForm(req);
  const action = applyFormAction(bodyField(req, 'action'), form.blocks);
  if (action.kind === 'invalid') throw new HttpError(400, 'Unknown form action.');
  if (action.kind === 'edit-blocks')
    return { kind: 'edit-blocks', form: { ...form, blocks: action.blocks }, errors: {} };
  const checked = validateUpdate(form, (wall) => zonedWallTimeToUtc(wall, article.timeZone));
  if (!checked.ok) return { kind: 'invalid', form, errors: checked.errors };
  return { kind: 'save', form, input: checked.value, publish: action.publish };
}

/** Desk actions on updates: compose, edit, publish, move, delete. All plain forms. */
export function deskUpdateRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/desk/articles/:id/updates', (req, res) => {
    const article = requireWorkableArticle(ctx, actorOf(req), idParam(req));
    const submission = readSubmission(req, article);
    if (submission.kind !== 'save') {
      const { form, errors } = submission;
      renderLiveDesk(ctx, req, res, article, { status: STATUS[submission.kind], composer: form, errors });
      return;
    }
    const { update } = postUpdate(ctx, actorOf(req), article.id, submission.input, submission.publish);
    res.redirect(303, `/desk/articles/${article.id}#update-${update.id}`);
  });

  router.get('/desk/updates/:id/edit', (req, res) => {
    const update = requireUpdate(ctx, idParam(req));
    const article = requireWorkableArticle(ctx, actorOf(req), update.articleId);
    const form = updateToForm(article, update);
    renderEditForm(ctx, req, res, {
      status: 200,
      article,
      update,
      form,
      errors: {},
      version: update.version,
    });
  });

  router.post('/desk/updates/:id/edit', (req, res) => {
    const update = requireUpdate(ctx, idParam(req));
    const article = requireWorkableArticle(ctx, actorOf(req), update.articleId);
    const version = versionField(req);
    const submission = readSubmission(req, article);
    const base = { article, update, version };
    if (submission.kind !== 'save') {
      const { form, errors } = submission;
      renderEditForm(ctx, req, res, { ...base, status: STATUS[submission.kind], form, errors });
      return;
    }
    try {
      editUpdate(ctx, actorOf(req), update.id, version, submission.input);
    } catch (err) {
      if (!(err instanceof ServiceError) || err.code !== 'conflict') throw err;
      const message =
        'Someone else saved this update while you were editing. Your text is kept in the form below; the version now stored is shown above it. Save again to replace it with yours.';
      const current = requireUpdate(ctx, update.id);
      renderEditForm(ctx, req, res, {
        ...base,
        update: current,
        version: current.version,
        status: 409,
        form: submission.form,
        errors: {},
        message,
        conflict: updateView(article, current, ctx.clock().toISOString()),
      });
      return;
    }
    res.redirect(303, `/desk/articles/${article.id}#update-${update.id}`);
  });

  const back = (res: Response, articleId: number, anchor = '') =>
    res.redirect(303, `/desk/articles/${articleId}${anchor}`);

  for (const [path, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    router.post(`/desk/updates/:id/${path}`, (req, res) => {
      const { update } = setUpdateStatus(ctx, actorOf(req), idParam(req), status);
      back(res, update.articleId, `#update-${update.id}`);
    });
  }

  router.post('/desk/updates/:id/move', (req, res) => {
    const direction = bodyField(req, 'direction');
    if (direction !== 'up' && direction !== 'down') throw new HttpError(400, 'Move up or down.');
    const { update } = moveUpdate(ctx, actorOf(req), idParam(req), direction === 'up' ? -1 : 1);
    back(res, update.articleId, `#update-${update.id}`);
  });

  router.post('/desk/updates/:id/delete', (req, res) => {
    const { update } = deleteUpdate(ctx, actorOf(req), idParam(req));
    back(res, update.articleId);
  });

  return router;
}
