import Database from 'better-sqlite3';
import type { Db } from '../db/open-db.js';
import type { Repos } from '../db/repos.js';
import type { Article, Update } from '../domain/types.js';

/** What every service needs: the database (for transactions), its repositories and a clock. */
export interface ServiceContext {
  db: Db;
  repos: Repos;
  clock: () => Date;
  /** Told, after a commit, which articles got new reader events (the live hub listens here). */
  onArticleEvents?: (articleId: number) => void;
  /** Told, after a commit, each update the transaction changed, as written, with its article. */
  onUpdatesWritten?: (written: WrittenUpdate[]) => void;
}

/** An update as a committed change left it, with its article. */
export interface WrittenUpdate {
  article: Article;
  update: Update;
}

// Told after every committed content change on a connection, whichever service context made it, before
// the events go out (the page cache listens here).
const commitListeners = new WeakMap<Db, Set<() => void>>();

/** Calls `listener` after each committed content change on `db`; returns the way to stop. */
export function onCommit(db: Db, listener: () => void): () => void {
  const listeners = commitListeners.get(db) ?? new Set();
  commitListeners.set(db, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
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

// SQLite's answers when the database cannot be written at the moment: a read-only file or mount, a full
// disk, an I/O error, a file that cannot be opened. Extended codes (SQLITE_IOERR_WRITE …) count too.
const STORAGE_CODES = ['SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

/** True for a better-sqlite3 error that means the database refuses writes (HTTP answers 503). */
export function isStorageFailure(err: unknown): err is InstanceType<typeof Database.SqliteError> {
  return (
    err instanceof Database.SqliteError &&
    STORAGE_CODES.some((code) => err.code === code || err.code.startsWith(`${code}_`))
  );
}

// Articles with events written by the running transaction; announced only once it commits.
/** What the running transaction announces once it commits. */
interface Pending {
  articles: Set<number>;
  updates: Map<number, WrittenUpdate>;
}

const pending = new WeakMap<ServiceContext, Pending>();

/** Notes that the running transaction wrote a reader event for the article. */
export function announceAfterCommit(ctx: ServiceContext, articleId: number): void {
  pending.get(ctx)?.articles.add(articleId);
}

/** Notes that the running transaction changed the update (the last note of one update wins). */
export function noteUpdateWritten(ctx: ServiceContext, written: WrittenUpdate): void {
  pending.get(ctx)?.updates.set(written.update.id, written);
}

// ---------------------------------------------------------------------------------------------------
// TEST-ONLY fault injection, for the crash test's negative controls (test/crash/, `npm run test:crash`).
// `DATELINE_FAULT` breaks durability on purpose, so the crash harness can prove it notices. It is honoured
// only when `DATELINE_FAULT_INJECTION=i-know-this-loses-data` is set too AND `NODE_ENV` is not
// `production`; otherwise it is ignored, with one line on stderr saying so. Never set it on a real server.
//   split-transaction  inTransaction runs the work without a transaction (a crash can split a change)
//   ack-before-commit  writes join a transaction that commits ~40 ms later, after the answer went out
export const FAULTS = ['split-transaction', 'ack-before-commit'] as const;
export type Fault = (typeof FAULTS)[number];
export const FAULT_INJECTION_CONSENT = 'i-know-this-loses-data';

/** The fault the environment asks for, and a notice to print when one is asked for (honoured or not). */
export function faultFromEnv(env: NodeJS.ProcessEnv): { fault: Fault | null; notice: string | null } {
  const asked = env.DATELINE_FAULT;
  if (asked === undefined || asked === '') return { fault: null, notice: null };
  const ignored = (why: string) => ({ fault: null, notice: `DATELINE_FAULT=${asked} ignored: ${why}` });
  if (env.NODE_ENV === 'production') return ignored('fault injection is never honoured in production');
  if (env.DATELINE_FAULT_INJECTION !== FAULT_INJECTION_CONSENT)
    return ignored(`it also needs DATELINE_FAULT_INJECTION=${FAULT_INJECTION_CONSENT}`);
  const fault = FAULTS.find((name) => name === asked);
  if (!fault) return ignored(`unknown fault (known: ${FAULTS.join(', ')})`);
  return { fault, notice: `DATELINE_FAULT=${fault} is ON: this process LOSES DATA (test only)` };
}

const injection = faultFromEnv(process.env);
if (injection.notice) process.stderr.write(`dateline: ${injection.notice}\n`);
const FAULT = injection.fault;

// ack-before-commit: one shared transaction left open for a while; its COMMIT runs on a timer.
function holdOpenTransaction(ctx: ServiceContext): void {
  if (ctx.db.inTransaction) return;
  ctx.db.exec('BEGIN IMMEDIATE');
  setTimeout(() => {
    if (ctx.db.inTransaction) ctx.db.exec('COMMIT');
  }, 40);
}
// ---------------------------------------------------------------------------------------------------

/** Runs `work` in one immediate transaction with the current time as an ISO string. */
export function inTransaction<T>(ctx: ServiceContext, work: (now: string) => T): T {
  if (FAULT === 'split-transaction') return work(ctx.clock().toISOString()); // TEST-ONLY, see above
  if (FAULT === 'ack-before-commit') holdOpenTransaction(ctx); // TEST-ONLY: the work below is a savepoint
  const outer = pending.get(ctx);
  // Nested: a savepoint inside the outer transaction, which announces once it commits.
  if (outer) return ctx.db.transaction(() => work(ctx.clock().toISOString()))();
  const announced: Pending = { articles: new Set(), updates: new Map() };
  pending.set(ctx, announced);
  try {
    const result = ctx.db.transaction(() => work(ctx.clock().toISOString())).immediate();
    for (const listener of commitListeners.get(ctx.db) ?? []) listener();
    for (const articleId of announced.articles) ctx.onArticleEvents?.(articleId);
    if (announced.updates.size > 0) ctx.onUpdatesWritten?.([...announced.updates.values()]);
    return result;
  } finally {
    pending.delete(ctx);
  }
}
