import type { ArticleInput } from '../domain/article-input.js';
import { canPublish } from '../domain/permissions.js';
import type { Actor, Article, ArticleStatus } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { requireArticle, requireWorkableArticle } from './article-access.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import { isPublic, recordChange } from './journal.js';
import { applyTranslation, resolveTranslation } from './translations.js';

export type SaveResult = { ok: true; article: Article } | { ok: false; errors: FieldErrors };

const SLUG_TAKEN = { slug: 'Another article already uses this slug.' };

function fieldsOf(input: ArticleInput) {
  const { slug, title, summary, live, locale, timeZone } = input;
  return { slug, title, summary, live, locale, timeZone };
}

/** Creates a draft article with its tags. A taken slug is a field error. */
export function createArticle(ctx: ServiceContext, actor: Actor, input: ArticleInput): SaveResult {
  return inTransaction(ctx, (now) => {
    if (ctx.repos.articles.slugTaken(input.slug)) return { ok: false, errors: SLUG_TAKEN };
    const translation = resolveTranslation(ctx, actor, input.translationSlug, {
      id: null,
      locale: input.locale,
    });
    if (!translation.ok) return translation;
    const id = ctx.repos.articles.insert(fieldsOf(input), actor.userId, now);
    ctx.repos.articles.setTags(id, input.tags);
    applyTranslation(ctx, actor, requireArticle(ctx, id), translation.partner, now);
    const article = requireArticle(ctx, id);
    recordChange(ctx, { actor, article, kind: 'create', event: 'article.created', wasPublic: false, now });
    return { ok: true, article };
  });
}

/** Saves the article form when `version` is current (409 otherwise). */
export function editArticle(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  version: number,
  input: ArticleInput,
  members?: number[],
): SaveResult {
  if (members !== undefined && (actor.role === null || !canPublish(actor.role))) {
    throw new ServiceError('forbidden', 'Only editors assign journalists to articles.');
  }
  return inTransaction(ctx, (now) => {
    const before = requireWorkableArticle(ctx, actor, id);
    if (ctx.repos.articles.slugTaken(input.slug, id)) return { ok: false, errors: SLUG_TAKEN };
    // Changing the language of a linked article without naming a new partner drops the link.
    const request =
      input.translationSlug === undefined && before.translationId !== null && input.locale !== before.locale
        ? null
        : input.translationSlug;
    const translation = resolveTranslation(ctx, actor, request, { id, locale: input.locale });
    if (!translation.ok) return translation;
    if (!ctx.repos.articles.updateFields(id, version, fieldsOf(input), now)) {
      throw new ServiceError('conflict', 'Someone else changed this article while you were editing it.');
    }
    ctx.repos.articles.setTags(id, input.tags);
    applyTranslation(ctx, actor, before, translation.partner, now);
    if (members !== undefined) ctx.repos.articles.setMembers(id, members, now);
    const article = requireArticle(ctx, id);
    const event = before.live && !article.live ? 'article.coverage_ended' : 'article.edited';
    recordChange(ctx, { actor, article, kind: 'edit', event, wasPublic: isPublic(before), now });
    return { ok: true, article };
  });
}

/** Publishes, unpublishes or archives an article (editors and admins only). */
export function setArticleStatus(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  status: ArticleStatus,
): Article {
  if (actor.role === null || !canPublish(actor.role)) {
    throw new ServiceError('forbidden', 'Only editors can publish or unpublish articles.');
  }
  return inTransaction(ctx, (now) => {
    const before = requireArticle(ctx, id);
    if (before.status === status) return before;
    ctx.repos.articles.setStatus(id, status, now);
    const article = requireArticle(ctx, id);
    const event =
      status === 'published'
        ? 'article.published'
        : `article.${status === 'draft' ? 'unpublished' : 'archived'}`;
    recordChange(ctx, { actor, article, kind: 'status', event, wasPublic: isPublic(before), now });
    return article;
  });
}
