import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { loginAs } from '../helpers/app.js';
import { apiApp, tokenFor } from './api-helpers.js';

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

async function setup() {
  const t = await apiApp();
  close = t.close;
  return t;
}

const TOKEN_IN_PAGE = /<code id="new-token">(dl_[A-Za-z0-9_-]{43})<\/code>/;

describe('the desk’s API tokens page', () => {
  it('when a journalist creates a token, then it is shown once, works on the API and is listed without the secret', async () => {
    const { app, ctx } = await setup();
    const { agent, token: csrf } = await loginAs(app, 'journalist@example.com');
    const created = await agent
      .post('/desk/tokens')
      .type('form')
      .send({ name: 'Transkriberaren', _csrf: await csrf('/desk/tokens') });
    assert.equal(created.status, 201);
    assert.equal(created.headers['cache-control'], 'private, no-store');
    const secret = TOKEN_IN_PAGE.exec(created.text)?.[1];
    assert.ok(secret, 'the new token is on the page');
    assert.match(created.text, /only this once/);
    const stored = ctx.db
      .prepare('SELECT token_hash FROM api_tokens WHERE name = ?')
      .get('Transkriberaren') as {
      token_hash: string;
    };
    assert.equal(stored.token_hash, createHash('sha256').update(secret).digest('hex'));
    await request(app).get('/api/v1/articles').set('Authorization', `Bearer ${secret}`).expect(200);

    const list = await agent.get('/desk/tokens').expect(200);
    assert.match(list.text, /Transkriberaren/);
    assert.doesNotMatch(list.text, new RegExp(secret));
    assert.doesNotMatch(list.text, /new-token/);
    assert.match(list.text, /href="\/desk\/tokens"/, 'the desk navigation links to the page');
  });

  it('when the name is empty or too long, then 422 with the field error and no token', async () => {
    const { app, ctx, users } = await setup();
    const { agent, token: csrf } = await loginAs(app, 'journalist@example.com');
    for (const name of ['  ', 'x'.repeat(101)]) {
      const res = await agent
        .post('/desk/tokens')
        .type('form')
        .send({ name, _csrf: await csrf('/desk/tokens') });
      assert.equal(res.status, 422);
      assert.match(res.text, /id="name-error"/);
      assert.doesNotMatch(res.text, /new-token/);
    }
    assert.equal(ctx.repos.tokens.listForUser(users.journalist.id).length, 1, 'only the fixture token');
  });

  it('when a token is revoked on the page, then the API refuses it and the list says revoked', async () => {
    const { app, ctx, users, tokens } = await setup();
    const { agent, token: csrf } = await loginAs(app, 'editor@example.com');
    const own = ctx.repos.tokens.listForUser(users.editor.id)[0];
    assert.ok(own);
    const res = await agent
      .post(`/desk/tokens/${own.id}/revoke`)
      .type('form')
      .send({ _csrf: await csrf('/desk/tokens') });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/desk/tokens?done=revoked');
    await request(app).get('/api/v1/articles').set('Authorization', `Bearer ${tokens.editor}`).expect(401);
    const list = await agent.get('/desk/tokens?done=revoked').expect(200);
    assert.match(list.text, /Revoked 20/);
    assert.match(list.text, /The token was revoked/);
  });

  it('when someone revokes another account’s token, then 404; an admin sees and revokes every token', async () => {
    const { app, ctx, users, tokens } = await setup();
    const theirs = ctx.repos.tokens.listForUser(users.editor.id)[0];
    assert.ok(theirs);
    tokenFor(ctx, users.journalist.id, 'Journalistens skript');
    const journalist = await loginAs(app, 'journalist@example.com');
    const refused = await journalist.agent
      .post(`/desk/tokens/${theirs.id}/revoke`)
      .type('form')
      .send({ _csrf: await journalist.token('/desk/tokens') });
    assert.equal(refused.status, 404);
    const page = await journalist.agent.get('/desk/tokens').expect(200);
    assert.match(page.text, /Journalistens skript/);
    assert.doesNotMatch(page.text, /editor@example\.com/, 'a journalist sees only their own tokens');
    await request(app).get('/api/v1/articles').set('Authorization', `Bearer ${tokens.editor}`).expect(200);

    const admin = await loginAs(app, 'admin@example.com');
    const all = await admin.agent.get('/desk/tokens').expect(200);
    assert.match(all.text, /editor@example\.com/);
    assert.match(all.text, /Journalistens skript/);
    await admin.agent
      .post(`/desk/tokens/${theirs.id}/revoke`)
      .type('form')
      .send({ _csrf: await admin.token('/desk/tokens') })
      .expect(303);
    await request(app).get('/api/v1/articles').set('Authorization', `Bearer ${tokens.editor}`).expect(401);
  });

  it('when the token form is posted without a CSRF token, then 403 and nothing is created', async () => {
    const { app, ctx, users } = await setup();
    const { agent } = await loginAs(app, 'journalist@example.com');
    await agent.post('/desk/tokens').type('form').send({ name: 'Utan token' }).expect(403);
    assert.equal(ctx.repos.tokens.listForUser(users.journalist.id).length, 1);
  });
});
