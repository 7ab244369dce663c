import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { checkConfig, formatReport } from './config-check.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { backupTo, pruneMigrationBackups } from './db/backup.js';
import { listMigrations, migrate } from './db/migrate.js';
import { openDb, type Db } from './db/open-db.js';
import { createRepos } from './db/repos.js';
import type { ServiceContext } from './services/context.js';

/** Automatic backups taken before migrations: the newest this many are kept. */
export const KEEP_MIGRATION_BACKUPS = 5;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Configuration from the process environment (without the production safety check). */
export function configFromEnv(): Config {
  return loadConfig(process.env, () => randomBytes(32).toString('hex'));
}

/** Configuration for serving: in production, any unsafe setting stops the start with its fix. */
export function safeConfigFromEnv(): Config {
  const config = configFromEnv();
  const report = checkConfig(config, process.env);
  if (report.problems.length > 0) {
    throw new ConfigError(
      `refusing to start in production:\n${formatReport({ problems: report.problems, warnings: [] })}`,
    );
  }
  return config;
}

/** The process logger (JSON lines on stdout). */
export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel });
}

/** A service context over a database connection. */
export function serviceContext(db: Db): ServiceContext {
  return { db, repos: createRepos(db), clock: () => new Date() };
}

/**
 * Opens the database and applies pending migrations; a database that already holds data is
 * backed up (SQLite online backup) next to itself before it is migrated.
 */
export async function openAndMigrate(
  config: Config,
  log: Logger,
  integrity: 'now' | 'deferred' = 'now',
): Promise<Db> {
  const db = openDb(config.dbPath, { integrity });
  const applied = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
      ? db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all()
      : []
    ).map((row) => row.version),
  );
  const pending = listMigrations(MIGRATIONS_DIR).filter((file) => !applied.has(file.version));
  if (pending.length > 0 && applied.size > 0 && config.dbPath !== ':memory:') {
    const backup = `${config.dbPath}.pre-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    await backupTo(db, backup);
    const pruned = pruneMigrationBackups(config.dbPath, KEEP_MIGRATION_BACKUPS);
    log.info({ backup, pruned }, 'backed up the database before migrating');
  }
  const done = migrate(db, MIGRATIONS_DIR);
  if (done.length > 0) log.info({ migrations: done }, 'applied migrations');
  return db;
}
