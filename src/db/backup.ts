import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './open-db.js';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/**
 * Copies the live database into `file` with SQLite's online backup: readers and writers keep going
 * while it runs (pages changed meanwhile are copied again).
 */
export async function backupTo(
  db: Db,
  file: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<BackupProgress> {
  return db.backup(file, {
    progress: (p) => {
      onProgress?.(p);
      return 256; // pages per step: small steps keep the server responsive
    },
  });
}

/** What is wrong with a database file (integrity, foreign keys, schema); empty when it is sound. */
export function checkDatabaseFile(file: string): string[] {
  if (!existsSync(file)) return [`${file} does not exist`];
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) problems.push(`${orphans.length} rows break foreign keys`);
    const hasSchema = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!hasSchema) problems.push('not a Dateline database (no schema_migrations table)');
    return problems;
  } catch (err) {
    return [`cannot be read as a database: ${err instanceof Error ? err.message : String(err)}`];
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database at `target` with the backup `file` after checking the backup. The current
 * database is kept beside it as `<target>.pre-restore-<time>.bak`. The server must be stopped.
 */
export function restoreFrom(
  file: string,
  target: string,
  now: Date,
): { problems: string[]; saved: string | null } {
  const problems = checkDatabaseFile(file);
  if (problems.length > 0) return { problems, saved: null };
  let saved: string | null = null;
  if (existsSync(target)) {
    saved = `${target}.pre-restore-${now.toISOString().replace(/[:.]/g, '-')}.bak`;
    const current = new Database(target);
    // Folds any WAL content into the main file so the copy below is complete.
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    copyFileSync(target, saved);
  }
  mkdirSync(dirname(target), { recursive: true });
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(file, target);
  return { problems: [], saved };
}

/** Deletes all but the newest `keep` automatic backups made before migrations. */
export function pruneMigrationBackups(dbPath: string, keep: number): string[] {
  const dir = dirname(dbPath);
  const prefix = `${basename(dbPath)}.pre-migration-`;
  const old = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.bak'))
    .sort()
    .reverse()
    .slice(keep);
  for (const name of old) rmSync(join(dir, name));
  return old;
}
