import type { Db } from '../db/open-db.js';
import type { Repos } from '../db/repos.js';

/** What every service needs: the database (for transactions), its repositories and a clock. */
export interface ServiceContext {
  db: Db;
  repos: Repos;
  clock: () => Date;
  /** Told, after a commit, which articles got new reader events (the live hub listens here). */
  onArticleEvents?: (articleId: number) => void;
}

export type ServiceErrorCode = 'not_found' | 'forbidden' | 'conflict';

/** An expected failure of a use case; the HTTP layer maps the code to 404/403/409. */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Articles with events written by the running transaction; announced only once it commits.
const pending = new WeakMap<ServiceContext, Set<number>>();

/** Notes that the running transaction wrote a reader event for the article. */
export function announceAfterCommit(ctx: ServiceContext, articleId: number): void {
  pending.get(ctx)?.add(articleId);
}

/** Runs `work` in one immediate transaction with the current time as an ISO string. */
export function inTransaction<T>(ctx: ServiceContext, work: (now: string) => T): T {
  const outer = pending.get(ctx);
  // Nested: a savepoint inside the outer transaction, which announces once it commits.
  if (outer) return ctx.db.transaction(() => work(ctx.clock().toISOString()))();
  const articles = new Set<number>();
  pending.set(ctx, articles);
  try {
    const result = ctx.db.transaction(() => work(ctx.clock().toISOString())).immediate();
    for (const articleId of articles) ctx.onArticleEvents?.(articleId);
    return result;
  } finally {
    pending.delete(ctx);
  }
}
