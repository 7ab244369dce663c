import ejs from 'ejs';
import express from 'express';
import session from 'express-session';
import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { keepSearchCurrent } from './services/search.js';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import type { Db } from './db/open-db.js';
import { createRepos } from './db/repos.js';
import { SqliteSessionStore } from './db/session-store.js';
import { deskMessages } from './render/desk-i18n.js';
import { accessControl, auditDenied, unlistedRoutes } from './http/access.js';
import { ACCESS_TABLE } from './http/access-table.js';
import { loadUser } from './http/auth.js';
import { accountRoutes } from './http/account-routes.js';
import { adminRoutes } from './http/admin-routes.js';
import { apiArticleRoutes } from './http/api/article-routes.js';
import { exceptApi, jsonBody, tokenAuth } from './http/api/middleware.js';
import { tokenPages } from './http/api/token-pages.js';
import { apiImportRoute } from './http/api/import-route.js';
import { apiUpdateRoutes } from './http/api/update-routes.js';
import { authRoutes } from './http/auth-routes.js';
import { csrfProtection } from './http/csrf.js';
import { deskArticleRoutes } from './http/desk-article-routes.js';
import { deskLiveRoutes } from './http/desk-live-routes.js';
import { deskUpdateRoutes } from './http/desk-update-routes.js';
import { errorHandler, notFound } from './http/errors.js';
import { feedRoutes } from './http/feed-routes.js';
import { articleMiss } from './http/article-miss.js';
import { withFastPath } from './http/fast-path.js';
import { historyRoutes } from './http/history-routes.js';
import { IMPORT_BODY_PATHS, importBodyParser, importRoutes } from './http/import-routes.js';
import { liveRoutes } from './http/live-routes.js';
import { PageCache } from './http/page-cache.js';
import { peopleRoutes } from './http/people-routes.js';
import { presenceRoutes } from './http/presence-routes.js';
import { publicPages } from './http/public-pages.js';
import { readerRoutes } from './http/reader-routes.js';
import { removedUpdateRoutes } from './http/removed-update-routes.js';
import { searchRoutes } from './http/search-routes.js';
import { tagRoutes } from './http/tag-routes.js';
import { LiveHub } from './live/hub.js';
import { liveStreams } from './live/stream-fast-path.js';
import { securityHeaders } from './http/security.js';
import { unlessAnonymousPageView } from './http/sessionless.js';
import { prepareUpdate } from './render/prepare.js';
import { siteOrigin } from './render/site-urls.js';
import { renderView, VIEW_OPTIONS, VIEWS_DIR } from './render/templates.js';
import { onCommit, type ServiceContext } from './services/context.js';

export interface AppDeps {
  db: Db;
  config: Config;
  clock?: () => Date;
  log?: Logger;
}

// Both src/app.ts and dist/app.js sit one folder below the repository root.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STATIC = join(ROOT, 'static');

// Size limits for request bodies; beyond them the answer is 413.
const FORM_LIMIT = '512kb';
const FORM_PARAMETER_LIMIT = 1000;

/** Builds the Express application over an open, migrated database. Never listens. */
export function createApp(deps: AppDeps): express.Express & {
  hub: LiveHub;
  pages: PageCache;
  /** The request listener to serve: the fast path for cached public pages, then this app. */
  handler: RequestListener;
  close: () => void;
} {
  const { db, config } = deps;
  const log = deps.log ?? pino({ level: 'silent' });
  const repos = createRepos(db);
  const clock = deps.clock ?? (() => new Date());
  const hub = new LiveHub(repos, { heartbeatMs: 15_000, pollMs: 1_000, retryMs: 3_000, clock });
  // Rendered public pages; every committed change, or a commit by another process, makes them stale.
  const pages = new PageCache(() => db.pragma('data_version', { simple: true }) as number);
  // Where the site is when configured; otherwise each request's origin, known only when it comes.
  const configuredOrigin = config.baseUrl ? siteOrigin({ baseUrl: config.baseUrl }) : null;
  const ctx: ServiceContext = {
    db,
    repos,
    clock,
    // The fan-out to open pages runs just after the request that committed the change has its answer:
    // a journalist's publish is not kept waiting while thousands of readers are written to.
    onArticleEvents: (articleId) => hub.notifySoon(articleId),
    // Changed updates are rendered on the write side, so the first view after a change does not.
    onUpdatesWritten: (written) => {
      const now = clock().toISOString();
      for (const { article, update } of written) prepareUpdate(article, update, now, configuredOrigin);
    },
  };
  const stopInvalidating = onCommit(db, () => pages.invalidate());
  const stopSearchUpkeep = keepSearchCurrent(db, repos, log);
  const store = new SqliteSessionStore(db);
  const cookieName = config.production ? '__Host-dateline.sid' : 'dateline.sid';
  const app = express();

  app.engine('ejs', (path, data, callback) => {
    ejs.renderFile(path, data as ejs.Data, VIEW_OPTIONS, (err, html) => callback(err, html));
  });
  app.set('view engine', 'ejs');
  // For views that render a partial with only the data they give it (see views/reader/article.ejs).
  app.locals.partial = renderView;
  app.set('views', VIEWS_DIR);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');

  const security = securityHeaders(config.production);
  app.use(security);
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Method, path and status are enough; headers would log cookies and tokens.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use('/static', express.static(STATIC, { maxAge: config.production ? '1h' : 0, index: false }));
  const forms = express.urlencoded({
    extended: false,
    limit: FORM_LIMIT,
    parameterLimit: FORM_PARAMETER_LIMIT,
  });
  // A pasted transcript may exceed FORM_LIMIT: the import routes parse their own bodies later, after
  // access control, so that only staff can make the server read that much (see importBodyParser).
  app.use((req, res, next) => (IMPORT_BODY_PATHS.includes(req.path) ? next() : forms(req, res, next)));
  app.use(
    // The JSON API ignores cookies: no session is loaded, touched or sent there; nor for an anonymous
    // reader's page view (src/http/sessionless.ts).
    exceptApi(
      unlessAnonymousPageView(
        cookieName,
        session({
          // The __Host- prefix pins the cookie to this host, Secure and Path=/ (production only: it needs HTTPS).
          name: cookieName,
          secret: config.sessionSecret,
          store,
          resave: false,
          saveUninitialized: false,
          rolling: true,
          cookie: {
            httpOnly: true,
            sameSite: 'lax',
            secure: config.production,
            path: '/',
            maxAge: config.sessionIdleMs,
          },
        }),
      ),
    ),
  );
  app.use((req, res, next) => {
    // Templates call csrf() only where they render a form, so readers never get a session.
    res.locals.csrf = () => req.csrfToken?.() ?? '';
    res.locals.user = null;
    // The desk's strings: English until loadUser finds an account with its own setting.
    res.locals.dt = deskMessages('en');
    next();
  });
  app.use(loadUser(ctx, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }));
  app.use(tokenAuth(ctx));
  app.use(accessControl(ACCESS_TABLE));
  app.use(IMPORT_BODY_PATHS, importBodyParser());
  app.use('/api', jsonBody());
  app.use(csrfProtection(ctx, config.baseUrl));
  app.use((req, res, next) => {
    if (req.path === '/desk' || /^\/(desk|api)\//.test(req.path))
      res.set('Cache-Control', 'private, no-store');
    next();
  });

  // Route modules use full paths and are mounted at the root, so the access table can list them.
  app.use(readerRoutes(ctx, { baseUrl: config.baseUrl, pages: publicPages(pages, cookieName) }));
  app.use(searchRoutes(ctx));
  app.use(tagRoutes(ctx, { baseUrl: config.baseUrl }));
  app.use(feedRoutes(ctx, { baseUrl: config.baseUrl }));
  app.use(liveRoutes(ctx, hub));
  app.use(authRoutes(ctx, cookieName));
  app.use(deskArticleRoutes(ctx));
  app.use(deskUpdateRoutes(ctx));
  app.use(deskLiveRoutes(ctx));
  app.use(historyRoutes(ctx));
  app.use(removedUpdateRoutes(ctx));
  app.use(presenceRoutes(ctx));
  app.use(importRoutes(ctx));
  app.use(peopleRoutes(ctx));
  app.use(accountRoutes(ctx));
  app.use(adminRoutes(ctx));
  app.use(tokenPages(ctx));
  app.use(apiArticleRoutes(ctx, config.baseUrl));
  app.use(apiUpdateRoutes(ctx));
  app.use(apiImportRoute(clock));

  app.use(notFound);
  app.use(errorHandler(log, config.production, (req, message) => auditDenied(ctx, req, message)));

  const unlisted = unlistedRoutes(app, ACCESS_TABLE);
  if (unlisted.length > 0) {
    store.close();
    throw new Error(
      `routes missing from the access table: ${unlisted.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  }

  return Object.assign(app, {
    hub,
    pages,
    handler: withFastPath(app, pages, cookieName, {
      streams: liveStreams(repos, hub),
      miss: articleMiss(ctx, pages, { baseUrl: config.baseUrl, securityHeaders: security }),
    }),
    close: () => {
      stopInvalidating();
      stopSearchUpkeep();
      hub.close();
      store.close();
    },
  });
}
