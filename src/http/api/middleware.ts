import express, { type RequestHandler } from 'express';
import { isStorageFailure, type ServiceContext } from '../../services/context.js';
import { authenticateToken } from '../../services/tokens.js';
import { isStateChanging } from '../access-table.js';
import { HttpError } from '../errors.js';

// Request bodies of the JSON API; beyond this the answer is 413.
export const API_BODY_LIMIT = '1mb';

/**
 * Authenticates JSON API calls by `Authorization: Bearer <token>` (the session never does there). No
 * header leaves the caller anonymous, which the access table turns into a 401; a header that is not a
 * working token is a 401 at once, whatever the route.
 */
export function tokenAuth(ctx: ServiceContext): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/api/')) {
      next();
      return;
    }
    const header = req.get('authorization');
    if (header === undefined) {
      next();
      return;
    }
    const match = /^Bearer +(\S+) *$/i.exec(header);
    const found = match?.[1] === undefined ? undefined : authenticateToken(ctx, match[1]);
    if (!found) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HttpError(401, 'The API token is malformed, unknown or revoked, or its account is disabled.');
    }
    req.user = found.user;
    req.authVia = 'token';
    next();
  };
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Body handling of the JSON API (mount at `/api`): a write call that carries a body must send JSON
 * (415 otherwise); the body is parsed with a size limit (413) and malformed JSON is a 400. Calls such as
 * publish and delete need no body; clients often send those with an empty chunked body and no type.
 */
export function jsonBody(): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const length = req.get('content-length');
    if (isStateChanging(req.method) && length !== '0') {
      const type = req.get('content-type');
      const unreadable = type === undefined ? length !== undefined : req.is(JSON_TYPES) === false;
      if (unreadable) throw new HttpError(415, 'Send the body as JSON with Content-Type: application/json.');
    }
    next();
  };
  return [requireJson, express.json({ limit: API_BODY_LIMIT, type: JSON_TYPES })];
}

/**
 * Runs `handler` everywhere but the JSON API (for the session: cookies do not count there).
 *
 * express-session saves the session as the answer ends; when the database refuses writes (read-only, disk
 * full) that error arrives after the answer was sent, past the app's error handler, and Express's final
 * handler would print a stack and cut the connection. The page was served, only the session's expiry
 * was not extended: such an error becomes one warning instead. Every other error passes on unchanged.
 */
export function exceptApi(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/api/')) {
      next();
      return;
    }
    void handler(req, res, (err?: unknown) => {
      if (res.headersSent && isStorageFailure(err)) {
        req.log.warn(
          { code: err.code, url: req.originalUrl },
          'session not saved: database cannot be written',
        );
        return;
      }
      next(err);
    });
  };
}
