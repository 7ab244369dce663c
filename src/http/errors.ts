import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ServiceError } from '../services/context.js';

/** An expected failure with an HTTP status and a message safe to show. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** True when the refusal already has its own audit row (CSRF). */
    readonly audited = false,
  ) {
    super(message);
  }
}

const SERVICE_STATUS = { not_found: 404, forbidden: 403, conflict: 409 } as const;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Page not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Unprocessable',
  500: 'Something went wrong',
};

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
      message =
        status === 413
          ? 'The request is too large.'
          : status === 403
            ? 'Invalid or missing form token. Reload the page and try again.'
            : 'The request could not be read.';
    } else {
      log.error({ err, url: req.originalUrl }, 'unhandled error');
      if (!production && err instanceof Error) message = err.message;
    }
    if (status === 403 && !(err instanceof HttpError && err.audited)) onDenied(req, message);
    res.status(status);
    if (req.path.startsWith('/api/')) {
      res.json({ error: { code: String(status), message } });
      return;
    }
    res.render('errors/error', { status, title: TITLES[status] ?? 'Error', message });
  };
}

// body-parser, csrf-sync and friends throw errors carrying a 4xx status.
function isClientError(err: unknown): err is { status: number } {
  if (typeof err !== 'object' || err === null || !('status' in err)) return false;
  const status = err.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
