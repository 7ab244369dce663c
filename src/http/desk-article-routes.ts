import { Router, type Request, type Response } from 'express';
import { validateArticle, type ArticleForm } from '../domain/article-input.js';
import { LIMITS } from '../domain/limits.js';
import type { Article } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { isValidTimeZone } from '../render/dates.js';
import { createArticle, editArticle, requireArticle, setArticleStatus } from '../services/articles.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, staff } from './auth.js';
import { fields, idParam, versionField } from './forms.js';
import { composerForm, renderLiveDesk } from './live-desk.js';

const ARTICLE_FIELDS = ['title', 'slug', 'summary', 'tags', 'locale', 'timeZone', 'live'] as const;

function formOf(article: Article): ArticleForm {
  return {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    tags: article.tags.join(', '),
    locale: article.locale,
    timeZone: article.timeZone,
    live: article.live ? 'on' : '',
  };
}

function renderArticleForm(
  res: Response,
  status: number,
  view: { form: ArticleForm; errors: FieldErrors; article?: Article; message?: string },
): void {
  res.status(status).render('desk/article-form', {
    form: view.form,
    errors: view.errors,
    article: view.article ?? null,
    message: view.message ?? null,
    limits: LIMITS,
  });
}

/** Desk pages for articles: dashboard, the article form, publishing and the live desk. */
export function deskArticleRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk', (req, res) => {
    const user = staff(req);
    const all = ctx.repos.articles.listAll();
    res.render('desk/dashboard', {
      mine: all.filter((a) => a.status === 'draft' && a.createdBy === user.id),
      live: all.filter((a) => a.status === 'published' && a.live),
      drafts: all.filter((a) => a.status === 'draft' && a.createdBy !== user.id),
      published: all.filter((a) => a.status === 'published' && !a.live).slice(0, 20),
    });
  });

  router.get('/desk/articles/new', (_req, res) => {
    const form = {
      title: '',
      slug: '',
      summary: '',
      tags: '',
      locale: 'sv',
      timeZone: 'Europe/Stockholm',
      live: 'on',
    };
    renderArticleForm(res, 200, { form, errors: {} });
  });

  router.post('/desk/articles', (req, res) => {
    const form = fields(req, ARTICLE_FIELDS);
    const checked = validateArticle(form, isValidTimeZone);
    const result = checked.ok ? createArticle(ctx, actorOf(req), checked.value) : checked;
    if (!result.ok) {
      renderArticleForm(res, 422, { form, errors: result.errors });
      return;
    }
    res.redirect(303, `/desk/articles/${result.article.id}`);
  });

  router.get('/desk/articles/:id', (req, res) => {
    const article = requireArticle(ctx, idParam(req));
    renderLiveDesk(ctx, req, res, article, { status: 200, composer: composerForm(ctx, article), errors: {} });
  });

  router.get('/desk/articles/:id/edit', (req, res) => {
    const article = requireArticle(ctx, idParam(req));
    renderArticleForm(res, 200, { form: formOf(article), errors: {}, article });
  });

  router.post('/desk/articles/:id/edit', (req, res) => {
    const article = requireArticle(ctx, idParam(req));
    const form = fields(req, ARTICLE_FIELDS);
    const version = versionField(req);
    const checked = validateArticle(form, isValidTimeZone);
    const result = checked.ok ? saveOrConflict(ctx, req, article, version, checked.value) : checked;
    if (result === 'conflict') {
      const current = requireArticle(ctx, article.id);
      const message =
        'Someone else saved this article while you were editing. Your text is kept below; check the current version and save again.';
      renderArticleForm(res.status(409), 409, { form, errors: {}, article: current, message });
      return;
    }
    if (!result.ok) {
      renderArticleForm(res, 422, { form, errors: result.errors, article });
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

function saveOrConflict(
  ctx: ServiceContext,
  req: Request,
  article: Article,
  version: number,
  input: Parameters<typeof editArticle>[4],
) {
  try {
    return editArticle(ctx, actorOf(req), article.id, version, input);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'conflict') return 'conflict' as const;
    throw err;
  }
}
