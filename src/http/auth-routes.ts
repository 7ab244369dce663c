import { Router } from 'express';
import { authenticate } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, endSession, safeNext, startSession } from './auth.js';
import { fields } from './forms.js';

/** Login and logout. Unknown account and wrong password get the same answer. */
export function authRoutes(ctx: ServiceContext, cookieName: string): Router {
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
    const result = await authenticate(ctx, actorOf(req), form.email, form.password);
    if (!result.ok) {
      const locked = result.reason === 'locked';
      if (locked) res.set('Retry-After', String(result.retryAfterSeconds));
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
