import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { verifyPassword } from '../../src/services/passwords.js';

function dateline(args: string[], env: Record<string, string>, input = '', base = process.env) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...base, LOG_LEVEL: 'silent', ...env },
  });
}

function query<T>(path: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(path, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

/** The data rows of `dateline user list`, split on runs of spaces (the name comes last). */
function listed(stdout: string): string[][] {
  const [header, ...rows] = stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^id\s+email\s+role\s+disabled\s+name$/);
  return rows.map((row) => row.split(/\s{2,}/));
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

  it('when user list runs, then it shows every account with its role and state', () => {
    const add = dateline(
      [
        'user',
        'add',
        '--email',
        'chief@example.com',
        '--role',
        'admin',
        '--name',
        'Chief Editor',
        '--password-stdin',
      ],
      { DATELINE_DB: db },
      'another long password\n',
    );
    assert.equal(add.status, 0, add.stderr);
    const list = dateline(['user', 'list'], { DATELINE_DB: db });
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(listed(list.stdout), [
      ['2', 'chief@example.com', 'admin', 'no', 'Chief Editor'],
      ['1', 'reporter@example.com', 'journalist', 'no', 'reporter'],
    ]);
  });

  it('when set-role and disable run, then list shows the change and each is audited as the cli', () => {
    const promote = dateline(['user', 'set-role', '--email', 'REPORTER@example.com', '--role', 'editor'], {
      DATELINE_DB: db,
    });
    assert.equal(promote.status, 0, promote.stderr);
    assert.match(promote.stdout, /reporter@example\.com \(id 1\) is now editor \(was journalist\)/);
    const disable = dateline(['user', 'disable', '--email', 'reporter@example.com'], { DATELINE_DB: db });
    assert.equal(disable.status, 0, disable.stderr);
    const list = dateline(['user', 'list'], { DATELINE_DB: db });
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(listed(list.stdout)[1], ['1', 'reporter@example.com', 'editor', 'yes', 'reporter']);

    const enable = dateline(['user', 'enable', '--email', 'reporter@example.com'], { DATELINE_DB: db });
    assert.equal(enable.status, 0, enable.stderr);
    const [row] = query<{ disabled: number }>(db, 'SELECT disabled FROM users WHERE id = 1');
    assert.equal(row?.disabled, 0);

    const audited = query<{
      action: string;
      actor_id: number | null;
      actor_label: string;
      target_id: string;
    }>(
      db,
      "SELECT action, actor_id, actor_label, target_id FROM audit_log WHERE action != 'user.created' ORDER BY id",
    );
    assert.deepEqual(
      audited.map((a) => [a.action, a.actor_id, a.actor_label, a.target_id]),
      [
        ['user.role_changed', null, 'cli', '1'],
        ['user.disabled', null, 'cli', '1'],
        ['user.enabled', null, 'cli', '1'],
      ],
    );
  });

  it('when the last admin would be disabled or demoted, then exit 1 with the reason and nothing changes', () => {
    const disable = dateline(['user', 'disable', '--email', 'chief@example.com'], { DATELINE_DB: db });
    assert.equal(disable.status, 1);
    assert.match(disable.stderr, /The last admin cannot be disabled or demoted/);
    const demote = dateline(['user', 'set-role', '--email', 'chief@example.com', '--role', 'editor'], {
      DATELINE_DB: db,
    });
    assert.equal(demote.status, 1);
    assert.match(demote.stderr, /The last admin cannot be disabled or demoted/);
    assert.deepEqual(query(db, "SELECT role, disabled FROM users WHERE email = 'chief@example.com'"), [
      { role: 'admin', disabled: 0 },
    ]);
  });

  it('when reset-password runs, then the new password alone is on the last line and replaces the old one', async () => {
    const result = dateline(['user', 'reset-password', '--email', 'reporter@example.com'], {
      DATELINE_DB: db,
    });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /shown only this once/);
    const password = lines.at(-1) ?? '';
    assert.match(password, /^[A-Za-z0-9_-]{24}$/);
    const [row] = query<{ password_hash: string }>(
      db,
      "SELECT password_hash FROM users WHERE email = 'reporter@example.com'",
    );
    assert.ok(row);
    assert.equal(await verifyPassword(row.password_hash, password), true);
    assert.equal(await verifyPassword(row.password_hash, 'a long enough password'), false);
  });

  it('when the email is unknown, then exit 1 naming it', () => {
    const result = dateline(['user', 'disable', '--email', 'nobody@example.com'], { DATELINE_DB: db });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no account with email nobody@example\.com/);
  });

  it('when the role is unknown or a chosen password is asked for, then exit 2 with the usage', () => {
    const role = dateline(['user', 'set-role', '--email', 'reporter@example.com', '--role', 'king'], {
      DATELINE_DB: db,
    });
    assert.equal(role.status, 2);
    assert.match(role.stderr, /unknown role king/);
    assert.match(role.stderr, /usage: dateline/);
    const chosen = dateline(
      ['user', 'reset-password', '--email', 'reporter@example.com', '--password-stdin'],
      { DATELINE_DB: db },
      'a chosen long password\n',
    );
    assert.equal(chosen.status, 2);
    assert.match(chosen.stderr, /only sets a generated password/);
    assert.deepEqual(query(db, "SELECT role FROM users WHERE email = 'reporter@example.com'"), [
      { role: 'editor' },
    ]);
  });

  it('when audit verify runs after these changes, then the chain holds for every row', () => {
    const [count] = query<{ n: number }>(db, 'SELECT count(*) AS n FROM audit_log');
    const result = dateline(['audit', 'verify'], { DATELINE_DB: db });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), `audit log ok: ${count?.n} rows`);
  });
});

describe('dateline check', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'dateline-check-')), 'never-opened.db');
  // Only the settings each test gives: none of the DATELINE_* or NODE_ENV of the shell running the tests.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DATELINE_') && name !== 'NODE_ENV'),
  );
  const check = (env: Record<string, string>) => dateline(['check'], { DATELINE_DB: db, ...env }, '', base);

  it('when production has no session secret, then exit 1 naming DATELINE_SESSION_SECRET', () => {
    const result = check({ NODE_ENV: 'production' });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^problem: .*DATELINE_SESSION_SECRET/m);
    assert.equal(existsSync(db), false, 'check must not open the database');
  });

  it('when production is configured well, then exit 0', () => {
    const result = check({
      NODE_ENV: 'production',
      DATELINE_SESSION_SECRET: '3f9a1c7e5b2d8046af13ce79b5d20e8a6c4f1b9037d2e5a8c6b0f4e1d7a39c25',
      DATELINE_BASE_URL: 'https://news.example',
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /problem:/);
    assert.equal(existsSync(db), false, 'check must not open the database');
  });
});
