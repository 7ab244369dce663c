import type { Request, RequestHandler, Response } from 'express';
import type { Actor, User } from '../domain/types.js';
import type { ServiceContext } from '../services/context.js';
import { HttpError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The logged-in newsroom user, when there is one. */
    user?: User;
  }
}

/** Loads the session's user; a disabled or deleted account ends the session at once. */
export function loadUser(ctx: ServiceContext): RequestHandler {
  return (req, res, next) => {
    const id = req.session?.userId;
    if (id === undefined) {
      next();
      return;
    }
    const user = ctx.repos.users.findById(id);
    if (!user || user.disabled) {
      req.session.destroy(() => next());
      return;
    }
    req.user = user;
    res.locals.user = { ...user };
    next();
  };
}

/** Sends anonymous visitors to the login page, then back. */
export const requireStaff: RequestHandler = (req, res, next) => {
  if (req.user) {
    next();
    return;
  }
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

/** The logged-in user or a 403 (for handlers behind `requireStaff`). */
export function staff(req: Request): User {
  if (!req.user) throw new HttpError(403, 'Log in first.');
  return req.user;
}

/** Who is acting, for services and the audit log. */
export function actorOf(req: Request): Actor {
  const user = req.user;
  return {
    userId: user?.id ?? null,
    label: user?.email ?? 'anonymous',
    role: user?.role ?? null,
    ip: req.ip ?? null,
  };
}

/** A same-site path to return to after login; anything else goes to the desk. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/desk';
}

/** Regenerates the session (a fresh id at login) and stores the user in it. */
export function startSession(req: Request, user: User): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) {
        reject(err as Error);
        return;
      }
      req.session.userId = user.id;
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
