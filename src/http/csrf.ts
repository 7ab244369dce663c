import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import type { ServiceContext } from '../services/context.js';
import { isStateChanging } from './access-table.js';
import { actorOf } from './auth.js';
import { HttpError } from './errors.js';

/** True when the request's Origin is this site (or absent: old browsers, non-browser clients). */
function sameOrigin(req: Request, baseUrl: string | undefined): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // includes the opaque origin "null"
  }
  return host === req.get('host') || (baseUrl !== undefined && host === new URL(baseUrl).host);
}

/**
 * Cross-site request forgery defences for every state-changing request: the browser's Sec-Fetch-Site
 * and Origin headers first, then a synchroniser token kept in the session (csrf-sync). Every refusal is
 * a 403 and an audit row.
 */
export function csrfProtection(ctx: ServiceContext, baseUrl: string | undefined): RequestHandler {
  const { csrfSynchronisedProtection } = csrfSync({
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const token = body?._csrf ?? req.get('x-csrf-token');
      return typeof token === 'string' ? token : undefined;
    },
  });
  const refuse = (req: Request, reason: string): HttpError => {
    ctx.repos.audit.insert({
      actor: actorOf(req),
      action: 'csrf.refused',
      targetType: 'route',
      targetId: `${req.method} ${req.path}`.slice(0, 300),
      outcome: 'denied',
      detail: { reason },
      at: ctx.clock().toISOString(),
    });
    return new HttpError(
      403,
      'This form could not be accepted (it did not come from this site, or it expired). Reload the page and try again.',
      true,
    );
  };
  return (req, res, next) => {
    // A browser never attaches a bearer token by itself, so a token-authenticated call cannot be forged.
    if (req.authVia === 'token') {
      next();
      return;
    }
    if (isStateChanging(req.method)) {
      if (req.get('sec-fetch-site') === 'cross-site') throw refuse(req, 'sec-fetch-site');
      if (!sameOrigin(req, baseUrl)) throw refuse(req, 'origin');
    }
    // The JSON API runs without sessions (cookies are ignored there): no ambient credential, no token.
    if ((req.session as typeof req.session | undefined) === undefined) {
      next();
      return;
    }
    // Also on GET: it gives templates req.csrfToken() (and ignores safe methods).
    csrfSynchronisedProtection(req, res, (err?: unknown) => {
      next(err === undefined ? undefined : refuse(req, 'token'));
    });
  };
}
