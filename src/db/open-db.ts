import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export class DamagedDatabaseError extends Error {}

/** Opens (creating if needed) the SQLite file with durable settings and checks it is not damaged. */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
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
