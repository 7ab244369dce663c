import type { PersonDetails } from '../db/people-repo.js';
import type { PersonInput } from '../domain/person-input.js';
import { canPublish } from '../domain/permissions.js';
import type { Actor } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { requireArticle } from './article-access.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import { isPublic, recordChange } from './journal.js';

const TAKEN: FieldErrors = { name: 'Another entry has this name and organisation. Merge the two instead.' };

/** Loads a register entry or fails with not_found. */
export function requirePerson(ctx: ServiceContext, id: number): PersonDetails {
  const person = ctx.repos.people.findById(id);
  if (!person) throw new ServiceError('not_found', 'No such person in the register.');
  return person;
}

function taken(ctx: ServiceContext, input: PersonInput, exceptId: number): boolean {
  return ctx.repos.people
    .list()
    .some((p) => p.id !== exceptId && p.name === input.name && p.organisation === input.organisation);
}

function audit(
  ctx: ServiceContext,
  actor: Actor,
  action: string,
  id: number,
  now: string,
  detail = {},
): void {
  ctx.repos.audit.insert({
    actor,
    action,
    targetType: 'person',
    targetId: id,
    outcome: 'ok',
    detail,
    at: now,
  });
}

/** Adds a person to the speaker register. */
export function createPerson(ctx: ServiceContext, actor: Actor, input: PersonInput) {
  return inTransaction(ctx, (now) => {
    if (taken(ctx, input, 0)) return { ok: false as const, errors: TAKEN };
    const person = ctx.repos.people.insert(input, now);
    audit(ctx, actor, 'person.created', person.id, now);
    return { ok: true as const, person };
  });
}

/** Edits a register entry; every exchange attributed to the person follows. */
export function editPerson(ctx: ServiceContext, actor: Actor, id: number, input: PersonInput) {
  return inTransaction(ctx, (now) => {
    requirePerson(ctx, id);
    if (taken(ctx, input, id)) return { ok: false as const, errors: TAKEN };
    ctx.repos.people.update(id, input);
    // Speaker names are in the search index: the updates they speak in follow the new name.
    for (const updateId of new Set(ctx.repos.people.appearances(id).map((a) => a.updateId)))
      ctx.repos.search.indexUpdate(updateId);
    audit(ctx, actor, 'person.edited', id, now);
    return { ok: true as const, person: requirePerson(ctx, id) };
  });
}

/**
 * Merges two entries for the same person: every exchange and quote of `fromId` is attributed to `intoId`,
 * then `fromId` is removed. Each affected update gets a revision (and open pages an event).
 */
export function mergePeople(
  ctx: ServiceContext,
  actor: Actor,
  fromId: number,
  intoId: number,
): PersonDetails {
  if (actor.role === null || !canPublish(actor.role))
    throw new ServiceError('forbidden', 'Only editors merge people.');
  if (fromId === intoId) throw new ServiceError('conflict', 'Choose two different entries to merge.');
  return inTransaction(ctx, (now) => {
    requirePerson(ctx, fromId);
    const into = requirePerson(ctx, intoId);
    const affected = [...new Set(ctx.repos.people.appearances(fromId).map((a) => a.updateId))];
    ctx.repos.people.merge(fromId, intoId);
    for (const updateId of affected) {
      const update = ctx.repos.updates.findById(updateId);
      if (!update) continue;
      ctx.repos.articles.touch(update.articleId, now);
      const article = requireArticle(ctx, update.articleId);
      recordChange(ctx, {
        actor,
        article,
        update,
        kind: 'edit',
        event: 'update.edited',
        wasPublic: isPublic(article, update),
        now,
      });
    }
    audit(ctx, actor, 'person.merged', intoId, now, { from: fromId, updates: affected });
    return into;
  });
}
