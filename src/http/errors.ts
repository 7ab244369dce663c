import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { deskMessages, type DeskMessages } from '../render/desk-i18n.js';
import { messages } from '../render/i18n.js';
import { isStorageFailure, ServiceError } from '../services/context.js';

/** An expected failure with an HTTP status and a message safe to show. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** True when the refusal already has its own audit row (CSRF). */
    readonly audited = false,
    /** Extra members of the JSON API's error object, e.g. `fields` or the `current` version. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const SERVICE_STATUS = { not_found: 404, forbidden: 403, conflict: 409 } as const;

// The JSON API's `error.code` for each status.
const API_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'validation',
  500: 'internal',
  503: 'storage_unavailable',
};

// The database refuses writes (see isStorageFailure): the change was rolled back, nothing was saved.
export const STORAGE_MESSAGE =
  'The newsroom database cannot be written right now; nothing was saved. Try again in a moment.';
/** Seconds a client should wait before retrying after a storage failure (the `Retry-After` header). */
export const STORAGE_RETRY_AFTER = 30;

/** Answers every unmatched route with the styled 404 page. */
export const notFound: RequestHandler = () => {
  throw new HttpError(404, 'There is nothing at this address.');
};

/**
 * The last handler: expected errors keep their status and message; anything else is a logged 500.
 * Every 403 is reported to `onDenied` (the audit log) unless it was audited where it was raised.
 */
export function errorHandler(
  log: Logger,
  production: boolean,
  onDenied: (req: Request, message: string) => void,
): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    let status = 500;
    let message = 'An unexpected error occurred. It has been logged.';
    if (err instanceof HttpError) ({ status, message } = err);
    else if (err instanceof ServiceError) {
      message = err.message;
      status = SERVICE_STATUS[err.code];
    } else if (isClientError(err)) {
      status = err.status;
      message = clientMessage(err);
    } else if (isStorageFailure(err)) {
      // One error line (no stack: the cause is the disk, not the code); pino-http adds its info line.
      log.error({ code: err.code, method: req.method, url: req.originalUrl }, 'database cannot be written');
      status = 503;
      message = STORAGE_MESSAGE;
      res.set('Retry-After', String(STORAGE_RETRY_AFTER));
    } else {
      log.error({ err, url: req.originalUrl }, 'unhandled error');
      if (!production && err instanceof Error) message = err.message;
    }
    if (status === 403 && !(err instanceof HttpError && err.audited)) onDenied(req, message);
    res.status(status);
    if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') {
      const details = err instanceof HttpError ? err.details : undefined;
      res.json({ error: { code: API_CODES[status] ?? String(status), message, ...details } });
      return;
    }
    // Staff read the page in their desk's language; everyone else in English (app.ts sets the default).
    const dt = (res.locals.dt as DeskMessages | undefined) ?? deskMessages('en');
    res.render('errors/error', {
      status,
      title: dt.errors.titles[status] ?? dt.errors.title,
      message: dt.msg(message),
      dt,
      t: messages(dt.lang),
    });
  };
}

// What to say about a 4xx thrown by a library (its own message may be technical).
function clientMessage(err: { status: number; type?: unknown }): string {
  if (err.status === 413) return 'The request is too large.';
  if (err.status === 403) return 'Invalid or missing form token. Reload the page and try again.';
  if (err.status === 415) return 'The body must be JSON in UTF-8.';
  if (err.type === 'entity.parse.failed') return 'The body is not valid JSON.';
  return 'The request could not be read.';
}

// body-parser, csrf-sync and friends throw errors carrying a 4xx status.
function isClientError(err: unknown): err is { status: number; type?: unknown } {
  if (typeof err !== 'object' || err === null || !('status' in err)) return false;
  const status = err.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
