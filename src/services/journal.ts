import type { RevisionKind } from '../db/revisions-repo.js';
import type { Actor, Article, Update } from '../domain/types.js';
import { announceAfterCommit, noteUpdateWritten, type ServiceContext } from './context.js';

/** One change readers may see: the revision, event and audit rows written beside the content. */
export interface Change {
  actor: Actor;
  article: Article;
  update?: Update;
  kind: RevisionKind;
  note?: string | null;
  /** Event type such as `update.published`; written only when the change touches what readers see. */
  event: string;
  /** Whether readers could see the target before the change (for removals and unpublishing). */
  wasPublic: boolean;
  /** Extra event data, e.g. the new order of a reordered article. */
  payload?: Record<string, unknown>;
  now: string;
}

/** True when readers can see the update (or, without one, the article). */
export function isPublic(article: Pick<Article, 'status'>, update?: Pick<Update, 'status'>): boolean {
  return article.status === 'published' && (update === undefined || update.status === 'published');
}

/** The update as a revision keeps it: content and state, without the corrections read from revisions. */
export function snapshotOf(update: Update): Update {
  const copy: Update & { deletedAt?: unknown } = { ...update };
  delete copy.corrections;
  delete copy.deletedAt;
  return copy;
}

/** Writes the revision snapshot, the event (when readers are affected) and the audit row of a change. */
export function recordChange(ctx: ServiceContext, change: Change): void {
  const { actor, article, update, now } = change;
  const { repos } = ctx;
  // The search index follows every content change in the same transaction (a removed update leaves it).
  if (update) repos.search.indexUpdate(update.id);
  else repos.search.indexArticleRow(article.id);
  // Rendered once committed, on the write side (app.ts), unless it was removed: no reader's view parses it.
  if (update && change.kind !== 'delete') noteUpdateWritten(ctx, { article, update });
  const beforeRevision = repos.revisions.latestId(article.id, update?.id ?? null);
  const afterRevision = repos.revisions.insert({
    articleId: article.id,
    updateId: update?.id ?? null,
    kind: change.kind,
    note: change.note ?? null,
    snapshot: update ? snapshotOf(update) : article,
    authorId: actor.userId,
    at: now,
  });
  if (change.wasPublic || isPublic(article, update)) {
    repos.events.insert({
      articleId: article.id,
      type: change.event,
      updateId: update?.id ?? null,
      payload: { version: article.version, updateVersion: update?.version ?? null, ...change.payload },
      at: now,
    });
    announceAfterCommit(ctx, article.id);
  }
  repos.audit.insert({
    actor,
    action: change.event,
    targetType: update ? 'update' : 'article',
    targetId: update?.id ?? article.id,
    articleId: article.id,
    outcome: 'ok',
    detail: { kind: change.kind, beforeRevision, afterRevision },
    at: now,
  });
}
