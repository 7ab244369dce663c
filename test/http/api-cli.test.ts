import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDb } from '../../src/db/open-db.js';

function dateline(args: string[], db: string, input = '') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATELINE_DB: db },
  });
}

/** The app over the CLI's database file, for one request. */
async function withApp<T>(db: string, work: (app: ReturnType<typeof createApp>) => Promise<T>): Promise<T> {
  const conn = openDb(db);
  const app = createApp({ db: conn, config: loadConfig({}, () => 'x'.repeat(64)) });
  try {
    return await work(app);
  } finally {
    app.close();
    conn.close();
  }
}

describe('dateline token', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'dateline-token-')), 'cli.db');
  let token = '';

  it('when a token is created, then it is printed alone on the last line and only its hash is stored', () => {
    const add = dateline(
      ['user', 'add', '--email', 'robot@example.com', '--role', 'editor', '--password-stdin'],
      db,
      'a long enough password\n',
    );
    assert.equal(add.status, 0, add.stderr);
    const result = dateline(
      ['token', 'create', '--email', 'Robot@Example.com', '--name', 'Importskript'],
      db,
    );
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    token = lines.at(-1) ?? '';
    assert.match(token, /^dl_[A-Za-z0-9_-]{43}$/);
    assert.match(lines[0] ?? '', /robot@example\.com/);
    assert.equal(lines.length, 2);
    const conn = openDb(db);
    try {
      const rows = conn.prepare('SELECT name, token_hash FROM api_tokens').all() as {
        name: string;
        token_hash: string;
      }[];
      assert.deepEqual(rows, [
        { name: 'Importskript', token_hash: createHash('sha256').update(token).digest('hex') },
      ]);
      const audit = conn.prepare("SELECT actor_label FROM audit_log WHERE action = 'token.created'").all();
      assert.deepEqual(audit, [{ actor_label: 'cli' }]);
    } finally {
      conn.close();
    }
  });

  it('when the printed token is sent to the API, then it authenticates as the account', async () => {
    await withApp(db, async (app) => {
      const res = await request(app)
        .post('/api/v1/articles')
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 'Från kommandoraden' });
      assert.equal(res.status, 201);
    });
  });

  it('when tokens are listed and one revoked, then the list shows it and the API refuses it', async () => {
    const list = dateline(['token', 'list', '--email', 'robot@example.com'], db);
    assert.equal(list.status, 0, list.stderr);
    const [header, row] = list.stdout.trimEnd().split('\n');
    assert.match(header ?? '', /^id\s+created \(UTC\)\s+last used\s+status\s+name$/);
    assert.match(row ?? '', /^1\s+\S+ \S+\s+\S+ \S+\s+active\s+Importskript$/);
    assert.doesNotMatch(list.stdout, new RegExp(token));

    const revoke = dateline(['token', 'revoke', '--id', '1'], db);
    assert.equal(revoke.status, 0, revoke.stderr);
    assert.match(revoke.stdout, /revoked API token "Importskript" \(id 1\) of robot@example\.com/);
    assert.match(dateline(['token', 'list', '--email', 'robot@example.com'], db).stdout, /revoked /);
    await withApp(db, async (app) => {
      await request(app).get('/api/v1/articles').set('Authorization', `Bearer ${token}`).expect(401);
    });
  });

  it('when the command line is incomplete or names nobody, then exit 2 or 1 with a message', () => {
    const noName = dateline(['token', 'create', '--email', 'robot@example.com'], db);
    assert.equal(noName.status, 2);
    assert.match(noName.stderr, /needs --name/);
    const blank = dateline(['token', 'create', '--email', 'robot@example.com', '--name', ' '], db);
    assert.equal(blank.status, 2);
    const nobody = dateline(['token', 'create', '--email', 'nobody@example.com', '--name', 'x'], db);
    assert.equal(nobody.status, 1);
    assert.match(nobody.stderr, /no account with email/);
    const badId = dateline(['token', 'revoke', '--id', 'abc'], db);
    assert.equal(badId.status, 2);
    const missing = dateline(['token', 'revoke', '--id', '99'], db);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /No such token/);
  });
});
