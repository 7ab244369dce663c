import session from 'express-session';
import type { Db } from './open-db.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

const DAY = 24 * 60 * 60 * 1000;

/** express-session store on the `sessions` table; expired rows are pruned on an unref'ed timer. */
export class SqliteSessionStore extends session.Store {
  private readonly getStmt;
  private readonly setStmt;
  private readonly destroyStmt;
  private readonly touchStmt;
  private readonly pruneStmt;
  private readonly destroyForUserStmt;
  private readonly timer: NodeJS.Timeout;

  constructor(db: Db, pruneEveryMs = 15 * 60 * 1000) {
    super();
    this.getStmt = db.prepare<[string, number], { data: string }>(
      'SELECT data FROM sessions WHERE sid = ? AND expires_at > ?',
    );
    this.setStmt = db.prepare(
      `INSERT INTO sessions (sid, user_id, data, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (sid) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at`,
    );
    this.destroyStmt = db.prepare('DELETE FROM sessions WHERE sid = ?');
    this.touchStmt = db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?');
    this.pruneStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.destroyForUserStmt = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.timer = setInterval(() => this.prune(), pruneEveryMs);
    this.timer.unref();
  }

  private expiry(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : Date.now() + DAY;
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    try {
      const row = this.getStmt.get(sid, Date.now());
      callback(null, row ? (JSON.parse(row.data) as session.SessionData) : null);
    } catch (err) {
      callback(err);
    }
  }

  override set(sid: string, sess: session.SessionData, callback?: Callback): void {
    try {
      this.setStmt.run(sid, sess.userId ?? null, JSON.stringify(sess), this.expiry(sess));
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    try {
      this.destroyStmt.run(sid);
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, callback?: Callback): void {
    try {
      this.touchStmt.run(this.expiry(sess), sid);
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  /** Ends every session of one user (disabled account, role change). */
  destroyForUser(userId: number): void {
    this.destroyForUserStmt.run(userId);
  }

  /** Deletes expired sessions. */
  prune(): void {
    this.pruneStmt.run(Date.now());
  }

  /** Stops the prune timer. */
  close(): void {
    clearInterval(this.timer);
  }
}

declare module 'express-session' {
  interface SessionData {
    userId: number;
    /** Epoch ms of the login, for the absolute lifetime. */
    loginAt: number;
    /** Epoch ms of the last request, for the idle timeout. */
    seenAt: number;
  }
}
