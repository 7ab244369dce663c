import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';

function dateline(args: string[], env: Record<string, string>, input = '') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
}

describe('the dateline command', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'dateline-cli-')), 'cli.db');

  it('when migrate runs, then the database is created and up to date', () => {
    const result = dateline(['migrate'], { DATELINE_DB: db });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /up to date/);
  });

  it('when user add gets a password on stdin, then the account exists with a hashed password', () => {
    const result = dateline(
      ['user', 'add', '--email', 'Reporter@Example.com', '--role', 'journalist', '--password-stdin'],
      { DATELINE_DB: db },
      'a long enough password\n',
    );
    assert.equal(result.status, 0, result.stderr);
    const row = new Database(db, { readonly: true })
      .prepare('SELECT email, role, password_hash FROM users')
      .get() as { email: string; role: string; password_hash: string };
    assert.equal(row.email, 'reporter@example.com');
    assert.equal(row.role, 'journalist');
    assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('when the role is unknown or the password too short, then exit 2 with a message', () => {
    const bad = dateline(
      ['user', 'add', '--email', 'x@example.com', '--role', 'king', '--password-stdin'],
      { DATELINE_DB: db },
      'a long enough password',
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Choose journalist, editor or admin/);
    const short = dateline(
      ['user', 'add', '--email', 'y@example.com', '--role', 'editor', '--password-stdin'],
      { DATELINE_DB: db },
      'short',
    );
    assert.equal(short.status, 2);
    assert.match(short.stderr, /12 to 256 characters/);
  });

  it('when the command is unknown, then exit 2 with the usage', () => {
    const result = dateline(['frobnicate'], { DATELINE_DB: db });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: dateline/);
  });
});
