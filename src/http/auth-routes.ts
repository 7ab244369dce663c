import { Router } from 'express';
import { authenticate } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { endSession, safeNext, startSession } from './auth.js';
import { fields } from './forms.js';

export const SESSION_COOKIE = 'dateline.sid';

/** Login and logout. Unknown account and wrong password get the same answer. */
export function authRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    res.render('desk/login', { email: '', next: safeNext(req.query.next), error: null });
  });

  router.post('/login', async (req, res) => {
    const form = fields(req, ['email', 'password', 'next']);
    const next = safeNext(form.next);
    const user = await authenticate(ctx, form.email, form.password, req.ip ?? null);
    if (!user) {
      res.status(401).render('desk/login', { email: form.email, next, error: 'Wrong email or password.' });
      return;
    }
    await startSession(req, user);
    res.redirect(303, next);
  });

  router.post('/logout', async (req, res) => {
    await endSession(req, res, SESSION_COOKIE);
    res.redirect(303, '/');
  });

  return router;
}
