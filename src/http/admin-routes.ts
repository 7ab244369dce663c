import { Router, type Request, type Response } from 'express';
import type { AuditEntry, AuditFilter } from '../db/audit-repo.js';
import { validateAccount, type AccountForm } from '../domain/account-input.js';
import { LIMITS } from '../domain/limits.js';
import { LOCALES, ROLES, type Role } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { createUser, resetPassword, setUserDisabled, setUserRole } from '../services/accounts.js';
import { ServiceError, type ServiceContext } from '../services/context.js';
import { actorOf, staff, startSession } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, fields, idParam } from './forms.js';

const ACCOUNT_FIELDS = ['email', 'displayName', 'role', 'password', 'locale'] as const;
const AUDIT_FILTERS = ['actorId', 'action', 'articleId', 'from', 'to'] as const;
const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

// What the list says after a change (`/desk/users?done=…`); anything else says nothing.
const NOTICES = new Map([
  ['created', 'The account was created.'],
  ['disabled', 'The account was disabled and its sessions have ended.'],
  ['enabled', 'The account was enabled.'],
  ['role', 'The role was saved. A new role takes effect when the account logs in again.'],
]);

function renderUsers(ctx: ServiceContext, req: Request, res: Response, status: number, message?: string) {
  const done = req.query.done;
  res.status(status).render('desk/users', {
    accounts: ctx.repos.users.list(),
    roles: ROLES,
    me: staff(req).id,
    message: message ?? null,
    notice: typeof done === 'string' ? (NOTICES.get(done) ?? null) : null,
  });
}

function renderNewUser(res: Response, status: number, form: AccountForm, errors: FieldErrors) {
  // The password is never sent back.
  res.status(status).render('desk/user-new', {
    form: { ...form, password: '' },
    errors,
    roles: ROLES,
    locales: LOCALES,
    limits: LIMITS,
  });
}

/**
 * Runs one change to an account (`change` says whether the account's sessions ended) and answers 303 to
 * the list; refusing to leave no admin is a 409 with the list and the reason. When admins end their own
 * sessions, this request's session is destroyed too: express-session would otherwise save it back.
 */
function changeAccount(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  id: number,
  done: string,
  change: () => boolean,
): void {
  let ended: boolean;
  try {
    ended = change();
  } catch (err) {
    if (!(err instanceof ServiceError && err.code === 'conflict')) throw err;
    renderUsers(ctx, req, res, 409, err.message);
    return;
  }
  if (!ended || id !== staff(req).id) {
    res.redirect(303, `/desk/users?done=${done}`);
    return;
  }
  req.session.destroy(() => res.redirect(303, '/login'));
}

/** One query parameter as text: missing is ''; repeated is a 400. */
function queryText(req: Request, name: string): string {
  const raw = req.query[name];
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw new HttpError(400, `"${name}" must be given once.`);
  return raw;
}

function optionalId(raw: string, name: string): number | undefined {
  if (raw === '') return undefined;
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw new HttpError(400, `"${name}" must be a positive whole number.`);
  return Number(raw);
}

/** A `YYYY-MM-DD` day as the epoch ms of its UTC midnight. */
function optionalDay(raw: string, name: string): number | undefined {
  if (raw === '') return undefined;
  const ms = Date.parse(`${raw}T00:00:00.000Z`);
  const real =
    /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(raw);
  if (!real || Number(raw.slice(0, 4)) > 9998)
    throw new HttpError(400, `"${name}" must be a date (YYYY-MM-DD).`);
  return ms;
}

/** Reads and checks the audit page's query: every parameter once, well-formed, the action a known one. */
function auditQuery(req: Request, actions: readonly string[]) {
  const form = Object.fromEntries(AUDIT_FILTERS.map((name) => [name, queryText(req, name)])) as Record<
    (typeof AUDIT_FILTERS)[number],
    string
  >;
  if (form.action !== '' && !actions.includes(form.action)) throw new HttpError(400, 'Unknown action.');
  const from = optionalDay(form.from, 'from');
  const to = optionalDay(form.to, 'to');
  const filter: AuditFilter = {
    actorId: optionalId(form.actorId, 'actorId'),
    action: form.action || undefined,
    articleId: optionalId(form.articleId, 'articleId'),
    from: from === undefined ? undefined : new Date(from).toISOString(),
    to: to === undefined ? undefined : new Date(to + DAY_MS).toISOString(),
    beforeId: optionalId(queryText(req, 'beforeId'), 'beforeId'),
  };
  return { form, filter };
}

function entryView(entry: AuditEntry) {
  return {
    id: entry.id,
    at: entry.at,
    time: `${entry.at.slice(0, 19).replace('T', ' ')} UTC`,
    actorLabel: entry.actorLabel,
    action: entry.action,
    target: [entry.targetType, entry.targetId].filter((part) => part !== null).join(' '),
    articleId: entry.articleId,
    ip: entry.ip ?? '',
    outcome: entry.outcome,
    requestId: entry.requestId ?? '',
    detail: entry.detail === '{}' ? '' : entry.detail,
    hash: entry.hash?.slice(0, 12) ?? '',
  };
}

/** Admin pages: accounts (create, disable, role, password reset) and the audit log. */
export function adminRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk/users', (req, res) => {
    renderUsers(ctx, req, res, 200);
  });

  router.get('/desk/users/new', (req, res) => {
    // The new account's desk language starts as the admin's own.
    const form = { email: '', displayName: '', role: 'journalist', password: '', locale: staff(req).locale };
    renderNewUser(res, 200, form, {});
  });

  router.post('/desk/users', async (req, res) => {
    const form = fields(req, ACCOUNT_FIELDS);
    const checked = validateAccount(form);
    const result = checked.ok ? await createUser(ctx, actorOf(req), checked.value) : checked;
    if (!result.ok) {
      renderNewUser(res, 422, form, result.errors);
      return;
    }
    res.redirect(303, '/desk/users?done=created');
  });

  for (const [path, disabled, done] of [
    ['disable', true, 'disabled'],
    ['enable', false, 'enabled'],
  ] as const) {
    router.post(`/desk/users/:id/${path}`, (req, res) => {
      const id = idParam(req);
      changeAccount(ctx, req, res, id, done, () => {
        setUserDisabled(ctx, actorOf(req), id, disabled);
        return disabled;
      });
    });
  }

  router.post('/desk/users/:id/role', (req, res) => {
    const id = idParam(req);
    const role = bodyField(req, 'role');
    if (!(ROLES as readonly string[]).includes(role)) throw new HttpError(400, 'Unknown role.');
    changeAccount(ctx, req, res, id, 'role', () => {
      const before = ctx.repos.users.findById(id)?.role;
      return setUserRole(ctx, actorOf(req), id, role as Role).role !== before;
    });
  });

  router.post('/desk/users/:id/reset-password', async (req, res) => {
    const id = idParam(req);
    const { user, password } = await resetPassword(ctx, actorOf(req), id);
    // Resetting one's own password keeps this session, under a fresh id; the others have ended.
    if (id === staff(req).id) await startSession(req, user, ctx.clock().getTime());
    res.render('desk/user-password', { account: user, password });
  });

  router.get('/desk/audit', (req, res) => {
    const actions = ctx.repos.audit.actions();
    const { form, filter } = auditQuery(req, actions);
    const found = ctx.repos.audit.search(filter, AUDIT_PAGE_SIZE + 1);
    const entries = found.slice(0, AUDIT_PAGE_SIZE).map(entryView);
    // Pages keep the filters; "older" continues below the smallest id shown.
    const filters = new URLSearchParams(Object.entries(form).filter(([, value]) => value !== ''));
    const href = (query: URLSearchParams) =>
      query.size > 0 ? `/desk/audit?${query.toString()}` : '/desk/audit';
    const last = entries.at(-1);
    const older = new URLSearchParams(filters);
    if (last) older.set('beforeId', String(last.id));
    res.render('desk/audit', {
      entries,
      form,
      accounts: ctx.repos.users.list(),
      actions,
      olderHref: found.length > AUDIT_PAGE_SIZE ? href(older) : null,
      newestHref: filter.beforeId === undefined ? null : href(filters),
    });
  });

  return router;
}
