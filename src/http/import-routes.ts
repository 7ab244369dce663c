import express, { Router, type Request, type Response } from 'express';
import {
  applyImportAction,
  checkImportOptions,
  newImportOptions,
  parseUpdates,
  speakersOf,
  TRANSCRIPT_PROBLEMS,
  transcriptProblem,
  transcriptToForm,
  validateImport,
  validateTitle,
  type ImportOptions,
  type ImportUpdateForm,
} from '../domain/import-form.js';
import { LIMITS } from '../domain/limits.js';
import { canPublish } from '../domain/permissions.js';
import { parseTranscript } from '../domain/transcript.js';
import type { Article, Locale } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { dayKey, isValidTimeZone, zonedWallTimeToUtc } from '../render/dates.js';
import { canWorkOnArticle, requireWorkableArticle } from '../services/article-access.js';
import type { ServiceContext } from '../services/context.js';
import { importTranscript, type ImportTarget } from '../services/import.js';
import { mayPublishDirectly } from '../services/updates.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, fields } from './forms.js';

/** The import's POST routes, whose bodies carry a whole transcript (see `importBodyParser`). */
export const IMPORT_BODY_PATHS = ['/desk/import/preview', '/desk/import/save'];

/**
 * The body parser of the import routes. The preview form holds the transcript twice (the source and the
 * blocks), percent-encoded at up to three bytes per byte; app.ts runs it after access control, so only
 * staff can make the server read a body this large.
 */
export function importBodyParser() {
  return express.urlencoded({ extended: false, limit: '8mb', parameterLimit: 20_000 });
}

const OPTIONS = ['text', 'year', 'locale', 'typography', 'article', 'title', 'timeZone'] as const;

function readOptions(req: Request): ImportOptions {
  const options = fields(req, OPTIONS);
  // Browsers send a textarea's line breaks as CRLF; the byte limit counts the text as pasted.
  return { ...options, text: options.text.replace(/\r\n?/g, '\n') };
}

/** Checks the import options; returns the errors and where the updates would go. */
function checkOptions(ctx: ServiceContext, req: Request, options: ImportOptions) {
  const errors = checkImportOptions(options, isValidTimeZone);
  const article = targetArticle(ctx, req, options.article);
  return { errors, article, locale: (errors.locale ? 'sv' : options.locale) as Locale };
}

/** The existing article chosen to add to (404/403 when the user may not work on it), or null for a new one. */
function targetArticle(ctx: ServiceContext, req: Request, id: unknown): Article | null {
  if (id === undefined || id === '') return null;
  if (typeof id !== 'string' || !/^[1-9]\d{0,15}$/.test(id))
    throw new HttpError(400, 'Choose an article from the list.');
  return requireWorkableArticle(ctx, actorOf(req), Number(id));
}

type StartView = { status: number; form: ImportOptions; errors: FieldErrors };
type PreviewView = {
  status: number;
  form: ImportOptions;
  article: Article | null;
  updates: ImportUpdateForm[];
};

/** The first page: the text and the options. */
function renderStart(ctx: ServiceContext, req: Request, res: Response, view: StartView) {
  const actor = actorOf(req);
  const articles = ctx.repos.articles.listAll().filter((a) => canWorkOnArticle(ctx, actor, a));
  res.status(view.status).render('desk/import', { ...view, articles, limits: LIMITS });
}

/** The preview: the source beside the proposed updates, as a form. */
function renderPreview(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  view: PreviewView & { errors?: FieldErrors; notice?: string | null },
) {
  const actor = actorOf(req);
  const people = ctx.repos.people.list().map((person) => person.name);
  const registered = new Set(people);
  res.status(view.status).render('desk/import-preview', {
    ...view,
    errors: view.errors ?? {},
    notice: view.notice ?? null,
    speakers: speakersOf(view.updates).map((s) => ({ ...s, known: registered.has(s.name) })),
    people,
    registered,
    canPublish: view.article
      ? mayPublishDirectly(actor, view.article)
      : actor.role !== null && canPublish(actor.role),
    limits: LIMITS,
  });
}

/** The preview updates of the form, with type changes and speaker renames applied; 400 when malformed. */
function readUpdates(req: Request, locale: Locale) {
  const flat: Record<string, string> = {};
  for (const key of Object.keys((req.body as object | undefined) ?? {})) flat[key] = bodyField(req, key);
  const parsed = parseUpdates(flat, locale);
  if (!parsed.ok) throw new HttpError(400, parsed.error);
  return parsed;
}

/** Desk: paste a transcript, check the proposed updates, save them to a new or existing article. */
export function importRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk/import', (req, res) => {
    const article = targetArticle(ctx, req, req.query.article);
    const year = dayKey(ctx.clock().toISOString(), 'Europe/Stockholm').slice(0, 4);
    const form = newImportOptions(year, article);
    renderStart(ctx, req, res, { status: 200, form, errors: {} });
  });

  router.post('/desk/import/preview', (req, res) => {
    const form = readOptions(req);
    const action = bodyField(req, 'action');
    if (action === 'edit-text') return renderStart(ctx, req, res, { status: 200, form, errors: {} });
    const { errors, article, locale } = checkOptions(ctx, req, form);
    const problem = transcriptProblem(form.text);
    if (problem) errors.text = TRANSCRIPT_PROBLEMS[problem];
    if (Object.keys(errors).length > 0)
      return renderStart(ctx, req, res, { status: problem === 'too-large' ? 413 : 422, form, errors });
    if (action === 'parse') {
      const parsed = parseTranscript(form.text, {
        year: Number(form.year),
        locale,
        typography: form.typography === 'on',
      });
      return renderPreview(ctx, req, res, { status: 200, form, article, updates: transcriptToForm(parsed) });
    }
    const edit = applyImportAction(action, readUpdates(req, locale).updates, locale);
    if (!edit.ok) throw new HttpError(400, 'Unknown form action.');
    renderPreview(ctx, req, res, { status: 200, form, article, updates: edit.updates, notice: edit.notice });
  });

  router.post('/desk/import/save', (req, res) => {
    const form = readOptions(req);
    const { errors, article, locale } = checkOptions(ctx, req, form);
    if (Object.keys(errors).length > 0) return renderStart(ctx, req, res, { status: 422, form, errors });
    if (bodyField(req, 'action') !== (article ? 'append' : 'create'))
      throw new HttpError(400, 'Unknown form action.');
    const { updates, typeChanged } = readUpdates(req, locale);
    const base = { form, article, updates };
    if (typeChanged) {
      const notice = 'The block types you chose are applied below. Check the blocks, then save again.';
      return renderPreview(ctx, req, res, { ...base, status: 200, notice });
    }
    const timeZone = article?.timeZone ?? form.timeZone;
    const checked = validateImport(updates, (wall) => zonedWallTimeToUtc(wall, timeZone));
    if (!checked.ok) return renderPreview(ctx, req, res, { ...base, status: 422, errors: checked.errors });
    const target: ImportTarget = article
      ? { articleId: article.id }
      : { title: validateTitle(form.title, {}), locale, timeZone };
    const saved = importTranscript(ctx, actorOf(req), {
      target,
      updates: checked.value,
      publish: bodyField(req, 'publish') === 'on',
    });
    res.redirect(303, `/desk/articles/${saved.id}`);
  });

  return router;
}
