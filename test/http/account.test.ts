import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { addUser, csrfFrom, loginAs, PASSWORD, testApp } from '../helpers/app.js';

let current: ReturnType<typeof testApp> | undefined;
async function setup() {
  current = testApp();
  const user = await addUser(current.ctx, 'journalist');
  const session = await loginAs(current.app, 'journalist@example.com');
  return { ...current, ...session, user };
}
afterEach(() => current?.close());

const NEW_PASSWORD = 'a fresh and long passphrase';

async function loginStatus(app: ReturnType<typeof testApp>['app'], password: string): Promise<number> {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ email: 'journalist@example.com', password, _csrf: csrfFrom(page.text) });
  return res.status;
}

function sessionCookie(res: request.Response): string | undefined {
  const cookies = res.headers['set-cookie'] as unknown as string[] | undefined;
  return cookies?.find((c) => c.startsWith('dateline.sid='))?.split(';')[0];
}

describe('GET /desk/account', () => {
  it('when logged in, then it shows my name, email and role and a change-password form', async () => {
    const { agent } = await setup();
    const res = await agent.get('/desk/account').expect(200);
    assert.match(res.text, /Test journalist/);
    assert.match(res.text, /journalist@example\.com/);
    assert.match(res.text, /<dd>journalist<\/dd>/);
    for (const name of ['current', 'password', 'confirm']) {
      assert.match(res.text, new RegExp(`<label for="${name}">`));
      assert.match(res.text, new RegExp(`name="${name}" type="password"`));
    }
    assert.match(res.text, /href="\/desk\/account"/, 'the nav links to My account');
    assert.doesNotMatch(res.text, /href="\/desk\/users"/, 'journalists have no Users link');
    assert.doesNotMatch(res.text, /has been changed/);
  });

  it('when logged out, then 303 to the login page', async () => {
    const { app } = await setup();
    const res = await request(app).get('/desk/account').expect(303);
    assert.equal(res.headers.location, '/login?next=%2Fdesk%2Faccount');
  });
});

describe('POST /desk/account/password', () => {
  it('when the current password is right, then it changes, the session id rotates and the old password stops working', async () => {
    const { agent, token, app, ctx } = await setup();
    const res = await agent
      .post('/desk/account/password')
      .type('form')
      .send({ current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD, _csrf: await token() })
      .expect(303);
    assert.equal(res.headers.location, '/desk/account?changed=1');
    const page = await agent.get(res.headers.location).expect(200);
    assert.match(page.text, /Your password has been changed/);
    assert.ok(!page.text.includes(NEW_PASSWORD));
    await agent.get('/desk').expect(200);
    assert.equal(await loginStatus(app, PASSWORD), 401);
    assert.equal(await loginStatus(app, NEW_PASSWORD), 303);
    const audited = ctx.repos.audit.recent(10).filter((e) => e.action === 'user.password_changed');
    assert.deepEqual(
      audited.map((e) => e.outcome),
      ['ok'],
    );
  });

  it('when the old session cookie is replayed after a change, then it is no longer logged in', async () => {
    const { agent, token, app } = await setup();
    const before = sessionCookie(await agent.get('/desk'));
    assert.ok(before);
    await agent
      .post('/desk/account/password')
      .type('form')
      .send({ current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD, _csrf: await token() })
      .expect(303);
    await request(app).get('/desk').set('Cookie', before).expect(303);
  });

  it('when the current password is wrong, then 422, audited as failed, and nothing is echoed', async () => {
    const { agent, token, app, ctx } = await setup();
    const res = await agent
      .post('/desk/account/password')
      .type('form')
      .send({
        current: 'wrong current password',
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
        _csrf: await token(),
      })
      .expect(422);
    assert.match(res.text, /The current password is not right/);
    assert.match(res.text, /aria-invalid="true" aria-describedby="current-error"/);
    assert.ok(!res.text.includes('wrong current password'));
    assert.ok(!res.text.includes(NEW_PASSWORD));
    const failed = ctx.repos.audit
      .recent(10)
      .filter((e) => e.action === 'user.password_changed' && e.outcome === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(await loginStatus(app, PASSWORD), 303, 'the old password still works');
  });

  it('when the new password is shorter than 12 characters, then 422 with a length error', async () => {
    const { agent, token, app } = await setup();
    const res = await agent
      .post('/desk/account/password')
      .type('form')
      .send({ current: PASSWORD, password: 'elevenchars', confirm: 'elevenchars', _csrf: await token() })
      .expect(422);
    assert.match(res.text, /The password must be 12 to 256 characters/);
    assert.ok(!res.text.includes('elevenchars'));
    assert.equal(await loginStatus(app, PASSWORD), 303);
  });

  it('when the confirmation differs, then 422 with a confirm error and nothing changes', async () => {
    const { agent, token, app } = await setup();
    const res = await agent
      .post('/desk/account/password')
      .type('form')
      .send({ current: PASSWORD, password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!`, _csrf: await token() })
      .expect(422);
    assert.match(res.text, /The two new passwords are not the same/);
    assert.match(res.text, /id="confirm-error"/);
    assert.equal(await loginStatus(app, NEW_PASSWORD), 401);
  });

  it('when a field is repeated or the CSRF token is missing, then 400 or 403', async () => {
    const { agent, token } = await setup();
    const csrf = encodeURIComponent(await token());
    await agent
      .post('/desk/account/password')
      .type('form')
      .send(`current=a&current=b&password=x&confirm=x&_csrf=${csrf}`)
      .expect(400);
    await agent
      .post('/desk/account/password')
      .type('form')
      .send({ current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD })
      .expect(403);
  });
});
