import ejs from 'ejs';
import express from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import type { Db } from './db/open-db.js';
import { createRepos } from './db/repos.js';
import { SqliteSessionStore } from './db/session-store.js';
import { loadUser, requireStaff } from './http/auth.js';
import { authRoutes, SESSION_COOKIE } from './http/auth-routes.js';
import { deskArticleRoutes } from './http/desk-article-routes.js';
import { deskUpdateRoutes } from './http/desk-update-routes.js';
import { errorHandler, notFound } from './http/errors.js';
import { readerRoutes } from './http/reader-routes.js';
import { securityHeaders } from './http/security.js';
import type { ServiceContext } from './services/context.js';

export interface AppDeps {
  db: Db;
  config: Config;
  clock?: () => Date;
  log?: Logger;
}

// Both src/app.ts and dist/app.js sit one folder below the repository root.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIEWS = join(ROOT, 'views');
const STATIC = join(ROOT, 'static');

// Size limits for request bodies; beyond them the answer is 413.
const FORM_LIMIT = '512kb';
const FORM_PARAMETER_LIMIT = 1000;

/** Builds the Express application over an open, migrated database. Never listens. */
export function createApp(deps: AppDeps): express.Express & { close: () => void } {
  const { db, config } = deps;
  const log = deps.log ?? pino({ level: 'silent' });
  const ctx: ServiceContext = { db, repos: createRepos(db), clock: deps.clock ?? (() => new Date()) };
  const store = new SqliteSessionStore(db);
  const app = express();

  app.engine('ejs', (path, data, callback) => {
    ejs.renderFile(path, data as ejs.Data, { cache: true }, (err, html) => callback(err, html));
  });
  app.set('view engine', 'ejs');
  app.set('views', VIEWS);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');

  app.use(securityHeaders(config.production));
  app.use(
    pinoHttp({
      logger: log,
      // Method, path and status are enough; headers would log cookies and tokens.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use('/static', express.static(STATIC, { maxAge: config.production ? '1h' : 0, index: false }));
  app.use(express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: FORM_PARAMETER_LIMIT }));
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: 12 * 60 * 60 * 1000 },
    }),
  );
  app.use((req, res, next) => {
    // Templates call csrf() only where they render a form, so readers never get a session.
    res.locals.csrf = () => req.csrfToken?.() ?? '';
    res.locals.user = null;
    next();
  });
  app.use(loadUser(ctx));
  const { csrfSynchronisedProtection } = csrfSync({
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const token = body?._csrf ?? req.get('x-csrf-token');
      return typeof token === 'string' ? token : undefined;
    },
  });
  app.use(csrfSynchronisedProtection);

  app.use(readerRoutes(ctx));
  app.use(authRoutes(ctx));
  app.use('/desk', requireStaff, (_req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    next();
  });
  app.use('/desk', deskArticleRoutes(ctx));
  app.use('/desk', deskUpdateRoutes(ctx));

  app.use(notFound);
  app.use(errorHandler(log, config.production));

  return Object.assign(app, { close: () => store.close() });
}
