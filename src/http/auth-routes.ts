import { Router, type Request, type Response } from 'express';
import { deskMessages } from '../render/desk-i18n.js';
import { authenticate } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, endSession, safeNext, startSession } from './auth.js';
import { fields } from './forms.js';
import { loginLocale } from './site-locale.js';

/** The login page speaks the browser's language (there is no account yet to ask). */
function loginStrings(req: Request, res: Response): void {
  res.locals.dt = deskMessages(loginLocale(req, res));
}

/** Login and logout. Unknown account and wrong password get the same answer. */
export function authRoutes(ctx: ServiceContext, cookieName: string): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    loginStrings(req, res);
    res.render('desk/login', { email: '', next: safeNext(req.query.next), error: null });
  });

  router.post('/login', async (req, res) => {
    const form = fields(req, ['email', 'password', 'next']);
    const next = safeNext(form.next);
    const result = await authenticate(ctx, actorOf(req), form.email, form.password);
    if (!result.ok) {
      const locked = result.reason === 'locked';
      if (locked) res.set('Retry-After', String(result.retryAfterSeconds));
      loginStrings(req, res);
      res.status(locked ? 429 : 401).render('desk/login', {
        email: form.email,
        next,
        error: locked
          ? `Too many failed attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`
          : 'Wrong email or password.',
      });
      return;
    }
    await startSession(req, result.user, ctx.clock().getTime());
    res.redirect(303, next);
  });

  router.post('/logout', async (req, res) => {
    const actor = actorOf(req);
    await endSession(req, res, cookieName);
    ctx.repos.audit.insert({
      actor,
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.userId,
      outcome: 'ok',
      at: ctx.clock().toISOString(),
    });
    res.redirect(303, '/');
  });

  return router;
}
