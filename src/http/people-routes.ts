import { Router, type Request, type Response } from 'express';
import type { PersonDetails } from '../db/people-repo.js';
import { validatePerson, type PersonForm } from '../domain/person-input.js';
import { LIMITS } from '../domain/limits.js';
import { canPublish } from '../domain/permissions.js';
import type { FieldErrors } from '../domain/validation.js';
import { canWorkOnArticle } from '../services/article-access.js';
import type { ServiceContext } from '../services/context.js';
import { createPerson, editPerson, mergePeople, requirePerson } from '../services/people.js';
import { actorOf, staff } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, fields, idParam } from './forms.js';

const PERSON_FIELDS = ['name', 'title', 'organisation', 'note'] as const;
const EMPTY: PersonForm = { name: '', title: '', organisation: '', note: '' };

function searchQuery(req: Request): string {
  const q = req.query.q;
  if (q === undefined) return '';
  if (typeof q !== 'string' || q.length > LIMITS.speaker)
    throw new HttpError(400, 'Search for a name of at most 120 characters.');
  return q.trim();
}

/** The desk's speaker register: list and search, add, edit, see every appearance, merge duplicates. */
export function peopleRoutes(ctx: ServiceContext): Router {
  const router = Router();

  const renderPerson = (
    req: Request,
    res: Response,
    view: { status: number; person: PersonDetails; form: PersonForm; errors: FieldErrors; message?: string },
  ) => {
    const actor = actorOf(req);
    const appearances = ctx.repos.people.appearances(view.person.id).filter((a) => {
      const article = ctx.repos.articles.findById(a.articleId);
      return article !== undefined && canWorkOnArticle(ctx, actor, article);
    });
    res.status(view.status).render('desk/person', {
      ...view,
      message: view.message ?? null,
      appearances,
      others: canPublish(staff(req).role)
        ? ctx.repos.people.list().filter((p) => p.id !== view.person.id)
        : [],
      limits: LIMITS,
    });
  };

  router.get('/desk/people', (req, res) => {
    const q = searchQuery(req);
    res.render('desk/people', { q, people: q === '' ? ctx.repos.people.list() : ctx.repos.people.search(q) });
  });

  router.get('/desk/people/new', (_req, res) => {
    res.render('desk/person-new', { form: EMPTY, errors: {}, limits: LIMITS });
  });

  router.post('/desk/people', (req, res) => {
    const form = fields(req, PERSON_FIELDS);
    const checked = validatePerson(form);
    const result = checked.ok ? createPerson(ctx, actorOf(req), checked.value) : checked;
    if (!result.ok) {
      res.status(422).render('desk/person-new', { form, errors: result.errors, limits: LIMITS });
      return;
    }
    res.redirect(303, `/desk/people/${result.person.id}`);
  });

  router.get('/desk/people/:id', (req, res) => {
    const person = requirePerson(ctx, idParam(req));
    renderPerson(req, res, { status: 200, person, form: person, errors: {} });
  });

  router.post('/desk/people/:id', (req, res) => {
    const person = requirePerson(ctx, idParam(req));
    const form = fields(req, PERSON_FIELDS);
    const checked = validatePerson(form);
    const result = checked.ok ? editPerson(ctx, actorOf(req), person.id, checked.value) : checked;
    if (!result.ok) {
      renderPerson(req, res, { status: 422, person, form, errors: result.errors });
      return;
    }
    res.redirect(303, `/desk/people/${person.id}`);
  });

  router.post('/desk/people/:id/merge', (req, res) => {
    const into = bodyField(req, 'into');
    if (!/^[1-9]\d{0,15}$/.test(into)) throw new HttpError(400, 'Choose the entry to merge into.');
    const kept = mergePeople(ctx, actorOf(req), idParam(req), Number(into));
    res.redirect(303, `/desk/people/${kept.id}`);
  });

  return router;
}
