import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { lockRemaining, loginLock } from '../../src/domain/throttle.js';
import { addUser, csrfFrom, manualClock, PASSWORD, testApp } from '../helpers/app.js';

type App = ReturnType<typeof testApp>['app'];

/** One login attempt from a fresh browser session; `xff` sets X-Forwarded-For. */
async function attempt(app: App, email: string, password: string, xff?: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const req = agent.post('/login').type('form');
  if (xff) void req.set('X-Forwarded-For', xff);
  return req.send({ email, password, _csrf: csrfFrom(page.text) });
}

describe('lock arithmetic', () => {
  it('when fewer than the limit fall in the window, then no lock', () => {
    assert.equal(lockRemaining([100, 90, 80, 70], 200, 5, 1000), 0);
  });
  it('when the limit is reached, then locked until the oldest counted failure leaves the window', () => {
    assert.equal(lockRemaining([500, 400, 300, 200, 100], 600, 5, 1000), 500);
  });
  it('when 100 failures fell in the hour, then the hourly cap locks', () => {
    const minute = 60_000;
    const failures = Array.from({ length: 100 }, (_, i) => 3_600_000 - i * 20_000 - 16 * minute);
    assert.ok(loginLock(failures, [], 3_600_000) > 0);
  });
});

describe('login throttling', () => {
  it('when an account fails 5 times in 15 minutes, then even the right password gets 429 with Retry-After, until the window passes', async () => {
    const time = manualClock();
    const { app, ctx, close } = testApp(time.clock);
    try {
      await addUser(ctx, 'editor');
      for (let i = 0; i < 5; i += 1) {
        assert.equal((await attempt(app, 'editor@example.com', `wrong password ${i}`)).status, 401);
        time.advance(60_000);
      }
      const locked = await attempt(app, 'editor@example.com', PASSWORD);
      assert.equal(locked.status, 429);
      const retry = Number(locked.headers['retry-after']);
      assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
      assert.match(locked.text, /Too many failed attempts/);
      assert.ok(ctx.repos.audit.search({ action: 'auth.locked' }, 10).length >= 1, 'the lockout is audited');
      time.advance(retry * 1000);
      assert.equal((await attempt(app, 'editor@example.com', PASSWORD)).status, 303);
    } finally {
      close();
    }
  });

  it('when an unknown email fails 5 times, then it locks exactly like a real one (no oracle)', async () => {
    const time = manualClock();
    const { app, close } = testApp(time.clock);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push((await attempt(app, 'ghost@example.com', 'whatever it is', `10.0.0.${i}`)).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    } finally {
      close();
    }
  });

  it('when one IP fails 5 times across accounts, then that IP is locked for everyone it tries', async () => {
    const time = manualClock();
    const { app, ctx, close } = testApp(time.clock);
    try {
      await addUser(ctx, 'editor');
      for (let i = 0; i < 5; i += 1) await attempt(app, `someone${i}@example.com`, 'wrong password here');
      assert.equal((await attempt(app, 'editor@example.com', PASSWORD)).status, 429);
    } finally {
      close();
    }
  });

  it('when X-Forwarded-For varies but trust proxy is off, then it does not dodge the IP lock', async () => {
    const { app, ctx, close } = testApp(manualClock().clock);
    try {
      await addUser(ctx, 'editor');
      for (let i = 0; i < 5; i += 1)
        await attempt(app, `someone${i}@example.com`, 'wrong password', `203.0.113.${i}`);
      assert.equal((await attempt(app, 'editor@example.com', PASSWORD, '198.51.100.7')).status, 429);
    } finally {
      close();
    }
  });

  it('when DATELINE_TRUST_PROXY names the proxy, then X-Forwarded-For is the client and locks are per client', async () => {
    const { app, ctx, close } = testApp(manualClock().clock, { DATELINE_TRUST_PROXY: 'loopback' });
    try {
      await addUser(ctx, 'editor');
      for (let i = 0; i < 5; i += 1)
        await attempt(app, `someone${i}@example.com`, 'wrong password', '203.0.113.9');
      assert.equal((await attempt(app, 'editor@example.com', PASSWORD, '203.0.113.9')).status, 429);
      assert.equal((await attempt(app, 'editor@example.com', PASSWORD, '198.51.100.7')).status, 303);
      const failures = ctx.repos.audit
        .search({ action: 'auth.login' }, 20)
        .filter((e) => e.outcome === 'failed');
      assert.ok(
        failures.every((e) => e.ip === '203.0.113.9'),
        'the audit log records the client address',
      );
    } finally {
      close();
    }
  });

  it('when the right password follows fewer than 5 failures, then it logs in and the count starts again', async () => {
    const time = manualClock();
    const { app, ctx, close } = testApp(time.clock);
    try {
      await addUser(ctx, 'editor');
      for (let i = 0; i < 4; i += 1)
        await attempt(app, 'editor@example.com', 'wrong password', `10.1.0.${i}`);
      assert.equal((await attempt(app, 'editor@example.com', PASSWORD, '10.1.1.1')).status, 303);
      assert.equal(ctx.repos.loginFailures.forEmail('editor@example.com', 0).length, 0);
    } finally {
      close();
    }
  });
});
