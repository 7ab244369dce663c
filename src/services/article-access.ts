import type { Actor, Article } from '../domain/types.js';
import { ServiceError, type ServiceContext } from './context.js';

/** Loads an article or fails with not_found. */
export function requireArticle(ctx: ServiceContext, id: number): Article {
  const article = ctx.repos.articles.findById(id);
  if (!article) throw new ServiceError('not_found', 'No such article.');
  return article;
}

/**
 * Object-level access: editors and admins work on every article; a journalist on the articles they
 * created or are assigned to.
 */
export function canWorkOnArticle(ctx: ServiceContext, actor: Actor, article: Article): boolean {
  if (actor.role === 'editor' || actor.role === 'admin') return true;
  if (actor.role !== 'journalist' || actor.userId === null) return false;
  return article.createdBy === actor.userId || ctx.repos.articles.isMember(article.id, actor.userId);
}

/**
 * The article, when the actor may work on it. Someone else's unpublished article answers exactly like a
 * missing one (404), so ids cannot be probed; a published one the actor is not on is a 403.
 */
export function requireWorkableArticle(ctx: ServiceContext, actor: Actor, id: number): Article {
  const article = requireArticle(ctx, id);
  if (canWorkOnArticle(ctx, actor, article)) return article;
  if (article.status === 'published')
    throw new ServiceError('forbidden', 'You are not assigned to this article.');
  throw new ServiceError('not_found', 'No such article.');
}
