import type { Logger } from 'pino';
import type { Db } from '../db/open-db.js';
import type { Repos } from '../db/repos.js';
import type { SearchPage, SearchScope } from '../db/search-repo.js';
import { isStorageFailure, onCommit, type ServiceContext } from './context.js';

// Readers' search ranks search_articles, one row per published article, which each content change marks
// stale in its own transaction (db/search-repo.ts). The marked rows are rewritten here: by the server
// shortly after each commit (a burst of commits, one rewrite), in small batches so a backlog (after
// migrating, or writes by another process) never holds the event loop for long, and before a public search
// if a few are still marked, so a search always sees the last committed change. With many still marked,
// readers get the exact document-by-document ranking the desk uses until the backlog is worked off.
// Rewriting is not a content change: it commits with db.transaction, not inTransaction, so cached pages
// stay valid. Some seconds after writes the server merges the indexes' segments a little per turn (each
// commit adds a segment; a search statement seeks every term in every segment): the bench's bulk-loaded
// index went from 22 segments to 3, and reading ten articles' matches from 4.5 ms to 1 ms.

/** Marked articles a public search rewrites itself before answering (~1 ms each for a typical story). */
const BEFORE_SEARCH = 50;
/** Marked articles rewritten per turn of the event loop in the background. */
const PER_TURN = 20;
/** Wait after a commit before the background upkeep, so a burst of writes makes one upkeep transaction. */
const AFTER_COMMIT_MS = 100;
/** Index pages merged per turn (~10 ms a turn while catching up on this machine). */
const MERGE_PAGES = 32;
/** Wait after a commit before merging segments: writes in the meantime are merged in one go. */
const MERGE_AFTER_MS = 5_000;

const nudges = new WeakMap<Db, () => void>();

type Upkeep = Pick<ServiceContext, 'db' | 'repos'>;

/** Runs one piece of upkeep in a transaction; false when the database cannot be written. */
function attempt<T>(ctx: Upkeep, work: () => T): T | false {
  try {
    return ctx.db.transaction(work)();
  } catch (err) {
    if (isStorageFailure(err)) return false;
    throw err;
  }
}

/** Rewrites up to `limit` marked rows in one transaction; false when the database cannot be written. */
function refresh(ctx: Upkeep, limit: number): number | false {
  return attempt(ctx, () => ctx.repos.search.refreshArticles(limit));
}

/** One page of search results for the scope; `match` comes from parseSearchQuery. */
export function searchArticles(
  ctx: ServiceContext,
  match: string,
  scope: SearchScope,
  limit: number,
  offset: number,
): SearchPage {
  const { search } = ctx.repos;
  if (scope.kind === 'public') {
    const pending = search.staleCount();
    const current = pending === 0 || (pending <= BEFORE_SEARCH && refresh(ctx, pending) === pending);
    if (current) return search.searchPublished(match, limit, offset);
    nudges.get(ctx.db)?.();
  }
  return search.searchDocuments(match, scope, limit, offset);
}

/** Rewrites every marked row and merges the segments (after a bulk load or `dateline reindex`); returns the rows. */
export function refreshSearch(ctx: Upkeep): number {
  let total = 0;
  for (let done = refresh(ctx, 500); done !== false && done > 0; done = refresh(ctx, 500)) total += done;
  while (attempt(ctx, () => ctx.repos.search.mergeSegments(500)) === true);
  return total;
}

/** Keeps search_articles current in the background while the server runs; returns the way to stop. */
export function keepSearchCurrent(db: Db, repos: Repos, log: Logger): () => void {
  const ctx = { db, repos };
  // Unreferenced: pending upkeep never keeps a process alive (the server's sockets do that).
  const later = (work: () => void, ms: number) => setTimeout(work, ms).unref();
  let refreshing: NodeJS.Timeout | null = null;
  let merging: NodeJS.Timeout | null = null;
  const refreshTurn = () => {
    refreshing = null;
    const done = refresh(ctx, PER_TURN);
    if (done === false) log.warn('search: marked articles not rewritten, the database cannot be written');
    else if (done === PER_TURN) refreshing = later(refreshTurn, 0);
  };
  // Merging runs apart from rewriting and at most every MERGE_AFTER_MS, so the segments of a run of
  // writes are merged in one go rather than after each.
  const mergeTurn = () => {
    merging = null;
    if (attempt(ctx, () => repos.search.mergeSegments(MERGE_PAGES)) === true) merging = later(mergeTurn, 0);
  };
  const schedule = (delay: number) => {
    refreshing ??= later(refreshTurn, delay);
    merging ??= later(mergeTurn, Math.max(delay, MERGE_AFTER_MS));
  };
  const stopListening = onCommit(db, () => schedule(AFTER_COMMIT_MS));
  nudges.set(db, () => schedule(0));
  // Marks left by an earlier run, another process or a migration; segments left by a bulk load.
  refreshing = later(refreshTurn, 0);
  merging = later(mergeTurn, 0);
  return () => {
    stopListening();
    nudges.delete(db);
    for (const timer of [refreshing, merging]) if (timer) clearTimeout(timer);
  };
}
