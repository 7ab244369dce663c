import assert from 'node:assert/strict';
import { Algorithm, hash } from '@node-rs/argon2';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { addUser, csrfFrom, loginAs, manualClock, PASSWORD, testApp } from '../helpers/app.js';
import { freshContext } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

const MINUTE = 60_000;

describe('session lifetime', () => {
  it('when a session is idle longer than the limit (1 h), then it ends server-side', async () => {
    const time = manualClock();
    const { app, ctx, close } = testApp(time.clock);
    try {
      await addUser(ctx, 'editor');
      const { agent } = await loginAs(app, 'editor@example.com');
      time.advance(59 * MINUTE);
      await agent.get('/desk').expect(200);
      time.advance(61 * MINUTE);
      await agent.get('/desk').expect(303);
      const rows = ctx.db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id IS NOT NULL').get() as {
        n: number;
      };
      assert.equal(rows.n, 0);
    } finally {
      close();
    }
  });

  it('when a session is kept busy past its absolute lifetime (12 h), then it ends anyway', async () => {
    const time = manualClock();
    const { app, ctx, close } = testApp(time.clock);
    try {
      await addUser(ctx, 'editor');
      const { agent } = await loginAs(app, 'editor@example.com');
      for (let i = 0; i < 24; i += 1) {
        time.advance(30 * MINUTE);
        await agent.get('/desk').expect(200);
      }
      time.advance(30 * MINUTE);
      await agent.get('/desk').expect(303);
    } finally {
      close();
    }
  });

  it('when the limits are configured, then they apply', async () => {
    const time = manualClock();
    const { app, ctx, close } = testApp(time.clock, { DATELINE_SESSION_IDLE_MINUTES: '5' });
    try {
      await addUser(ctx, 'editor');
      const { agent } = await loginAs(app, 'editor@example.com');
      time.advance(6 * MINUTE);
      await agent.get('/desk').expect(303);
    } finally {
      close();
    }
  });

  it("when an admin changes a user's role, then that user's sessions end", async () => {
    const { app, ctx, close } = testApp();
    try {
      const user = await addUser(ctx, 'journalist');
      const { agent } = await loginAs(app, 'journalist@example.com');
      await agent.get('/desk').expect(200);
      const { setUserRole } = await import('../../src/services/accounts.js');
      setUserRole(ctx, { userId: null, label: 'test', role: 'admin', ip: null }, user.id, 'editor');
      await agent.get('/desk').expect(303);
    } finally {
      close();
    }
  });
});

describe('passwords', () => {
  it('when a stored hash has weaker parameters, then it is upgraded at the next login', async () => {
    const { app, ctx, close } = testApp();
    try {
      const user = await addUser(ctx, 'editor');
      const weak = await hash(PASSWORD, {
        algorithm: Algorithm.Argon2id,
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
      });
      ctx.repos.users.setPasswordHash(user.id, weak, '2026-12-01T00:00:00.000Z');
      await loginAs(app, 'editor@example.com');
      const stored = ctx.repos.users.findCredentials('editor@example.com')?.passwordHash ?? '';
      assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    } finally {
      close();
    }
  });

  it('when a password is decomposed Unicode, then the composed form logs in too (NFC)', async () => {
    const { app, ctx, close } = testApp();
    try {
      const { createUser } = await import('../../src/services/accounts.js');
      const composed = 'Smörgåsbord med räkor';
      await createUser(
        ctx,
        { userId: null, label: 't', role: 'admin', ip: null },
        {
          email: 'u@example.com',
          displayName: 'U',
          role: 'editor',
          password: composed.normalize('NFD'),
        },
      );
      const agent = request.agent(app);
      const page = await agent.get('/login');
      await agent
        .post('/login')
        .type('form')
        .send({ email: 'u@example.com', password: composed, _csrf: csrfFrom(page.text) })
        .expect(303);
    } finally {
      close();
    }
  });
});

describe('secrets stay secret', () => {
  it('when people log in, fail, log out and get new passwords, then no password or session id is in the database or the logs', async () => {
    let logs = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const ctx = freshContext(() => new Date());
    const app = createApp({
      db: ctx.db,
      config: loadConfig({}, () => 's'.repeat(40)),
      log: pino({ level: 'trace' }, sink),
    });
    try {
      seedArticle(ctx);
      await addUser(ctx, 'admin');
      const journalist = await addUser(ctx, 'journalist');
      const { agent, token } = await loginAs(app, 'admin@example.com');
      const cookies = (await agent.get('/desk')).request.cookies;
      const page = await request(app).get('/login');
      await request(app)
        .post('/login')
        .type('form')
        .send({ email: 'admin@example.com', password: `${PASSWORD}x`, _csrf: csrfFrom(page.text) });
      const reset = await agent
        .post(`/desk/users/${journalist.id}/reset-password`)
        .type('form')
        .send({ _csrf: await token() });
      const generated = /<code id="new-password">([^<]+)<\/code>/.exec(reset.text)?.[1];
      assert.ok(generated && generated.length >= 20, 'the reset page showed a password');
      await agent
        .post('/logout')
        .type('form')
        .send({ _csrf: await token('/desk/account') });

      const tables = ctx.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all();
      const dump = tables
        .map((t) => JSON.stringify(ctx.db.prepare(`SELECT * FROM "${t.name}"`).all()))
        .join('\n');
      for (const secret of [PASSWORD, `${PASSWORD}x`, generated]) {
        if (!secret) continue;
        assert.ok(!dump.includes(secret), `a password is in the database: ${secret}`);
        assert.ok(!logs.includes(secret), `a password is in the logs: ${secret}`);
      }
      const sid = decodeURIComponent(/dateline\.sid=([^;]+)/.exec(String(cookies))?.[1] ?? '')
        .replace(/^s:/, '')
        .split('.')[0];
      assert.ok(sid && sid.length > 10, 'found the session id');
      assert.ok(!logs.includes(sid), 'the session id is in the logs');
      const audit = JSON.stringify(ctx.db.prepare('SELECT * FROM audit_log').all());
      assert.ok(!audit.includes(sid), 'the session id is in the audit log');
      assert.ok(logs.length > 0, 'the logger was used');
    } finally {
      app.close();
      ctx.db.close();
    }
  });
});
