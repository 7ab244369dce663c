import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export class DamagedDatabaseError extends Error {}

/**
 * Opens (creating if needed) the SQLite file with durable settings and checks it is not damaged.
 * `integrity: 'deferred'` leaves the check to the caller (the server runs it in the background on a large
 * file, see src/db/integrity.ts); SQLite still refuses a file whose header is not a database's.
 */
export function openDb(path: string, options: { integrity?: 'now' | 'deferred' } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = options.integrity === 'deferred' ? 'ok' : db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new DamagedDatabaseError(`database ${path} failed its integrity check: ${String(check)}`);
  } catch (err) {
    db.close();
    if (err instanceof DamagedDatabaseError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new DamagedDatabaseError(`database ${path} cannot be used (${message}); restore it from a backup`);
  }
  return db;
}
