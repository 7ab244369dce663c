import type { RevisionKind } from '../db/revisions-repo.js';
import type { StoredBlockInput } from '../db/updates-repo.js';
import { insertionIndex, moved, needsRenumber, positionBetween, renumbered } from '../domain/ordering.js';
import { canManageUpdate, canPublish } from '../domain/permissions.js';
import type { Actor, Article, BlockInput, Update, UpdateStatus } from '../domain/types.js';
import type { UpdateInput } from '../domain/update-input.js';
import { requireArticle, requireWorkableArticle } from './article-access.js';
import { inTransaction, noteUpdateWritten, ServiceError, type ServiceContext } from './context.js';
import { isPublic, recordChange } from './journal.js';

/** Loads an update (not soft-deleted) or fails with not_found. */
export function requireUpdate(ctx: ServiceContext, id: number): Update {
  const update = ctx.repos.updates.findById(id);
  if (!update) throw new ServiceError('not_found', 'No such update.');
  return update;
}

function requireRole(allowed: boolean, message: string): void {
  if (!allowed) throw new ServiceError('forbidden', message);
}

/** Resolves speaker names to the people register, adding people it does not know yet. */
function resolveBlocks(ctx: ServiceContext, blocks: BlockInput[], now: string): StoredBlockInput[] {
  const speakerId = (name: string | null): number | null => {
    if (name === null) return null;
    const person =
      ctx.repos.people.findByName(name) ??
      ctx.repos.people.insert({ name, title: '', organisation: '' }, now);
    return person.id;
  };
  return blocks.map((block) => {
    if (block.type === 'qa') return { ...block, speakerId: speakerId(block.speaker) };
    if (block.type === 'quote') return { ...block, speakerId: null };
    return block;
  });
}

/**
 * Finishes a change to an update: bumps the article's version, then writes revision, event and audit.
 * `removed` is the last state of an update that the change soft-deleted.
 */
function finish(
  ctx: ServiceContext,
  change: {
    actor: Actor;
    updateId: number;
    kind: RevisionKind;
    note?: string | null;
    event: string;
  },
  wasPublic: boolean,
  now: string,
  removed?: Update,
): { article: Article; update: Update } {
  const update = removed ?? requireUpdate(ctx, change.updateId);
  ctx.repos.articles.touch(update.articleId, now);
  const article = requireArticle(ctx, update.articleId);
  recordChange(ctx, { ...change, article, update, wasPublic, now });
  return { article, update };
}

/**
 * Editors publish anywhere; a journalist publishes directly only on a live article whose editors allow it
 * (per-article setting), otherwise their update waits as a draft for an editor.
 */
export function mayPublishDirectly(actor: Actor, article: Article): boolean {
  if (actor.role === null) return false;
  return (
    canPublish(actor.role) || (actor.role === 'journalist' && article.live && article.journalistsPublish)
  );
}

/** Adds an update to an article, placed by its date in the editors' order; optionally published at once. */
export function postUpdate(
  ctx: ServiceContext,
  actor: Actor,
  articleId: number,
  input: UpdateInput,
  publish: boolean,
): { article: Article; update: Update } {
  return inTransaction(ctx, (now) => {
    const article = requireWorkableArticle(ctx, actor, articleId);
    if (publish) {
      requireRole(mayPublishDirectly(actor, article), 'Only editors can publish updates on this article.');
    }
    const list = ctx.repos.updates.positions(articleId);
    const at = insertionIndex(list, input.datedAt);
    let before = list[at - 1]?.position;
    let after = list[at]?.position;
    if (needsRenumber(before, after)) {
      const fresh = renumbered(list);
      ctx.repos.updates.renumber(
        fresh.map((item) => item.id),
        (i) => fresh[i]?.position ?? 0,
      );
      before = fresh[at - 1]?.position;
      after = fresh[at]?.position;
    }
    const id = ctx.repos.updates.insert(
      {
        articleId,
        datedAt: input.datedAt,
        precision: input.precision,
        headline: input.headline,
        authorId: actor.userId,
        status: publish ? 'published' : 'draft',
        position: positionBetween(before, after),
      },
      now,
    );
    ctx.repos.updates.replaceBlocks(id, resolveBlocks(ctx, input.blocks, now));
    const event = publish ? 'update.published' : 'update.created';
    return finish(ctx, { actor, updateId: id, kind: 'create', event }, false, now);
  });
}

/**
 * What kind of change an edit is. A published update's edit is a silent `edit` (a typo, formatting: in
 * the history, not shown to readers) or a `correction` whose public note readers see on the update.
 */
export type EditKind = { kind: 'edit'; note?: string | null } | { kind: 'correction'; note: string };

/** Saves an edited update when `version` is current (409 otherwise); a correction needs a published update. */
export function editUpdate(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  version: number,
  input: UpdateInput,
  change: EditKind = { kind: 'edit' },
): { article: Article; update: Update } {
  return inTransaction(ctx, (now) => {
    const before = requireUpdate(ctx, id);
    const wasPublic = isPublic(requireWorkableArticle(ctx, actor, before.articleId), before);
    if (change.kind === 'correction' && (before.status !== 'published' || change.note.trim() === '')) {
      throw new ServiceError('conflict', 'Only a published update can be corrected, with a public note.');
    }
    const fields = { datedAt: input.datedAt, precision: input.precision, headline: input.headline };
    if (!ctx.repos.updates.updateFields(id, version, fields, now)) {
      throw new ServiceError('conflict', 'Someone else changed this update while you were editing it.');
    }
    ctx.repos.updates.replaceBlocks(id, resolveBlocks(ctx, input.blocks, now));
    const what = {
      actor,
      updateId: id,
      kind: change.kind,
      note: change.note ?? null,
      event: 'update.edited',
    };
    const result = finish(ctx, what, wasPublic, now);
    if (change.kind !== 'correction') return result;
    // The correction is the revision finish() just wrote: read the update again to carry it, and have that
    // one rendered after the commit (the one noted before lacks the correction pages show).
    const corrected = { ...result, update: requireUpdate(ctx, id) };
    noteUpdateWritten(ctx, corrected);
    return corrected;
  });
}

/** Publishes or unpublishes one update (editors and admins only). */
export function setUpdateStatus(ctx: ServiceContext, actor: Actor, id: number, status: UpdateStatus) {
  requireRole(
    actor.role !== null && canPublish(actor.role),
    'Only editors can publish or unpublish updates.',
  );
  return inTransaction(ctx, (now) => {
    const before = requireUpdate(ctx, id);
    const wasPublic = isPublic(requireArticle(ctx, before.articleId), before);
    ctx.repos.updates.setStatus(id, status, now);
    const event = status === 'published' ? 'update.published' : 'update.unpublished';
    return finish(ctx, { actor, updateId: id, kind: 'status', event }, wasPublic, now);
  });
}

/** Removes an update from the article (a soft delete: history keeps it). */
export function deleteUpdate(ctx: ServiceContext, actor: Actor, id: number) {
  return inTransaction(ctx, (now) => {
    const before = requireUpdate(ctx, id);
    const article = requireWorkableArticle(ctx, actor, before.articleId);
    requireRole(
      actor.role !== null && canManageUpdate(actor.role, actor.userId, before),
      'Only editors can remove published updates or the work of others.',
    );
    const wasPublic = isPublic(article, before);
    ctx.repos.updates.softDelete(id, now);
    return finish(
      ctx,
      { actor, updateId: id, kind: 'delete', event: 'update.removed' },
      wasPublic,
      now,
      before,
    );
  });
}

/** Moves an update `delta` places in the editors' order (negative = up). */
export function moveUpdate(ctx: ServiceContext, actor: Actor, id: number, delta: number) {
  return inTransaction(ctx, (now) => {
    const update = requireUpdate(ctx, id);
    const article = requireWorkableArticle(ctx, actor, update.articleId);
    requireRole(
      actor.role !== null && canManageUpdate(actor.role, actor.userId, update),
      'Only editors can move published updates or the work of others.',
    );
    const list = ctx.repos.updates.positions(update.articleId);
    const from = list.findIndex((item) => item.id === id);
    const order = moved(list, from, delta);
    if (order === list) return { article, update };
    const to = order.findIndex((item) => item.id === id);
    let position = positionBetween(order[to - 1]?.position, order[to + 1]?.position);
    if (needsRenumber(order[to - 1]?.position, order[to + 1]?.position)) {
      const fresh = renumbered(order);
      ctx.repos.updates.renumber(
        fresh.map((item) => item.id),
        (i) => fresh[i]?.position ?? 0,
      );
      position = fresh[to]?.position ?? position;
    }
    ctx.repos.updates.setPosition(id, position);
    const wasPublic = isPublic(article, update);
    return finish(ctx, { actor, updateId: id, kind: 'move', event: 'article.reordered' }, wasPublic, now);
  });
}
