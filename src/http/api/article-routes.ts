import { Router } from 'express';
import type { Article } from '../../domain/types.js';
import { articleToForm } from '../../domain/article-input.js';
import { canWorkOnArticle, requireArticle, requireWorkableArticle } from '../../services/article-access.js';
import { createArticle, editArticle, setArticleStatus, type SaveResult } from '../../services/articles.js';
import { ServiceError, type ServiceContext } from '../../services/context.js';
import { actorOf } from '../auth.js';
import { NEW_ARTICLE_FORM } from '../desk-article-routes.js';
import { HttpError } from '../errors.js';
import { idParam, intQuery } from '../forms.js';
import { articleInput } from './inputs.js';
import { articleJson, articleUrl, articleWithUpdatesJson } from './json.js';
import { articleBody, articlePatchBody, parseBody, requireVersion, validationError } from './schemas.js';

export const API_PAGE_SIZE = 20;

function saved(result: SaveResult): Article {
  if (!result.ok) throw validationError(result.errors);
  return result.article;
}

/** JSON API: articles (list, read, create, change metadata, publish, unpublish). */
export function apiArticleRoutes(ctx: ServiceContext, baseUrl: string | undefined): Router {
  const router = Router();

  router.get('/api/v1/articles', (req, res) => {
    const page = intQuery(req, 'page', 1);
    const actor = actorOf(req);
    const all = ctx.repos.articles
      .listAll()
      .filter((article) => canWorkOnArticle(ctx, actor, article))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    const start = (page - 1) * API_PAGE_SIZE;
    res.json({
      articles: all.slice(start, start + API_PAGE_SIZE).map((article) => articleJson(article, baseUrl)),
      page,
      pageSize: API_PAGE_SIZE,
      total: all.length,
      nextPage: start + API_PAGE_SIZE < all.length ? page + 1 : null,
    });
  });

  router.get('/api/v1/articles/:id', (req, res) => {
    const article = requireWorkableArticle(ctx, actorOf(req), idParam(req));
    // Staff see drafts too, in the editors' order.
    const updates = ctx.repos.updates.listForArticle(article.id, true);
    res.json(articleWithUpdatesJson(article, updates, baseUrl));
  });

  router.post('/api/v1/articles', (req, res) => {
    const input = articleInput(NEW_ARTICLE_FORM, parseBody(req, articleBody));
    const article = saved(createArticle(ctx, actorOf(req), input));
    const url = articleUrl(article, baseUrl);
    res.status(201).location(`/api/v1/articles/${article.id}`);
    res.json({ id: article.id, slug: article.slug, url, version: article.version });
  });

  router.patch('/api/v1/articles/:id', (req, res) => {
    const actor = actorOf(req);
    const before = requireWorkableArticle(ctx, actor, idParam(req));
    const { version: sent, ...fields } = parseBody(req, articlePatchBody);
    const version = requireVersion(sent);
    const input = articleInput(articleToForm(before), fields);
    let article: Article;
    try {
      article = saved(editArticle(ctx, actor, before.id, version, input));
    } catch (err) {
      if (!(err instanceof ServiceError && err.code === 'conflict')) throw err;
      const current = articleJson(requireArticle(ctx, before.id), baseUrl);
      const submitted = { version, ...input, tags: input.tags.map((tag) => tag.name) };
      throw new HttpError(409, err.message, false, { submittedVersion: version, submitted, current });
    }
    // The same document as GET, so a client can keep working from the answer.
    res.json(articleWithUpdatesJson(article, ctx.repos.updates.listForArticle(article.id, true), baseUrl));
  });

  for (const [path, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    router.post(`/api/v1/articles/:id/${path}`, (req, res) => {
      const article = setArticleStatus(ctx, actorOf(req), idParam(req), status);
      res.json({ id: article.id, status: article.status, version: article.version });
    });
  }

  return router;
}
