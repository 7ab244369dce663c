import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { ACCESS_TABLE, isStateChanging } from '../../src/http/access-table.js';
import { setUserDisabled, setUserRole } from '../../src/services/accounts.js';
import { revokeToken } from '../../src/services/tokens.js';
import { loginAs, manualClock } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { apiApp, apiError, send, tokenFor } from './api-helpers.js';

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

async function setup(clock?: () => Date) {
  const t = await apiApp(clock);
  close = t.close;
  return t;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('JSON API authentication', () => {
  it('when a call has no token, then 401 JSON with WWW-Authenticate: Bearer, on every API route', async () => {
    const { app } = await setup();
    const rows = ACCESS_TABLE.filter((rule) => rule.path.startsWith('/api/'));
    assert.ok(rows.length >= 10);
    for (const rule of rows) {
      const res = await send(app, rule.method, rule.path.replace(':id', '1')).send({});
      assert.equal(res.status, 401, `${rule.method} ${rule.path}`);
      assert.match(res.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(apiError(res.body).code, 'unauthorized');
      assert.equal(res.headers['www-authenticate'], 'Bearer');
    }
  });

  it('when the token is malformed, unknown or not a bearer token, then 401 and no user is loaded', async () => {
    const { app } = await setup();
    for (const header of ['Bearer nope', `Bearer dl_${'A'.repeat(43)}`, 'Basic dXNlcjpwYXNz', 'Bearer ']) {
      const res = await request(app).get('/api/v1/articles').set('Authorization', header);
      assert.equal(res.status, 401, header);
      assert.equal(apiError(res.body).code, 'unauthorized');
      assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
    }
  });

  it('when a token is revoked, then its next call is a 401 while the others keep working', async () => {
    const { app, ctx, users, tokens, as } = await setup();
    await as('editor').get('/api/v1/articles').expect(200);
    const own = ctx.repos.tokens.listForUser(users.editor.id)[0];
    assert.ok(own);
    revokeToken(ctx, actor('editor', users.editor.id), own.id);
    const res = await request(app).get('/api/v1/articles').set('Authorization', `Bearer ${tokens.editor}`);
    assert.equal(res.status, 401);
    await as('journalist').get('/api/v1/articles').expect(200);
  });

  it('when the account is disabled, then its tokens stop working; a new role applies at once', async () => {
    const { ctx, users, as } = await setup();
    setUserRole(ctx, actor('admin'), users.journalist.id, 'editor');
    const { articleId } = seedArticle(ctx, { publish: false });
    await as('journalist').post(`/api/v1/articles/${articleId}/publish`).expect(200);
    setUserDisabled(ctx, actor('admin'), users.journalist.id, true);
    await as('journalist').get('/api/v1/articles').expect(401);
  });

  it('when only a session cookie (and a valid CSRF token) is sent, then the API treats the call as anonymous', async () => {
    const { app, ctx } = await setup();
    const { articleId } = seedArticle(ctx, { publish: false });
    const { agent, token: csrfToken } = await loginAs(app, 'admin@example.com');
    const token = await csrfToken();
    const read = await agent.get('/api/v1/articles');
    assert.equal(read.status, 401);
    assert.equal(read.headers['set-cookie'], undefined, 'no session is touched or sent on the API');
    for (const rule of ACCESS_TABLE.filter((r) => r.path.startsWith('/api/') && isStateChanging(r.method))) {
      const path = rule.path.replace(':id', String(articleId));
      const res = await send(agent, rule.method, path)
        .set('X-CSRF-Token', token)
        .send({ _csrf: token, title: 'Via cookie', version: 1, updateIds: [] });
      assert.equal(res.status, 401, `${rule.method} ${path}`);
    }
    assert.equal(ctx.repos.articles.findById(articleId)?.status, 'draft');
    assert.equal(ctx.repos.articles.listAll().length, 1, 'nothing was created');
  });

  it('when a token-authenticated call comes with a cross-site Origin, then CSRF checks do not apply to it', async () => {
    const { as } = await setup();
    const res = await as('editor')
      .post('/api/v1/articles')
      .set('Origin', 'https://elsewhere.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ title: 'Från ett skript' });
    assert.equal(res.status, 201);
  });
});

describe('API tokens at rest', () => {
  it('when a token is created, then only its SHA-256 is stored and the raw token is nowhere in the database', async () => {
    const { ctx, tokens, users } = await setup();
    const row = ctx.db
      .prepare('SELECT token_hash FROM api_tokens WHERE user_id = ?')
      .get(users.editor.id) as { token_hash: string };
    assert.equal(row.token_hash, sha256(tokens.editor));
    assert.match(tokens.editor, /^dl_[A-Za-z0-9_-]{43}$/);
    const tables = ctx.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables) {
      if (name.includes('fts')) continue;
      const dump = JSON.stringify(ctx.db.prepare(`SELECT * FROM "${name}"`).all());
      for (const token of Object.values(tokens)) {
        assert.ok(!dump.includes(token), `the raw token is in ${name}`);
        assert.ok(!dump.includes(token.slice(3)), `the token's secret part is in ${name}`);
      }
    }
  });

  it('when a token is used, then last_used_at is recorded, and written again only after a minute', async () => {
    const time = manualClock('2026-12-08T14:04:00.000Z');
    const { ctx, users, as } = await setup(time.clock);
    const lastUsed = () => ctx.repos.tokens.listForUser(users.editor.id)[0]?.lastUsedAt;
    assert.equal(lastUsed(), null);
    await as('editor').get('/api/v1/articles').expect(200);
    assert.equal(lastUsed(), '2026-12-08T14:04:00.000Z');
    time.advance(30_000);
    await as('editor').get('/api/v1/articles').expect(200);
    assert.equal(lastUsed(), '2026-12-08T14:04:00.000Z', 'not rewritten within the minute');
    time.advance(31_000);
    await as('editor').get('/api/v1/articles').expect(200);
    assert.equal(lastUsed(), '2026-12-08T14:05:01.000Z');
  });

  it('when tokens are created and revoked, then both are in the audit log without the secret', async () => {
    const { ctx, users } = await setup();
    const secret = tokenFor(ctx, users.journalist.id, 'importer');
    const own = ctx.repos.tokens.listForUser(users.journalist.id).find((t) => t.name === 'importer');
    assert.ok(own);
    revokeToken(ctx, actor('journalist', users.journalist.id), own.id);
    const created = ctx.repos.audit.search({ action: 'token.created' }, 10);
    const revoked = ctx.repos.audit.search({ action: 'token.revoked' }, 10);
    assert.equal(created.length, 4);
    assert.equal(revoked.length, 1);
    assert.equal(revoked[0]?.targetId, String(own.id));
    assert.ok(!JSON.stringify([...created, ...revoked]).includes(secret));
  });
});

describe('JSON API errors', () => {
  it('when the body is not JSON, then 415; malformed JSON or a non-object is a 400', async () => {
    const { as } = await setup();
    const text = await as('editor').post('/api/v1/articles').type('text/plain').send('title=x');
    assert.equal(text.status, 415);
    assert.equal(apiError(text.body).code, 'unsupported_media_type');
    const form = await as('editor').post('/api/v1/articles').type('form').send({ title: 'x' });
    assert.equal(form.status, 415);
    const broken = await as('editor').post('/api/v1/articles').type('application/json').send('{"title": ');
    assert.equal(broken.status, 400);
    assert.equal(apiError(broken.body).code, 'bad_request');
    const array = await as('editor').post('/api/v1/articles').type('application/json').send('[1, 2]');
    assert.equal(array.status, 400);
    const scalar = await as('editor').post('/api/v1/articles').type('application/json').send('"x"');
    assert.equal(scalar.status, 400);
  });

  it('when the body is over 1 MB, then 413 too_large and nothing is created', async () => {
    const { ctx, as } = await setup();
    const res = await as('editor')
      .post('/api/v1/articles')
      .send({ title: 'Stor', summary: 'x'.repeat(1_100_000) });
    assert.equal(res.status, 413);
    assert.equal(apiError(res.body).code, 'too_large');
    assert.equal(ctx.repos.articles.listAll().length, 0);
  });

  it('when a query parameter is repeated or malformed, then 400, never 500', async () => {
    const { as } = await setup();
    for (const query of ['page=1&page=2', 'page=abc', 'page=0', 'page=-1']) {
      const res = await as('editor').get(`/api/v1/articles?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(apiError(res.body).code, 'bad_request');
    }
  });

  it('when an API address does not exist, then 404 not_found as JSON', async () => {
    const { as } = await setup();
    for (const path of ['/api/v1/nothing', '/api/v1/articles/abc', '/api/v1/articles/99999']) {
      const res = await as('editor').get(path);
      assert.equal(res.status, 404, path);
      assert.equal(apiError(res.body).code, 'not_found');
    }
  });

  it('when a journalist calls an editors-only route, then 403 forbidden as JSON, audited', async () => {
    const { ctx, as, users } = await setup();
    const { articleId } = seedArticle(ctx, { publish: false });
    const res = await as('journalist').post(`/api/v1/articles/${articleId}/publish`);
    assert.equal(res.status, 403);
    assert.equal(apiError(res.body).code, 'forbidden');
    const denied = ctx.repos.audit.search({ action: 'access.denied' }, 10);
    assert.equal(denied[0]?.actorId, users.journalist.id);
    assert.equal(ctx.repos.articles.findById(articleId)?.status, 'draft');
  });

  it('when the API answers, then it is not cached', async () => {
    const { as } = await setup();
    const res = await as('editor').get('/api/v1/articles').expect(200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });
});
