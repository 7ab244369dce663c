import type { Db } from './open-db.js';

/** Records failed logins and counts them in time windows, per account and per IP. */
export function createLoginFailuresRepo(db: Db) {
  const insert = db.prepare('INSERT INTO login_failures (at_ms, email, ip) VALUES (?, ?, ?)');
  const byEmail = db.prepare<[string, number], { at_ms: number }>(
    'SELECT at_ms FROM login_failures WHERE email = ? AND at_ms > ? ORDER BY at_ms DESC',
  );
  const byIp = db.prepare<[string, number], { at_ms: number }>(
    'SELECT at_ms FROM login_failures WHERE ip = ? AND at_ms > ? ORDER BY at_ms DESC',
  );
  const clearEmail = db.prepare('DELETE FROM login_failures WHERE email = ?');
  const prune = db.prepare('DELETE FROM login_failures WHERE at_ms <= ?');
  return {
    record: (email: string, ip: string, atMs: number): void => {
      insert.run(atMs, email, ip);
    },
    /** Failure times for the account since `sinceMs`, newest first. */
    forEmail: (email: string, sinceMs: number): number[] => byEmail.all(email, sinceMs).map((r) => r.at_ms),
    /** Failure times from the IP since `sinceMs`, newest first. */
    forIp: (ip: string, sinceMs: number): number[] => byIp.all(ip, sinceMs).map((r) => r.at_ms),
    clearEmail: (email: string): void => {
      clearEmail.run(email);
    },
    prune: (beforeMs: number): void => {
      prune.run(beforeMs);
    },
  };
}

export type LoginFailuresRepo = ReturnType<typeof createLoginFailuresRepo>;
