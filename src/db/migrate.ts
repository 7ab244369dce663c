import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './open-db.js';

export class MigrationError extends Error {}

interface MigrationFile {
  version: number;
  name: string;
  path: string;
}

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Lists migration files in order; a gap, a duplicate number or a badly named .sql file is an error. */
export function listMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = FILE_NAME.exec(name);
      if (!match) throw new MigrationError(`migration file ${name} is not named NNN_snake_name.sql`);
      return { version: Number(match[1]), name: match[2] ?? '', path: join(dir, name) };
    })
    .sort((a, b) => a.version - b.version);
  files.forEach((file, index) => {
    if (file.version === files[index - 1]?.version) {
      throw new MigrationError(`two migrations share number ${file.version}`);
    }
    if (file.version !== index + 1) {
      throw new MigrationError(`migration numbers have a gap: expected ${index + 1}, found ${file.version}`);
    }
  });
  return files;
}

/** Applies pending migrations, one transaction per file; returns the versions applied. */
export function migrate(db: Db, dir: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const file of listMigrations(dir)) {
    if (applied.has(file.version)) continue;
    const sql = readFileSync(file.path, 'utf8');
    db.transaction(() => {
      db.exec(sql);
      record.run(file.version, file.name, new Date().toISOString());
    })();
    done.push(file.version);
  }
  return done;
}

/** True when the database holds no applied migrations yet (nothing to back up). */
export function isEmptyDatabase(db: Db): boolean {
  const row = db
    .prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    )
    .get();
  return (row?.n ?? 0) === 0;
}
