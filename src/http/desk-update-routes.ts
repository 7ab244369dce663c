import { Router, type Request, type Response } from 'express';
import {
  applyFormAction,
  validateUpdate,
  type UpdateForm,
  type UpdateInput,
} from '../domain/update-input.js';
import type { Article, Update } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { presenceOf } from '../live/presence.js';
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
import type { ChangeKindForm } from '../domain/change-kind.js';
import { actorOf, staff } from './auth.js';
import { FIX_FORM, readChangeKind } from './change-kind-form.js';
import {
  applyOnTop,
  baseOf,
  editingLocals,
  staleSave,
  submittedBase,
  type EditingState,
} from './edit-conflicts.js';
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
    change?: ChangeKindForm | null;
    /** Concurrent editing: the version the text started from, a stale save or a merge (edit-conflicts.ts). */
    editing: Partial<EditingState>;
  },
): void {
  res.status(view.status).render('desk/update-edit', {
    article: view.article,
    update: view.update,
    form: view.form,
    errors: view.errors,
    version: view.version,
    // A published update's edit asks: silent fix or public correction (partials/change-kind.ejs).
    changeKind: view.update.status === 'published' ? (view.change ?? FIX_FORM) : null,
    t: messages(view.article.locale),
    ...updateFormLocals(ctx, req, view.article),
    ...editingLocals(ctx, req, view.article, view.update, view.editing),
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
      editing: { base: baseOf(article, update) },
    });
  });

  router.post('/desk/updates/:id/edit', (req, res) => {
    const update = requireUpdate(ctx, idParam(req));
    const article = requireWorkableArticle(ctx, actorOf(req), update.articleId);
    const version = versionField(req);
    if (bodyField(req, 'action') === 'merge') {
      // "Apply my changes on top" of the version that refused the save: shown for review, not saved.
      const current = requireUpdate(ctx, update.id);
      const { form, state } = applyOnTop(req, article, current);
      const at = {
        article,
        update: current,
        version: current.version,
        change: readChangeKind(req, update).form,
      };
      renderEditForm(ctx, req, res, { ...at, status: 200, form, errors: {}, editing: state });
      return;
    }
    const submission = readSubmission(req, article);
    const change = readChangeKind(req, update);
    const base = { article, update, version, change: change.form, editing: { base: submittedBase(req) } };
    if (submission.kind !== 'save') {
      const { form } = submission;
      const errors = submission.kind === 'invalid' ? { ...submission.errors, ...change.errors } : {};
      renderEditForm(ctx, req, res, { ...base, status: STATUS[submission.kind], form, errors });
      return;
    }
    if (change.edit === null) {
      renderEditForm(ctx, req, res, { ...base, status: 422, form: submission.form, errors: change.errors });
      return;
    }
    try {
      editUpdate(ctx, actorOf(req), update.id, version, submission.input, change.edit);
    } catch (err) {
      if (!(err instanceof ServiceError) || err.code !== 'conflict') throw err;
      // Stale: the user's text stays in the form, which now carries the current version (so "save mine
      // over" saves) and still the version it started from (so "apply on top" can merge).
      const current = requireUpdate(ctx, update.id);
      renderEditForm(ctx, req, res, {
        ...base,
        update: current,
        version: current.version,
        status: 409,
        form: submission.form,
        errors: {},
        editing: staleSave(ctx, req, article, current, submission.form),
      });
      return;
    }
    presenceOf(ctx).leave(article.id, staff(req).id, update.id);
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
