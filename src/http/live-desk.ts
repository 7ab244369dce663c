import type { Request, Response } from 'express';
import { LIMITS } from '../domain/limits.js';
import { canManageUpdate, canPublish } from '../domain/permissions.js';
import type { Article, Update } from '../domain/types.js';
import { blockToForm, emptyBlock, type UpdateForm } from '../domain/update-input.js';
import type { FieldErrors } from '../domain/validation.js';
import { updateView } from '../render/article-view.js';
import { utcToZonedWallTime } from '../render/dates.js';
import { messages } from '../render/i18n.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, staff } from './auth.js';
import { mayPublishDirectly } from '../services/updates.js';
import { presenceBox } from './presence-routes.js';

/** A fresh composer: now, in the article's zone, with one empty text block. */
export function composerForm(ctx: ServiceContext, article: Article): UpdateForm {
  const [date = '', time = ''] = utcToZonedWallTime(ctx.clock().toISOString(), article.timeZone).split('T');
  return { date, time, headline: '', blocks: [emptyBlock('text')] };
}

/** The edit form of a stored update. */
export function updateToForm(article: Article, update: Update): UpdateForm {
  const [date = '', time = ''] = utcToZonedWallTime(update.datedAt, article.timeZone).split('T');
  return {
    date,
    time: update.precision === 'minute' ? time : '',
    headline: update.headline ?? '',
    blocks: update.blocks.map((block) =>
      blockToForm(
        block.type === 'qa'
          ? {
              type: 'qa',
              question: block.question,
              answer: block.answer,
              speaker: block.speaker?.name ?? null,
              asker: block.asker,
            }
          : block.type === 'quote'
            ? { type: 'quote', text: block.text, source: block.source }
            : block,
      ),
    ),
  };
}

/** The locals every update form needs besides its values. */
export function updateFormLocals(ctx: ServiceContext, req: Request, article: Article) {
  return {
    people: ctx.repos.people.list().map((person) => person.name),
    canPublish: mayPublishDirectly(actorOf(req), article),
    limits: LIMITS,
  };
}

/** Renders the live desk: the composer on top, the article's updates below with their actions. */
export function renderLiveDesk(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  article: Article,
  view: { status: number; composer: UpdateForm; errors: FieldErrors },
): void {
  const user = staff(req);
  const now = ctx.clock().toISOString();
  const updates = ctx.repos.updates.listForArticle(article.id, true).map((update, index, all) => ({
    ...updateView(article, update, now),
    version: update.version,
    status: update.status,
    manageable: canManageUpdate(user.role, user.id, update),
    first: index === 0,
    last: index === all.length - 1,
  }));
  res.status(view.status).render('desk/live', {
    article,
    updates,
    form: view.composer,
    errors: view.errors,
    ...updateFormLocals(ctx, req, article),
    isEditor: canPublish(user.role),
    t: messages(article.locale),
    // Opening the desk counts as a heartbeat; "Also here: …" lists the others (partials/presence.ejs).
    presence: presenceBox(ctx, req, article, null),
  });
}
