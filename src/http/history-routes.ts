import { Router, type Request, type Response } from 'express';
import { LIMITS } from '../domain/limits.js';
import { canPurge, canRestoreRevision, canUndelete } from '../domain/permissions.js';
import { formatStamp } from '../render/article-view.js';
import { historyEntries, revisionDiff, updateLabel } from '../render/history-view.js';
import type { ServiceContext } from '../services/context.js';
import { articleHistory, restoreRevision, revisionPair, updateHistory } from '../services/revisions.js';
import { actorOf, deskOf, staff } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, idParam } from './forms.js';

/** A refused purge to show again on the article's history page (422): which update, why, what was typed. */
export interface PurgeProblem {
  updateId: number;
  message: string;
  reason: string;
}

/** Renders an article's history: every revision, newest first, and its removed updates. */
export function renderArticleHistory(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  articleId: number,
  view: { status: number; purge?: PurgeProblem },
): void {
  const { article, entries, removed } = articleHistory(ctx, actorOf(req), articleId);
  const role = staff(req).role;
  res.status(view.status).render('desk/article-history', {
    article,
    entries: historyEntries(article, entries, deskOf(res)),
    removed: removed.map(({ update, removal }) => ({
      id: update.id,
      label: updateLabel(article, update),
      removedWhen: formatStamp(update.deletedAt ?? update.createdAt, article),
      removedBy: removal?.authorName ?? null,
      status: update.status,
    })),
    canUndelete: canUndelete(role),
    canPurge: canPurge(role),
    purge: view.purge ?? null,
    limits: LIMITS,
  });
}

/** A revision id from the query: a positive whole number, or undefined when absent; anything else is a 400. */
function revisionQuery(req: Request, name: string): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,15}$/.test(raw))
    throw new HttpError(400, `"${name}" must be a revision number.`);
  return Number(raw);
}

/** Desk history: revision lists, the diff between two revisions of an update, restoring one. */
export function historyRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk/articles/:id/history', (req, res) => {
    renderArticleHistory(ctx, req, res, idParam(req), { status: 200 });
  });

  router.get('/desk/updates/:id/history', (req, res) => {
    const { article, update, entries } = updateHistory(ctx, actorOf(req), idParam(req));
    const mayRestore = update.deletedAt === null && canRestoreRevision(staff(req).role, update);
    res.render('desk/update-history', {
      article,
      update: {
        id: update.id,
        label: updateLabel(article, update),
        removed: update.deletedAt !== null,
        version: update.version,
      },
      entries: historyEntries(article, entries, deskOf(res)),
      latestId: entries[0]?.id ?? null,
      defaults: { from: entries[1]?.id ?? entries[0]?.id ?? null, to: entries[0]?.id ?? null },
      mayRestore,
    });
  });

  router.get('/desk/updates/:id/diff', (req, res) => {
    const id = idParam(req);
    let from = revisionQuery(req, 'from');
    let to = revisionQuery(req, 'to');
    if (from === undefined || to === undefined) {
      // Without both, the latest change: the newest revision against the one before it.
      const { entries } = updateHistory(ctx, actorOf(req), id);
      to ??= entries[0]?.id;
      from ??= entries.find((entry) => entry.id < (to ?? 0))?.id ?? to;
      if (from === undefined || to === undefined) throw new HttpError(404, 'This update has no revisions.');
    }
    const pair = revisionPair(ctx, actorOf(req), id, from, to);
    const { article, update } = pair;
    const latestId = ctx.repos.revisions.historyOfUpdate(update.id)[0]?.id ?? null;
    const describe = (revision: typeof pair.from) => ({
      id: revision.id,
      kind: revision.kind,
      note: revision.note,
      when: formatStamp(revision.at, article),
      who:
        revision.authorId === null
          ? deskOf(res).history.system
          : (ctx.repos.users.findById(revision.authorId)?.displayName ?? ''),
    });
    res.render('desk/update-diff', {
      article,
      update: { id: update.id, label: updateLabel(article, update), version: update.version },
      from: describe(pair.from),
      to: describe(pair.to),
      diff: revisionDiff(article, pair.from.snapshot, pair.to.snapshot, deskOf(res)),
      mayRestore:
        update.deletedAt === null && pair.from.id !== latestId && canRestoreRevision(staff(req).role, update),
    });
  });

  router.post('/desk/updates/:id/restore', (req, res) => {
    const chosen = bodyField(req, 'revision');
    if (!/^[1-9]\d{0,15}$/.test(chosen)) throw new HttpError(400, 'Choose a revision to restore.');
    const revision = Number(chosen);
    // The version the page showed, when it sends one: a restore over someone's newer save is a 409.
    const raw = bodyField(req, 'version');
    if (raw !== '' && !/^\d{1,9}$/.test(raw)) throw new HttpError(400, 'The version must be a number.');
    const version = raw === '' ? undefined : Number(raw);
    const { update } = restoreRevision(ctx, actorOf(req), idParam(req), revision, version);
    res.redirect(303, `/desk/updates/${update.id}/history`);
  });

  return router;
}
