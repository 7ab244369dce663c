import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import type { Role } from '../../src/domain/types.js';
import { addUser, csrfFrom, loginAs, PASSWORD, testApp } from '../helpers/app.js';

let current: ReturnType<typeof testApp> | undefined;
async function setup(clock?: () => Date) {
  current = testApp(clock);
  const admin = await addUser(current.ctx, 'admin');
  const session = await loginAs(current.app, 'admin@example.com');
  return { ...current, ...session, admin };
}
afterEach(() => current?.close());

type App = ReturnType<typeof testApp>['app'];

/** Tries to log in with any password; the agent is logged in when the status is 303. */
async function login(app: App, email: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ email, password, _csrf: csrfFrom(page.text) });
  return { agent, status: res.status };
}

/** Posts a desk form as the given agent with a fresh CSRF token, expecting `status`. */
async function post(
  session: { agent: request.Agent; token: (path?: string) => Promise<string> },
  path: string,
  status: number,
  body: Record<string, string> = {},
) {
  return session.agent
    .post(path)
    .type('form')
    .send({ ...body, _csrf: await session.token() })
    .expect(status);
}

describe('GET /desk/users', () => {
  it('when an admin opens the list, then every account has role, disable and reset forms with CSRF and labels', async () => {
    const { agent, ctx } = await setup();
    const journalist = await addUser(ctx, 'journalist');
    const res = await agent.get('/desk/users').expect(200);
    assert.match(res.text, /journalist@example\.com/);
    assert.match(res.text, /Test journalist/);
    assert.match(res.text, new RegExp(`action="/desk/users/${journalist.id}/role"`));
    assert.match(res.text, new RegExp(`action="/desk/users/${journalist.id}/disable"`));
    assert.match(res.text, new RegExp(`action="/desk/users/${journalist.id}/reset-password"`));
    assert.match(
      res.text,
      /<label for="role-\d+" class="visually-hidden">Role of journalist@example\.com<\/label>/,
    );
    assert.match(res.text, /Disable<span class="visually-hidden"> journalist@example\.com<\/span>/);
    assert.match(res.text, /Reset password<span class="visually-hidden"> of journalist@example\.com<\/span>/);
    const forms = res.text.match(/<form method="post"/g)?.length ?? 0;
    const tokens = res.text.match(/name="_csrf" value="[^"]+"/g)?.length ?? 0;
    assert.equal(forms, tokens, 'every form carries the CSRF token');
    assert.match(res.text, /href="\/desk\/audit"/, 'admins see the audit log in the nav');
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });

  it('when a journalist or an editor calls admin routes, then 403 and nothing changes', async () => {
    const { ctx, app } = await setup();
    const target = await addUser(ctx, 'journalist', 'target@example.com');
    for (const role of ['journalist', 'editor'] as const) {
      await addUser(ctx, role);
      const session = await loginAs(app, `${role}@example.com`);
      await session.agent.get('/desk/users').expect(403);
      await session.agent.get('/desk/audit').expect(403);
      await post(session, `/desk/users/${target.id}/disable`, 403);
      await post(session, `/desk/users/${target.id}/role`, 403, { role: 'admin' });
      const desk = await session.agent.get('/desk').expect(200);
      assert.doesNotMatch(desk.text, /href="\/desk\/users"/, 'no Users link for non-admins');
    }
    assert.equal(ctx.repos.users.findById(target.id)?.disabled, false);
    assert.equal(ctx.repos.users.findById(target.id)?.role, 'journalist');
  });
});

describe('creating an account', () => {
  it('when an admin creates a journalist, then 303 to the list and the journalist can log in', async () => {
    const session = await setup();
    await session.agent.get('/desk/users/new').expect(200);
    const res = await post(session, '/desk/users', 303, {
      email: ' New.Reporter@Example.com ',
      displayName: 'Nora Reporter',
      role: 'journalist',
      password: 'a brand new long password',
    });
    assert.equal(res.headers.location, '/desk/users?done=created');
    const created = session.ctx.repos.users.findByEmail('new.reporter@example.com');
    assert.equal(created?.role, 'journalist');
    const list = await session.agent.get(res.headers.location).expect(200);
    assert.match(list.text, /The account was created/);
    const odd = await session.agent.get('/desk/users?done=constructor').expect(200);
    assert.doesNotMatch(odd.text, /alert--ok/, 'only known notices are shown');
    assert.match(list.text, /Nora Reporter/);
    const { agent, status } = await login(
      session.app,
      'new.reporter@example.com',
      'a brand new long password',
    );
    assert.equal(status, 303);
    await agent.get('/desk').expect(200);
    await agent.get('/desk/users').expect(403);
  });

  it('when the form is invalid, then 422 with field errors, the values kept and the password not echoed', async () => {
    const session = await setup();
    const res = await post(session, '/desk/users', 422, {
      email: 'not-an-email',
      displayName: 'Kept <Name>',
      role: 'boss',
      password: 'short pw',
    });
    assert.match(res.text, /Give a valid email address/);
    assert.match(res.text, /Choose journalist, editor or admin/);
    assert.match(res.text, /The password must be 12 to 256 characters/);
    assert.match(res.text, /value="not-an-email"/);
    assert.match(res.text, /value="Kept &lt;Name&gt;"/);
    assert.doesNotMatch(res.text, /short pw/);
    assert.equal(session.ctx.repos.users.count(), 1);
  });

  it('when the email is taken, then 422 with an email error', async () => {
    const session = await setup();
    await addUser(session.ctx, 'editor');
    const res = await post(session, '/desk/users', 422, {
      email: 'editor@example.com',
      displayName: '',
      role: 'editor',
      password: 'another long password',
    });
    assert.match(res.text, /An account with this email already exists/);
    assert.doesNotMatch(res.text, /another long password/);
  });
});

describe('disabling and enabling', () => {
  it('when an account is disabled, then its session ends at once and it cannot log in until re-enabled', async () => {
    const session = await setup();
    const journalist = await addUser(session.ctx, 'journalist');
    const theirs = await loginAs(session.app, 'journalist@example.com');
    await theirs.agent.get('/desk').expect(200);

    const res = await post(session, `/desk/users/${journalist.id}/disable`, 303);
    assert.equal(res.headers.location, '/desk/users?done=disabled');
    const next = await theirs.agent.get('/desk').expect(303);
    assert.match(next.headers.location ?? '', /^\/login/);
    assert.equal((await login(session.app, 'journalist@example.com', PASSWORD)).status, 401);
    const list = await session.agent.get('/desk/users').expect(200);
    assert.match(list.text, /Disabled/);

    await post(session, `/desk/users/${journalist.id}/enable`, 303);
    const again = await login(session.app, 'journalist@example.com', PASSWORD);
    assert.equal(again.status, 303);
    await again.agent.get('/desk').expect(200);
  });

  it('when the last admin is disabled, then 409 with the reason and the admin stays active', async () => {
    const session = await setup();
    const res = await post(session, `/desk/users/${session.admin.id}/disable`, 409);
    assert.match(res.text, /The last admin cannot be disabled or demoted/);
    assert.match(res.text, /role="alert"/);
    assert.match(res.text, /admin@example\.com/, 'the list is shown again');
    assert.equal(session.ctx.repos.users.findById(session.admin.id)?.disabled, false);
    await session.agent.get('/desk/users').expect(200);
  });

  it('when the id is garbage or unknown, then 404', async () => {
    const session = await setup();
    await post(session, '/desk/users/abc/disable', 404);
    await post(session, '/desk/users/999/disable', 404);
    await post(session, '/desk/users/999/enable', 404);
  });
});

describe('changing a role', () => {
  it('when an editor is made a journalist, then their sessions end and the new role applies', async () => {
    const session = await setup();
    const editor = await addUser(session.ctx, 'editor');
    const theirs = await loginAs(session.app, 'editor@example.com');
    const res = await post(session, `/desk/users/${editor.id}/role`, 303, { role: 'journalist' });
    assert.equal(res.headers.location, '/desk/users?done=role');
    assert.equal(session.ctx.repos.users.findById(editor.id)?.role, 'journalist');
    await theirs.agent.get('/desk').expect(303);
    const audited = session.ctx.repos.audit.recent(5).find((e) => e.action === 'user.role_changed');
    assert.deepEqual(JSON.parse(audited?.detail ?? '{}'), { from: 'editor', to: 'journalist' });
  });

  it('when the last admin is demoted, then 409 and they are still admin', async () => {
    const session = await setup();
    const res = await post(session, `/desk/users/${session.admin.id}/role`, 409, { role: 'editor' });
    assert.match(res.text, /The last admin cannot be disabled or demoted/);
    assert.equal(session.ctx.repos.users.findById(session.admin.id)?.role, 'admin');
    await session.agent.get('/desk/users').expect(200);
  });

  it('when an admin demotes themselves while another admin exists, then their own session ends too', async () => {
    // A moving clock: the session changes on every request, as in production.
    const session = await setup(() => new Date());
    await addUser(session.ctx, 'admin', 'second-admin@example.com');
    const res = await post(session, `/desk/users/${session.admin.id}/role`, 303, { role: 'editor' });
    assert.match(res.headers.location ?? '', /^\/login/);
    await session.agent.get('/desk').expect(303);
    const sessions = session.ctx.db
      .prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?')
      .get(session.admin.id) as { n: number };
    assert.equal(sessions.n, 0);
  });

  it('when the role is unknown or repeated, then 400 and nothing changes', async () => {
    const session = await setup();
    const editor = await addUser(session.ctx, 'editor');
    await post(session, `/desk/users/${editor.id}/role`, 400, { role: 'overlord' });
    await post(session, `/desk/users/${editor.id}/role`, 400);
    const csrf = encodeURIComponent(await session.token());
    await session.agent
      .post(`/desk/users/${editor.id}/role`)
      .type('form')
      .send(`role=admin&role=journalist&_csrf=${csrf}`)
      .expect(400);
    assert.equal(session.ctx.repos.users.findById(editor.id)?.role, 'editor' satisfies Role);
  });
});

describe('resetting a password', () => {
  it('when an admin resets a password, then it is shown once, the old one stops working and the new one works', async () => {
    const session = await setup();
    const journalist = await addUser(session.ctx, 'journalist');
    const theirs = await loginAs(session.app, 'journalist@example.com');
    const res = await post(session, `/desk/users/${journalist.id}/reset-password`, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const password = /<code id="new-password">([^<]+)<\/code>/.exec(res.text)?.[1];
    assert.ok(password && password.length >= 12, 'a generated password is shown');
    assert.match(res.text, /only this once/);
    await theirs.agent.get('/desk').expect(303);

    assert.equal((await login(session.app, 'journalist@example.com', PASSWORD)).status, 401);
    assert.equal((await login(session.app, 'journalist@example.com', password)).status, 303);
    const list = await session.agent.get('/desk/users').expect(200);
    assert.ok(!list.text.includes(password), 'the password is not shown again');
    const stored = session.ctx.db.prepare('SELECT * FROM audit_log').all();
    assert.ok(!JSON.stringify(stored).includes(password), 'the password is not in the audit log');
  });

  it('when the account does not exist, then 404', async () => {
    const session = await setup();
    await post(session, '/desk/users/999/reset-password', 404);
    await post(session, '/desk/users/0/reset-password', 404);
  });
});
