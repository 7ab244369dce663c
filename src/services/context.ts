import type { Db } from '../db/open-db.js';
import type { Repos } from '../db/repos.js';

/** What every service needs: the database (for transactions), its repositories and a clock. */
export interface ServiceContext {
  db: Db;
  repos: Repos;
  clock: () => Date;
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

/** Runs `work` in one immediate transaction with the current time as an ISO string. */
export function inTransaction<T>(ctx: ServiceContext, work: (now: string) => T): T {
  return ctx.db.transaction(() => work(ctx.clock().toISOString())).immediate();
}
