import type { Logger } from 'pino';
import type { Db } from '../db/open-db.js';
import type { Repos } from '../db/repos.js';
import type { SearchPage, SearchScope } from '../db/search-repo.js';
import { isStorageFailure, onCommit, type ServiceContext } from './context.js';

// Readers' search ranks search_articles, one row per published article, which each content change marks
// stale in its own transaction (db/search-repo.ts). The marked rows are rewritten here: by the server
// shortly after each commit (a burst of commits, one rewrite), in small batches so a backlog (after migrating, or writes by another process) never
// holds the event loop for long, and before a public search if a few are still marked, so a search always
// sees the last committed change. With many still marked, readers get the exact document-by-document
// ranking the desk uses until the backlog is worked off. Rewriting is not a content change: it commits
// with db.transaction, not inTransaction, so cached pages stay valid. Once nothing is marked, the server
// merges the indexes' segments a little per turn (each commit adds a segment; a search statement seeks
// every term in every segment): the bench's bulk-loaded index went from 22 segments to 3, and reading
// ten articles' matches from 4.5 ms to 1 ms.

/** Marked articles a public search rewrites itself before answering (~1 ms each for a typical story). */
const BEFORE_SEARCH = 50;
/** Marked articles rewritten per turn of the event loop in the background. */
const PER_TURN = 20;
/** Wait after a commit before the background upkeep, so a burst of writes makes one upkeep transaction. */
const AFTER_COMMIT_MS = 100;
/** Index pages merged per turn once nothing is marked (~10 ms a turn while catching up on this machine). */
const MERGE_PAGES = 32;

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
  let scheduled: NodeJS.Timeout | null = null;
  let merging = true;
  const turn = () => {
    scheduled = null;
    const done = refresh({ db, repos }, PER_TURN);
    if (done === false)
      return log.warn('search: marked articles not rewritten, the database cannot be written');
    if (done < PER_TURN && merging)
      merging = attempt({ db, repos }, () => repos.search.mergeSegments(MERGE_PAGES)) === true;
    if (done === PER_TURN || merging) scheduled = setTimeout(turn, 0);
  };
  const schedule = (delay: number) => {
    merging = true;
    scheduled ??= setTimeout(turn, delay);
  };
  const stopListening = onCommit(db, () => schedule(AFTER_COMMIT_MS));
  nudges.set(db, () => schedule(0));
  schedule(0); // marks left by an earlier run, another process or a migration
  return () => {
    stopListening();
    nudges.delete(db);
    if (scheduled) clearTimeout(scheduled);
  };
}
