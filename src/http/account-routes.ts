import { Router, type Request, type Response } from 'express';
import { LIMITS } from '../domain/limits.js';
import { LOCALES, type Locale } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { changeOwnPassword, setOwnLocale } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, staff, startSession } from './auth.js';
import { bodyField, fields } from './forms.js';

const PASSWORD_FIELDS = ['current', 'password', 'confirm'] as const;

// Passwords are never sent back into the form: a re-rendered form starts empty.
function renderAccount(req: Request, res: Response, status: number, errors: FieldErrors): void {
  res.status(status).render('desk/account', {
    account: staff(req),
    errors,
    changed: req.query.changed === '1',
    languageChanged: req.query.changed === 'locale',
    locales: LOCALES,
    limits: LIMITS,
  });
}

/** One's own account: who am I, changing my password, the language of my desk. */
export function accountRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/desk/account', (req, res) => {
    renderAccount(req, res, 200, {});
  });

  router.post('/desk/account/password', async (req, res) => {
    const user = staff(req);
    const form = fields(req, PASSWORD_FIELDS);
    if (form.confirm !== form.password) {
      renderAccount(req, res, 422, { confirm: 'The two new passwords are not the same.' });
      return;
    }
    const result = await changeOwnPassword(ctx, actorOf(req), form.current, form.password);
    if (!result.ok) {
      renderAccount(req, res, 422, result.errors);
      return;
    }
    // A new session id after a credential change, so an id captured before it is worthless.
    await startSession(req, user, ctx.clock().getTime());
    res.redirect(303, '/desk/account?changed=1');
  });

  router.post('/desk/account/locale', (req, res) => {
    const locale = bodyField(req, 'locale');
    if (!(LOCALES as readonly string[]).includes(locale)) {
      renderAccount(req, res, 422, { locale: 'Choose Swedish or English.' });
      return;
    }
    setOwnLocale(ctx, actorOf(req), locale as Locale);
    // The next page is the first in the new language (loadUser reads the setting on every request).
    res.redirect(303, '/desk/account?changed=locale');
  });

  return router;
}
