import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import type { Actor } from '../../src/domain/types.js';
import { MIGRATIONS_DIR, serviceContext } from '../../src/runtime.js';
import { createUser, setUserDisabled, setUserRole } from '../../src/services/accounts.js';

const dir = mkdtempSync(join(tmpdir(), 'dateline-cli-audit-'));
const system: Actor = { userId: null, label: 'test', role: 'admin', ip: '192.0.2.1' };

function verify(db: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify'], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATELINE_DB: db },
  });
}

/** A file database holding five audited account changes; returns the audit rows' ids in order. */
async function databaseWithAudit(name: string): Promise<{ path: string; ids: number[] }> {
  const path = join(dir, name);
  const db = openDb(path);
  try {
    migrate(db, MIGRATIONS_DIR);
    const ctx = serviceContext(db);
    const account = (email: string, role: 'journalist' | 'admin') =>
      createUser(ctx, system, { email, displayName: email, role, password: 'a long enough password' });
    await account('chief@example.com', 'admin');
    const made = await account('reporter@example.com', 'journalist');
    assert.ok(made.ok);
    setUserRole(ctx, system, made.user.id, 'editor');
    setUserDisabled(ctx, system, made.user.id, true);
    setUserDisabled(ctx, system, made.user.id, false);
    const ids = db
      .prepare<[], { id: number }>('SELECT id FROM audit_log ORDER BY id')
      .all()
      .map((row) => row.id);
    assert.equal(ids.length, 5);
    return { path, ids };
  } finally {
    db.close();
  }
}

/** Runs raw SQL on the file, as someone with direct access to it could. */
function tamper(path: string, sql: string): void {
  const conn = new Database(path);
  try {
    conn.exec(sql);
  } finally {
    conn.close();
  }
}

describe('dateline audit verify', () => {
  let edited: { path: string; ids: number[] };
  let deleted: { path: string; ids: number[] };

  before(async () => {
    edited = await databaseWithAudit('edited.db');
    deleted = await databaseWithAudit('deleted.db');
  });

  it('when the chain is intact, then exit 0 with the number of rows', () => {
    const result = verify(edited.path);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'audit log ok: 5 rows');
  });

  it('when a row is edited behind the triggers, then exit 1 naming exactly that row', () => {
    const target = edited.ids[2];
    tamper(
      edited.path,
      `DROP TRIGGER audit_log_no_update;
       UPDATE audit_log SET action = 'user.enabled', ip = '198.51.100.7' WHERE id = ${target};`,
    );
    const result = verify(edited.path);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim(), `audit log broken at row ${target} (3 rows checked)`);
  });

  it('when a middle row is deleted, then exit 1 at the row after it', () => {
    const [, gone, after] = deleted.ids;
    tamper(deleted.path, `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = ${gone};`);
    const result = verify(deleted.path);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), `audit log broken at row ${after} (2 rows checked)`);
  });
});
