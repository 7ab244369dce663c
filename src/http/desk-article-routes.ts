import { Router, type Request, type Response } from 'express';
import {
  articleToForm,
  validateArticle,
  type ArticleForm,
  type ArticleInput,
} from '../domain/article-input.js';
import { LIMITS } from '../domain/limits.js';
import { canPublish } from '../domain/permissions.js';
import type { Article } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { isValidTimeZone } from '../render/dates.js';
import { canWorkOnArticle, requireArticle, requireWorkableArticle } from '../services/article-access.js';
import { createArticle, editArticle, setArticleStatus } from '../services/articles.js';
import { translationOf } from '../services/translations.js';
import { ServiceError, type ServiceContext } from '../services/context.js';
import { actorOf, deskOf, staff } from './auth.js';
import { articleConflict } from './edit-conflicts.js';
import { fields, idParam, versionField } from './forms.js';
import { composerForm, renderLiveDesk } from './live-desk.js';

const ARTICLE_FIELDS = [
  'title',
  'slug',
  'summary',
  'tags',
  'locale',
  'timeZone',
  'live',
  'translation',
] as const;

export const NEW_ARTICLE_FORM: ArticleForm = {
  title: '',
  slug: '',
  summary: '',
  tags: '',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  live: 'on',
  translation: '',
};

/** The desk form of a stored article, with its translation's slug. */
function formOf(ctx: ServiceContext, article: Article): ArticleForm {
  return articleToForm(article, translationOf(ctx, article)?.slug ?? '');
}

/** Journalists who can be assigned, with the ones ticked; empty for users who may not assign. */
function assignable(ctx: ServiceContext, req: Request, ticked: number[]) {
  if (!canPublish(staff(req).role)) return [];
  return ctx.repos.users
    .list()
    .filter((user) => user.role === 'journalist' && !user.disabled)
    .map((user) => ({
      id: user.id,
      name: user.displayName,
      email: user.email,
      checked: ticked.includes(user.id),
    }));
}

/** The ticked `member.N` checkboxes of the article form (editors only). */
function memberIds(req: Request): number[] {
  const body = req.body as Record<string, unknown>;
  return Object.keys(body)
    .map((key) => /^member\.([1-9]\d{0,9})$/.exec(key)?.[1])
    .filter((id): id is string => id !== undefined && body[`member.${id}`] === 'on')
    .map(Number);
}

function renderArticleForm(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  view: {
    status: number;
    form: ArticleForm;
    errors: FieldErrors;
    article?: Article;
    members: number[];
    message?: string;
    /** After a stale save: the stored metadata beside the user's (partials/article-conflict.ejs). */
    conflict?: ReturnType<typeof articleConflict>;
  },
): void {
  res.status(view.status).render('desk/article-form', {
    form: view.form,
    errors: view.errors,
    article: view.article ?? null,
    message: view.message ?? null,
    conflict: view.conflict ?? null,
    journalists: view.article ? assignable(ctx, req, view.members) : [],
    limits: LIMITS,
  });
}

function saveOrConflict(
  ctx: ServiceContext,
  req: Request,
  article: Article,
  version: number,
  input: ArticleInput,
) {
  const members = canPublish(staff(req).role) ? memberIds(req) : undefined;
  try {
    return editArticle(ctx, actorOf(req), article.id, version, input, members);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'conflict') return 'conflict' as const;
    throw err;
  }
}

/** Desk pages for articles: dashboard, the article form, publishing and the live desk. */
export function deskArticleRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk', (req, res) => {
    const user = staff(req);
    const actor = actorOf(req);
    const all = ctx.repos.articles.listAll().filter((a) => canWorkOnArticle(ctx, actor, a));
    res.render('desk/dashboard', {
      mine: all.filter((a) => a.status === 'draft' && a.createdBy === user.id),
      live: all.filter((a) => a.status === 'published' && a.live),
      drafts: all.filter((a) => a.status === 'draft' && a.createdBy !== user.id),
      published: all.filter((a) => a.status === 'published' && !a.live).slice(0, 20),
    });
  });

  router.get('/desk/articles/new', (req, res) => {
    renderArticleForm(ctx, req, res, { status: 200, form: NEW_ARTICLE_FORM, errors: {}, members: [] });
  });

  router.post('/desk/articles', (req, res) => {
    const form = fields(req, ARTICLE_FIELDS);
    const checked = validateArticle(form, isValidTimeZone);
    const result = checked.ok ? createArticle(ctx, actorOf(req), checked.value) : checked;
    if (!result.ok) {
      renderArticleForm(ctx, req, res, { status: 422, form, errors: result.errors, members: [] });
      return;
    }
    res.redirect(303, `/desk/articles/${result.article.id}`);
  });

  router.get('/desk/articles/:id', (req, res) => {
    const article = requireWorkableArticle(ctx, actorOf(req), idParam(req));
    renderLiveDesk(ctx, req, res, article, { status: 200, composer: composerForm(ctx, article), errors: {} });
  });

  router.get('/desk/articles/:id/edit', (req, res) => {
    const article = requireWorkableArticle(ctx, actorOf(req), idParam(req));
    const members = ctx.repos.articles.members(article.id);
    renderArticleForm(ctx, req, res, {
      status: 200,
      form: formOf(ctx, article),
      errors: {},
      article,
      members,
    });
  });

  router.post('/desk/articles/:id/edit', (req, res) => {
    const article = requireWorkableArticle(ctx, actorOf(req), idParam(req));
    const form = fields(req, ARTICLE_FIELDS);
    const version = versionField(req);
    const checked = validateArticle(form, isValidTimeZone);
    const result = checked.ok ? saveOrConflict(ctx, req, article, version, checked.value) : checked;
    const members = memberIds(req);
    if (result === 'conflict') {
      const current = requireArticle(ctx, article.id);
      const message = `Someone else saved this article while you were editing it; it is now version ${current.version}. Nothing of yours was saved, and your text is kept in the form.`;
      const conflict = articleConflict(formOf(ctx, current), form, deskOf(res));
      const view = { status: 409, form, errors: {}, article: current, members, message, conflict };
      renderArticleForm(ctx, req, res, view);
      return;
    }
    if (!result.ok) {
      renderArticleForm(ctx, req, res, { status: 422, form, errors: result.errors, article, members });
      return;
    }
    res.redirect(303, `/desk/articles/${article.id}`);
  });

  for (const [path, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    router.post(`/desk/articles/:id/${path}`, (req, res) => {
      setArticleStatus(ctx, actorOf(req), idParam(req), status);
      res.redirect(303, `/desk/articles/${idParam(req)}`);
    });
  }

  return router;
}
