import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listMigrations, migrate, MigrationError } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open-db.js';
import { MIGRATIONS_DIR } from '../../src/runtime.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('migrations', () => {
  it('when applied to a fresh database, then every table exists and the version is recorded', () => {
    const db = openDb(':memory:');
    const applied = migrate(db, MIGRATIONS_DIR);
    assert.deepEqual(
      applied,
      listMigrations(MIGRATIONS_DIR).map((m) => m.version),
    );
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    for (const table of [
      'articles',
      'tags',
      'updates',
      'blocks',
      'people',
      'users',
      'sessions',
      'revisions',
      'events',
      'audit_log',
    ]) {
      assert.ok(tables.includes(table), `missing table ${table}`);
    }
  });

  it('when run twice, then the second run applies nothing', () => {
    const db = openDb(':memory:');
    migrate(db, MIGRATIONS_DIR);
    assert.deepEqual(migrate(db, MIGRATIONS_DIR), []);
  });

  it('when a number is missing, then it fails loudly', () => {
    const dir = dirWith({ '001_a.sql': 'CREATE TABLE a (x);', '003_c.sql': 'CREATE TABLE c (x);' });
    assert.throws(() => migrate(openDb(':memory:'), dir), MigrationError);
  });

  it('when two files share a number, then it fails loudly', () => {
    const dir = dirWith({ '001_a.sql': 'CREATE TABLE a (x);', '001_b.sql': 'CREATE TABLE b (x);' });
    assert.throws(() => migrate(openDb(':memory:'), dir), /share number 1/);
  });

  it('when a file is badly named, then it fails loudly', () => {
    const dir = dirWith({ '1-init.sql': 'CREATE TABLE a (x);' });
    assert.throws(() => listMigrations(dir), /NNN_snake_name/);
  });

  it('when a migration fails half-way, then nothing of it is applied', () => {
    const dir = dirWith({ '001_a.sql': 'CREATE TABLE a (x); CREATE TABLE a (x);' });
    const db = openDb(':memory:');
    assert.throws(() => migrate(db, dir));
    const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get() as { n: number };
    assert.equal(row.n, 0);
  });
});

describe('openDb', () => {
  it('when opening a file, then it uses WAL, foreign keys and full synchronous commits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-db-'));
    const db = openDb(join(dir, 'sub', 'x.db'));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    db.close();
  });

  it('when the file is not a database, then it refuses to start with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-db-'));
    const path = join(dir, 'broken.db');
    writeFileSync(path, 'this is not a database '.repeat(200));
    assert.throws(() => openDb(path), /cannot be used|integrity/);
  });
});
