// Who has an article open on the desk, and which update they are editing: a light heartbeat kept in
// memory. Each open desk page reports every 20 s (static/js/presence.js) and every desk page load
// reports once; whoever has not been seen for 45 s is gone. A warning, never a lock.
//
// One process only: the board lives in this process's memory, so two servers behind a load balancer
// would each see half the newsroom (and a restart forgets everyone for up to one heartbeat). That is
// fine for one machine; several would need the board in SQLite or a shared cache.

/** How long someone counts as present after their last heartbeat. */
export const PRESENCE_TTL_MS = 45_000;
/** How often the desk pages report (well inside the TTL, so one lost request does not drop anyone). */
export const PRESENCE_HEARTBEAT_MS = 20_000;

/** Someone else on the article: `updateId` is the update they are editing, or null on the live desk. */
export interface PresenceEntry {
  userId: number;
  name: string;
  updateId: number | null;
  /** When they opened that page (ISO), kept across heartbeats. */
  since: string;
}

interface Seen extends PresenceEntry {
  seenMs: number;
}

/** The in-memory board of one app. */
export class PresenceBoard {
  /** article id → `userId:updateId` → last sighting; one entry per page kind, so tabs do not flap. */
  private readonly articles = new Map<number, Map<string, Seen>>();
  private lastSweepMs = 0;

  constructor(
    private readonly clock: () => Date,
    private readonly ttlMs = PRESENCE_TTL_MS,
  ) {}

  /** Records a heartbeat: `user` has the article open, editing `updateId` (or null). */
  touch(articleId: number, user: { id: number; name: string }, updateId: number | null): void {
    const now = this.clock();
    this.sweep(now.getTime());
    let seen = this.articles.get(articleId);
    if (!seen) {
      seen = new Map();
      this.articles.set(articleId, seen);
    }
    const key = `${user.id}:${updateId ?? ''}`;
    const entry = seen.get(key);
    if (entry) {
      entry.seenMs = now.getTime();
      entry.name = user.name;
    } else {
      const since = now.toISOString();
      seen.set(key, { userId: user.id, name: user.name, updateId, since, seenMs: now.getTime() });
    }
  }

  /** Forgets that `userId` is editing `updateId` (after a save: they are done with it). */
  leave(articleId: number, userId: number, updateId: number | null): void {
    this.articles.get(articleId)?.delete(`${userId}:${updateId ?? ''}`);
  }

  /**
   * Everyone but `userId` seen on the article within the TTL, one entry per person: the update they
   * most recently edited if any, otherwise the desk. Oldest arrival first.
   */
  others(articleId: number, userId: number): PresenceEntry[] {
    const nowMs = this.clock().getTime();
    this.sweep(nowMs);
    const byUser = new Map<number, Seen>();
    for (const entry of this.articles.get(articleId)?.values() ?? []) {
      if (entry.userId === userId || nowMs - entry.seenMs > this.ttlMs) continue;
      const best = byUser.get(entry.userId);
      const better =
        !best ||
        (entry.updateId !== null && best.updateId === null) ||
        (entry.updateId !== null && entry.seenMs > best.seenMs);
      if (better) byUser.set(entry.userId, entry);
    }
    return [...byUser.values()]
      .sort((a, b) => a.since.localeCompare(b.since) || a.userId - b.userId)
      .map(({ userId: id, name, updateId, since }) => ({ userId: id, name, updateId, since }));
  }

  /** Drops sightings older than the TTL (at most once a second: the board stays small either way). */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < 1000 && nowMs >= this.lastSweepMs) return;
    this.lastSweepMs = nowMs;
    for (const [articleId, seen] of this.articles) {
      for (const [key, entry] of seen) if (nowMs - entry.seenMs > this.ttlMs) seen.delete(key);
      if (seen.size === 0) this.articles.delete(articleId);
    }
  }
}

// One board per app: keyed by the app's service context (as `pending` in services/context.ts), so every
// test app starts empty and the board follows the context's clock.
const boards = new WeakMap<object, PresenceBoard>();

/** The presence board of the app that owns `ctx`, created on first use with the context's clock. */
export function presenceOf(ctx: { clock: () => Date }): PresenceBoard {
  let board = boards.get(ctx);
  if (!board) {
    board = new PresenceBoard(ctx.clock);
    boards.set(ctx, board);
  }
  return board;
}
