import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ACCESS_TABLE, isStateChanging } from '../../src/http/access-table.js';
import { addUser, csrfFrom, PASSWORD, testApp } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';

// Every state-changing route, tried four ways with a logged-in admin (allowed everywhere by the table):
// no token, another session's token, a cross-site Origin, and Sec-Fetch-Site: cross-site.

describe('CSRF defences on every state-changing route', () => {
  let setup: ReturnType<typeof testApp>;
  let admin: ReturnType<typeof request.agent>;
  let ownToken: string;
  let otherToken: string;
  let articleId: number;
  let updateId: number;

  before(async () => {
    setup = testApp();
    await addUser(setup.ctx, 'admin');
    await addUser(setup.ctx, 'editor');
    ({ articleId, minuteUpdateId: updateId } = seedArticle(setup.ctx));
    const login = async (email: string) => {
      const agent = request.agent(setup.app);
      const page = await agent.get('/login');
      await agent
        .post('/login')
        .type('form')
        .send({ email, password: PASSWORD, _csrf: csrfFrom(page.text) })
        .expect(303);
      return { agent, token: csrfFrom((await agent.get('/desk')).text) };
    };
    ({ agent: admin, token: ownToken } = await login('admin@example.com'));
    ({ token: otherToken } = await login('editor@example.com'));
  });
  after(() => setup.close());

  // The JSON API is left out: it ignores the session cookie altogether (bearer tokens only, see
  // test/http/api-auth.test.ts), so there is no ambient credential for a forged request to ride on.
  const routes = ACCESS_TABLE.filter(
    (rule) => isStateChanging(rule.method) && !rule.path.startsWith('/api/'),
  );
  const concrete = (path: string) =>
    path
      .replace('/desk/articles/:id', `/desk/articles/${articleId}`)
      .replace('/desk/updates/:id', `/desk/updates/${updateId}`)
      .replace('/desk/users/:id', '/desk/users/1');

  const cases: [string, (path: string) => request.Test][] = [
    ['no token', (path) => admin.post(path).type('form').send({ role: 'editor' })],
    [
      "another session's token",
      (path) => admin.post(path).type('form').send({ _csrf: otherToken, role: 'editor' }),
    ],
    [
      'a cross-site Origin',
      (path) =>
        admin
          .post(path)
          .set('Origin', 'https://evil.example')
          .type('form')
          .send({ _csrf: ownToken, role: 'editor' }),
    ],
    [
      'the opaque Origin "null"',
      (path) => admin.post(path).set('Origin', 'null').type('form').send({ _csrf: ownToken, role: 'editor' }),
    ],
    [
      'Sec-Fetch-Site: cross-site',
      (path) =>
        admin
          .post(path)
          .set('Sec-Fetch-Site', 'cross-site')
          .type('form')
          .send({ _csrf: ownToken, role: 'editor' }),
    ],
  ];

  it('when the table is read, then there are state-changing routes to try', () => {
    assert.ok(routes.length >= 15, `only ${routes.length} state-changing routes`);
  });

  for (const [name, send] of cases) {
    it(`when a request carries ${name}, then every state-changing route answers 403 and logs it`, async () => {
      const before = setup.ctx.repos.audit.search({ action: 'csrf.refused' }, 10_000).length;
      for (const rule of routes) {
        const path = concrete(rule.path);
        const res = await send(path);
        assert.equal(res.status, 403, `${rule.method} ${path} with ${name}: got ${res.status}`);
      }
      const after = setup.ctx.repos.audit.search({ action: 'csrf.refused' }, 10_000).length;
      assert.equal(after - before, routes.length, 'one audit row per refusal');
      // Nothing was changed by any of them.
      assert.equal(setup.ctx.repos.articles.findById(articleId)?.status, 'published');
      assert.ok(setup.ctx.repos.updates.findById(updateId));
    });
  }

  it('when the same request has the right token and a same-site Origin, then it goes through', async () => {
    const host = '127.0.0.1';
    const res = await admin
      .post(`/desk/updates/${updateId}/unpublish`)
      .set('Host', host)
      .set('Origin', `http://${host}`)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ _csrf: ownToken });
    assert.equal(res.status, 303);
  });
});
