import { migrate } from '../../src/db/migrate.js';
import { openDb, type Db } from '../../src/db/open-db.js';
import { createRepos } from '../../src/db/repos.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { Actor } from '../../src/domain/types.js';

/** A fresh, migrated in-memory database. */
export function freshDb(): Db {
  const db = openDb(':memory:');
  migrate(db, MIGRATIONS_DIR);
  return db;
}

/** A service context over a fresh database with a fixed or given clock. */
export function freshContext(clock: () => Date = () => new Date('2026-12-08T14:04:00.000Z')): ServiceContext {
  const db = freshDb();
  return { db, repos: createRepos(db), clock };
}

/** An actor for service calls in tests. */
export function actor(role: Actor['role'] = 'editor', userId: number | null = null): Actor {
  return { userId, label: `test-${role ?? 'anonymous'}`, role, ip: '127.0.0.1' };
}
