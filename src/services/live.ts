import { canPublish } from '../domain/permissions.js';
import type { Actor, Article } from '../domain/types.js';
import { requireArticle, requireWorkableArticle } from './article-access.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import { isPublic, recordChange } from './journal.js';
import { requireUpdate } from './updates.js';

// Editorial decisions on a running story: pin, key events, the order, the end of coverage.
// Editors and admins only.

function requireEditor(actor: Actor): void {
  if (actor.role === null || !canPublish(actor.role)) {
    throw new ServiceError('forbidden', 'Only editors pin, mark key events, reorder and end coverage.');
  }
}

/** Pins an update (shown first; any other pinned update of the article is unpinned) or unpins it. */
export function setPinned(ctx: ServiceContext, actor: Actor, id: number, pinned: boolean) {
  requireEditor(actor);
  return inTransaction(ctx, (now) => {
    const before = requireUpdate(ctx, id);
    const article = requireWorkableArticle(ctx, actor, before.articleId);
    const previous = ctx.repos.updates.listForArticle(article.id, true).find((u) => u.pinned && u.id !== id);
    ctx.repos.updates.setPinned(article.id, id, pinned);
    if (pinned && previous) {
      // The one that lost its pin changes too: its own revision and event, so open pages follow.
      finishUpdateChange(ctx, actor, previous.id, 'update.unpinned', isPublic(article, previous), now);
    }
    return finishUpdateChange(
      ctx,
      actor,
      id,
      pinned ? 'update.pinned' : 'update.unpinned',
      isPublic(article, before),
      now,
    );
  });
}

/** Marks or unmarks an update as a key event (listed in the box at the top of the article). */
export function setKeyEvent(ctx: ServiceContext, actor: Actor, id: number, keyEvent: boolean) {
  requireEditor(actor);
  return inTransaction(ctx, (now) => {
    const before = requireUpdate(ctx, id);
    const article = requireWorkableArticle(ctx, actor, before.articleId);
    ctx.repos.updates.setKeyEvent(id, keyEvent);
    return finishUpdateChange(ctx, actor, id, 'update.key_event', isPublic(article, before), now);
  });
}

function finishUpdateChange(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  event: string,
  wasPublic: boolean,
  now: string,
) {
  const update = requireUpdate(ctx, id);
  ctx.repos.articles.touch(update.articleId, now);
  const article = requireArticle(ctx, update.articleId);
  recordChange(ctx, { actor, article, update, kind: 'edit', event, wasPublic, now });
  return { article, update };
}

/** Ends live coverage: the LIVE badge goes and the end time is recorded. */
export function endCoverage(ctx: ServiceContext, actor: Actor, articleId: number): Article {
  requireEditor(actor);
  return inTransaction(ctx, (now) => {
    const before = requireWorkableArticle(ctx, actor, articleId);
    if (!ctx.repos.articles.endCoverage(articleId, now)) return before;
    const article = requireArticle(ctx, articleId);
    recordChange(ctx, {
      actor,
      article,
      kind: 'edit',
      event: 'article.coverage_ended',
      wasPublic: isPublic(before),
      now,
    });
    return article;
  });
}

/** Lets (or stops) journalists on a live article publish their updates directly. */
export function setJournalistsPublish(
  ctx: ServiceContext,
  actor: Actor,
  articleId: number,
  allowed: boolean,
): Article {
  requireEditor(actor);
  return inTransaction(ctx, (now) => {
    const before = requireWorkableArticle(ctx, actor, articleId);
    if (before.journalistsPublish === allowed) return before;
    ctx.repos.articles.setJournalistsPublish(articleId, allowed, now);
    const article = requireArticle(ctx, articleId);
    recordChange(ctx, { actor, article, kind: 'edit', event: 'article.settings', wasPublic: false, now });
    return article;
  });
}

/**
 * Saves a whole new editorial order at once. `updateIds` must be exactly the article's current updates
 * (in any order), or the order is refused as stale (409): someone added or removed one meanwhile.
 */
export function reorderUpdates(
  ctx: ServiceContext,
  actor: Actor,
  articleId: number,
  updateIds: number[],
): Article {
  requireEditor(actor);
  return inTransaction(ctx, (now) => {
    const before = requireWorkableArticle(ctx, actor, articleId);
    const current = ctx.repos.updates.positions(articleId).map((item) => item.id);
    const same =
      updateIds.length === current.length &&
      new Set(updateIds).size === current.length &&
      current.every((id) => updateIds.includes(id));
    if (!same)
      throw new ServiceError('conflict', 'The list of updates has changed meanwhile. Reload and try again.');
    if (current.every((id, index) => updateIds[index] === id)) return before;
    ctx.repos.updates.renumber(updateIds, (index) => (index + 1) * 1024);
    ctx.repos.articles.touch(articleId, now);
    const article = requireArticle(ctx, articleId);
    recordChange(ctx, {
      actor,
      article,
      kind: 'move',
      event: 'article.reordered',
      wasPublic: isPublic(before),
      payload: { order: updateIds },
      now,
    });
    return article;
  });
}
