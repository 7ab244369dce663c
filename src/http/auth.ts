import type { Request, RequestHandler, Response } from 'express';
import type { Actor, User } from '../domain/types.js';
import { deskMessages, type DeskMessages } from '../render/desk-i18n.js';
import type { ServiceContext } from '../services/context.js';
import { HttpError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The logged-in newsroom user, when there is one. */
    user?: User;
    /** How `user` was authenticated: a desk session, or a bearer token on the JSON API. */
    authVia?: 'session' | 'token';
  }
}

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

/**
 * Loads the session's user. A disabled or deleted account, an idle session and a session past its
 * absolute lifetime all end at once (server-side) and the visitor is anonymous again.
 */
export function loadUser(ctx: ServiceContext, limits: SessionLimits): RequestHandler {
  return (req, res, next) => {
    // The JSON API authenticates by bearer token only: a session cookie there is ignored.
    if (req.path.startsWith('/api/')) {
      next();
      return;
    }
    const session = req.session;
    const id = session?.userId;
    if (id === undefined) {
      next();
      return;
    }
    const now = ctx.clock().getTime();
    const user = ctx.repos.users.findById(id);
    const expired =
      now - (session.seenAt ?? 0) > limits.idleMs || now - (session.loginAt ?? 0) > limits.maxMs;
    if (!user || user.disabled || expired) {
      session.destroy(() => next());
      return;
    }
    session.seenAt = now;
    req.user = user;
    req.authVia = 'session';
    res.locals.user = { ...user };
    res.locals.dt = deskMessages(user.locale);
    next();
  };
}

/** The desk's strings for this response: the account's language, or the login page's (see app.ts). */
export function deskOf(res: Response): DeskMessages {
  return res.locals.dt as DeskMessages;
}

/** Who is acting, for services and the audit log. */
export function actorOf(req: Request): Actor {
  const user = req.user;
  return {
    userId: user?.id ?? null,
    label: user?.email ?? 'anonymous',
    role: user?.role ?? null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}

/** The logged-in user or a 403 (for handlers the access table reserves for staff). */
export function staff(req: Request): User {
  if (!req.user) throw new HttpError(403, 'Log in first.');
  return req.user;
}

/** A same-site path to return to after login; anything else goes to the desk. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/desk';
}

/** Regenerates the session (a fresh id at login) and stores the user and login time in it. */
export function startSession(req: Request, user: User, nowMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) {
        reject(err as Error);
        return;
      }
      req.session.userId = user.id;
      req.session.loginAt = nowMs;
      req.session.seenAt = nowMs;
      req.session.save((saveErr) => (saveErr ? reject(saveErr as Error) : resolve()));
    });
  });
}

/** Destroys the server-side session and clears the cookie. */
export function endSession(req: Request, res: Response, cookieName: string): Promise<void> {
  return new Promise((resolve) => {
    req.session.destroy(() => {
      res.clearCookie(cookieName, { path: '/' });
      resolve();
    });
  });
}
