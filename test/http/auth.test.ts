import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { addUser, csrfFrom, loginAs, PASSWORD, testApp } from '../helpers/app.js';

let current: ReturnType<typeof testApp> | undefined;
function setup() {
  current = testApp();
  return current;
}
afterEach(() => current?.close());

function sessionCookie(res: request.Response): string | undefined {
  const cookies = res.headers['set-cookie'] as unknown as string[] | undefined;
  return cookies?.find((c) => c.startsWith('dateline.sid='))?.split(';')[0];
}

describe('login', () => {
  it('when logged out, then /desk pages redirect to the login page and back', async () => {
    const { app } = setup();
    const res = await request(app).get('/desk/articles/new').expect(303);
    assert.equal(res.headers.location, '/login?next=%2Fdesk%2Farticles%2Fnew');
  });

  it('when the password is right, then 303 to the desk with a new session id and HttpOnly, SameSite cookie', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const agent = request.agent(app);
    const page = await agent.get('/login').expect(200);
    const before = sessionCookie(page);
    const res = await agent
      .post('/login')
      .type('form')
      .send({
        email: 'EDITOR@example.com',
        password: PASSWORD,
        _csrf: csrfFrom(page.text),
        next: '/desk/articles/new',
      })
      .expect(303);
    assert.equal(res.headers.location, '/desk/articles/new');
    const after = sessionCookie(res);
    assert.ok(after && after !== before, 'the session id is rotated at login');
    const raw = (res.headers['set-cookie'] as unknown as string[]).join(';');
    assert.match(raw, /HttpOnly/);
    assert.match(raw, /SameSite=Lax/);
    await agent.get('/desk').expect(200);
  });

  it('when the email is unknown or the password wrong, then the same 401 answer', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const attempt = async (email: string, password: string) => {
      const agent = request.agent(app);
      const page = await agent.get('/login');
      return agent
        .post('/login')
        .type('form')
        .send({ email, password, _csrf: csrfFrom(page.text) });
    };
    const unknown = await attempt('nobody@example.com', PASSWORD);
    const wrong = await attempt('editor@example.com', 'not the password at all');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    assert.equal(strip(unknown.text), strip(wrong.text));
    const failures = ctx.repos.audit
      .recent(10)
      .filter((e) => e.action === 'auth.login' && e.outcome === 'failed');
    assert.equal(failures.length, 2, 'failed logins are audited');
  });

  it('when the login form has no CSRF token, then 403', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const agent = request.agent(app);
    await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ email: 'editor@example.com', password: PASSWORD })
      .expect(403);
  });

  it('when the next parameter points off-site, then login goes to the desk instead', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({
        email: 'editor@example.com',
        password: PASSWORD,
        _csrf: csrfFrom(page.text),
        next: '//evil.example/',
      })
      .expect(303);
    assert.equal(res.headers.location, '/desk');
  });

  it('when a field is repeated, then 400 and not 500', async () => {
    const { app } = setup();
    const agent = request.agent(app);
    const page = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send(
        `email=a@example.com&email=b@example.com&password=x&_csrf=${encodeURIComponent(csrfFrom(page.text))}`,
      )
      .expect(400);
  });
});

describe('logout', () => {
  it('when logging out, then the server-side session is destroyed', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const { agent, token } = await loginAs(app, 'editor@example.com');
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    await agent.get('/desk').expect(303);
    const sessions = ctx.db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id IS NOT NULL').get() as {
      n: number;
    };
    assert.equal(sessions.n, 0);
  });

  it('when logout has no CSRF token, then 403 and the session stays', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.get('/desk').expect(200);
  });

  it('when a disabled user still has a session, then it ends at once', async () => {
    const { app, ctx } = setup();
    const user = await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    ctx.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(user.id);
    await agent.get('/desk').expect(303);
  });
});
