import type { Tag } from '../db/tags-repo.js';
import { LIMITS } from '../domain/limits.js';
import { canPublish } from '../domain/permissions.js';
import { slugify } from '../domain/slug.js';
import type { Actor } from '../domain/types.js';
import { oneLine, type FieldErrors } from '../domain/validation.js';
import { requireArticle } from './article-access.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import { isPublic, recordChange } from './journal.js';

// Tag management in the desk (editors): rename a tag, or merge two tags that mean the same. Every article
// that carries the tag changes as readers see it, so each gets its own revision, event and audit row (and
// its search row), like a merge of two people; the tag action itself is audited too.

/** Loads a tag or fails with not_found. */
export function requireTag(ctx: ServiceContext, id: number): Tag {
  const tag = ctx.repos.tags.findById(id);
  if (!tag) throw new ServiceError('not_found', 'No such tag.');
  return tag;
}

function requireEditor(actor: Actor): void {
  if (actor.role === null || !canPublish(actor.role))
    throw new ServiceError('forbidden', 'Only editors rename and merge tags.');
}

/** Checks a new tag name: one line, 1–50 characters, no comma (the article form separates tags by commas). */
export function validateTagName(
  raw: string,
): { ok: true; name: string } | { ok: false; errors: FieldErrors } {
  const name = oneLine(raw);
  if (name === '') return { ok: false, errors: { name: 'Give the tag a name.' } };
  if ([...name].length > LIMITS.tag)
    return { ok: false, errors: { name: `At most ${LIMITS.tag} characters.` } };
  if (name.includes(',')) return { ok: false, errors: { name: 'A tag name cannot contain a comma.' } };
  return { ok: true, name };
}

/** Every article with the tag: touched, with a revision, event and audit row each. */
function recordArticles(ctx: ServiceContext, actor: Actor, articleIds: number[], now: string): void {
  for (const articleId of articleIds) {
    ctx.repos.articles.touch(articleId, now);
    const article = requireArticle(ctx, articleId);
    recordChange(ctx, {
      actor,
      article,
      kind: 'edit',
      event: 'article.edited',
      wasPublic: isPublic(article),
      now,
    });
  }
}

/** Renames a tag (its address follows the name). A name whose address another tag has is a field error. */
export function renameTag(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  rawName: string,
): { ok: true; tag: Tag } | { ok: false; errors: FieldErrors } {
  requireEditor(actor);
  const checked = validateTagName(rawName);
  if (!checked.ok) return checked;
  return inTransaction(ctx, (now) => {
    const before = requireTag(ctx, id);
    const slug = slugify(checked.name, LIMITS.tag);
    const other = ctx.repos.tags.findBySlug(slug);
    if (other && other.id !== id) {
      return {
        ok: false as const,
        errors: {
          name: `The tag "${other.name}" already has this address (/tags/${slug}): merge them instead.`,
        },
      };
    }
    if (before.name === checked.name) return { ok: true as const, tag: before };
    ctx.repos.tags.rename(id, checked.name, slug);
    recordArticles(ctx, actor, ctx.repos.tags.articleIds(id), now);
    ctx.repos.audit.insert({
      actor,
      action: 'tag.renamed',
      targetType: 'tag',
      targetId: id,
      outcome: 'ok',
      detail: { from: before.name, to: checked.name },
      at: now,
    });
    return { ok: true as const, tag: requireTag(ctx, id) };
  });
}

/** Merges `fromId` into `intoId`: its articles carry `intoId` instead, and `fromId` is deleted. */
export function mergeTags(ctx: ServiceContext, actor: Actor, fromId: number, intoId: number): Tag {
  requireEditor(actor);
  if (fromId === intoId) throw new ServiceError('conflict', 'Choose two different tags to merge.');
  return inTransaction(ctx, (now) => {
    const from = requireTag(ctx, fromId);
    const into = requireTag(ctx, intoId);
    const affected = ctx.repos.tags.articleIds(fromId);
    ctx.repos.tags.merge(fromId, intoId);
    recordArticles(ctx, actor, affected, now);
    ctx.repos.audit.insert({
      actor,
      action: 'tag.merged',
      targetType: 'tag',
      targetId: intoId,
      outcome: 'ok',
      detail: { from: from.name, fromId, into: into.name, articles: affected },
      at: now,
    });
    return into;
  });
}
