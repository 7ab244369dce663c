import type { Express, Request, RequestHandler } from 'express';
import type { ServiceContext } from '../services/context.js';
import { actorOf } from './auth.js';
import { match } from 'path-to-regexp';
import type { AccessRule, Audience } from './access-table.js';
import { HttpError } from './errors.js';

/** A registered route: method and full path (route modules are mounted at the root). */
export interface RouteSignature {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route registered on the app, found by walking its router stack. */
export function listRoutes(app: Express): RouteSignature[] {
  const walk = (stack: Layer[]): RouteSignature[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const { path, methods } = layer.route;
        return Object.keys(methods)
          .filter((m) => m !== '_all')
          .map((m) => ({ method: m.toUpperCase(), path }));
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return walk(router.stack);
}

/** Routes that have no row in the table: must be empty, or the app refuses to start. */
export function unlistedRoutes(app: Express, table: readonly AccessRule[]): RouteSignature[] {
  return listRoutes(app).filter(
    (r) => !table.some((rule) => rule.method === r.method && rule.path === r.path),
  );
}

/**
 * Checks every request against the role × route table before any route runs. Anonymous visitors are
 * sent to the login page (API callers get 401); a logged-in user without the role gets 403 (audited by the error handler).
 */
export function accessControl(table: readonly AccessRule[]): RequestHandler {
  const compiled = table.map((rule) => ({ rule, matches: match(rule.path, { decode: false }) }));
  return (req, res, next) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const found = compiled.find((c) => c.rule.method === method && c.matches(req.path) !== false);
    if (!found) {
      next();
      return;
    }
    const audience: Audience = req.user?.role ?? 'anonymous';
    if (found.rule.allow.includes(audience)) {
      next();
      return;
    }
    if (!req.user && req.path.startsWith('/api/')) {
      res
        .set('WWW-Authenticate', 'Bearer')
        .status(401)
        .json({
          error: { code: 'unauthorized', message: 'Send a valid API token: Authorization: Bearer <token>.' },
        });
      return;
    }
    if (!req.user) {
      res.redirect(303, `/login?next=${encodeURIComponent(method === 'GET' ? req.originalUrl : '/desk')}`);
      return;
    }
    throw new HttpError(403, 'Your role does not allow this.');
  };
}

/** Writes the audit row of a refused request (403). */
export function auditDenied(ctx: ServiceContext, req: Request, message: string): void {
  ctx.repos.audit.insert({
    actor: actorOf(req),
    action: 'access.denied',
    targetType: 'route',
    targetId: `${req.method} ${req.path}`.slice(0, 300),
    outcome: 'denied',
    detail: { message },
    at: ctx.clock().toISOString(),
  });
}
