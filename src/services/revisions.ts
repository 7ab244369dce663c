import type { RevisionEntry } from '../db/revisions-repo.js';
import type { StoredUpdate } from '../db/updates-repo.js';
import { canPurge, canRestoreRevision, canUndelete } from '../domain/permissions.js';
import { isUpdateSnapshot, snapshotInput } from '../domain/snapshots.js';
import type { Actor, Article, Update } from '../domain/types.js';
import { requireArticle, requireWorkableArticle } from './article-access.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import { recordChange } from './journal.js';
import { editUpdate, requireUpdate } from './updates.js';

// The history of articles and updates: reading revisions, restoring one (as a new revision: the past is
// never rewritten), and bringing back or purging removed updates.

/** Loads an update, removed or not, or fails with not_found. */
function requireStoredUpdate(ctx: ServiceContext, id: number): StoredUpdate {
  const update = ctx.repos.updates.findWithDeleted(id);
  if (!update) throw new ServiceError('not_found', 'No such update.');
  return update;
}

function requireRole(allowed: boolean, message: string): void {
  if (!allowed) throw new ServiceError('forbidden', message);
}

/** Every revision of the article and its updates (newest first) and its removed updates. */
export function articleHistory(ctx: ServiceContext, actor: Actor, articleId: number) {
  const article = requireWorkableArticle(ctx, actor, articleId);
  const entries = ctx.repos.revisions.historyOfArticle(article.id);
  const removed = ctx.repos.updates.listRemoved(article.id).map((update) => ({
    update,
    removal: entries.find((entry) => entry.kind === 'delete' && entry.updateId === update.id),
  }));
  return { article, entries, removed };
}

/** One update's revisions, newest first; a removed update's history stays readable. */
export function updateHistory(
  ctx: ServiceContext,
  actor: Actor,
  updateId: number,
): { article: Article; update: StoredUpdate; entries: RevisionEntry[] } {
  const update = requireStoredUpdate(ctx, updateId);
  const article = requireWorkableArticle(ctx, actor, update.articleId);
  return { article, update, entries: ctx.repos.revisions.historyOfUpdate(update.id) };
}

/** A revision of this update with its snapshot; 404 for another update's revision or an unknown id. */
function revisionOf(ctx: ServiceContext, update: Pick<Update, 'id'>, revisionId: number) {
  const revision = ctx.repos.revisions.findById(revisionId);
  if (!revision || revision.updateId !== update.id || !isUpdateSnapshot(revision.snapshot)) {
    throw new ServiceError('not_found', 'This update has no such revision.');
  }
  return { ...revision, snapshot: revision.snapshot };
}

/** Two revisions of one update, to compare. */
export function revisionPair(
  ctx: ServiceContext,
  actor: Actor,
  updateId: number,
  fromId: number,
  toId: number,
) {
  const { article, update } = updateHistory(ctx, actor, updateId);
  return { article, update, from: revisionOf(ctx, update, fromId), to: revisionOf(ctx, update, toId) };
}

/**
 * Restores an old revision's content (date, headline, blocks) through the normal edit: a NEW revision of
 * kind `edit` noted "Restored revision R". Status, pin and key event stay as they are now. `version`
 * defaults to the current one; a removed update must be brought back first (409).
 */
export function restoreRevision(
  ctx: ServiceContext,
  actor: Actor,
  updateId: number,
  revisionId: number,
  version?: number,
): { article: Article; update: Update } {
  return inTransaction(ctx, () => {
    const stored = requireStoredUpdate(ctx, updateId);
    requireWorkableArticle(ctx, actor, stored.articleId);
    if (stored.deletedAt !== null) {
      throw new ServiceError('conflict', 'This update was removed: restore the update itself first.');
    }
    requireRole(
      actor.role !== null && canRestoreRevision(actor.role, stored),
      'Only editors can restore an earlier revision of a published update.',
    );
    const revision = revisionOf(ctx, stored, revisionId);
    return editUpdate(ctx, actor, stored.id, version ?? stored.version, snapshotInput(revision.snapshot), {
      kind: 'edit',
      note: `Restored revision ${revision.id}`,
    });
  });
}

/** Brings a removed update back (editors): readers see it again and open pages receive it. */
export function undeleteUpdate(ctx: ServiceContext, actor: Actor, id: number) {
  requireRole(actor.role !== null && canUndelete(actor.role), 'Only editors can restore removed updates.');
  return inTransaction(ctx, (now) => {
    const stored = requireStoredUpdate(ctx, id);
    requireWorkableArticle(ctx, actor, stored.articleId);
    if (!ctx.repos.updates.undelete(id)) throw new ServiceError('conflict', 'This update was not removed.');
    ctx.repos.articles.touch(stored.articleId, now);
    const update = requireUpdate(ctx, id);
    const article = requireArticle(ctx, stored.articleId);
    recordChange(ctx, {
      actor,
      article,
      update,
      kind: 'status',
      note: 'Restored after removal',
      event: 'update.restored',
      wasPublic: false,
      now,
    });
    return { article, update };
  });
}

/**
 * Deletes a removed update and its blocks for good (admins). Its revisions keep their snapshots (their
 * update_id becomes NULL); the audit row keeps the reason. An update still on the page is refused (409).
 */
export function purgeUpdate(ctx: ServiceContext, actor: Actor, id: number, reason: string) {
  requireRole(actor.role !== null && canPurge(actor.role), 'Only admins can purge updates.');
  if (reason.trim() === '') throw new Error('a purge needs a reason');
  return inTransaction(ctx, (now) => {
    const stored = requireStoredUpdate(ctx, id);
    const article = requireWorkableArticle(ctx, actor, stored.articleId);
    const lastRevision = ctx.repos.revisions.latestId(article.id, id);
    if (!ctx.repos.updates.purge(id)) {
      throw new ServiceError('conflict', 'Only a removed update can be purged: remove it first.');
    }
    ctx.repos.audit.insert({
      actor,
      action: 'update.purged',
      targetType: 'update',
      targetId: id,
      articleId: article.id,
      outcome: 'ok',
      detail: { reason, lastRevision, headline: stored.headline, datedAt: stored.datedAt },
      at: now,
    });
    return { article };
  });
}
