import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import type { AuditInput } from '../../src/db/audit-repo.js';
import { addUser, csrfFrom, loginAs, PASSWORD, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';

let current: ReturnType<typeof testApp> | undefined;
async function setup() {
  current = testApp();
  const admin = await addUser(current.ctx, 'admin');
  const session = await loginAs(current.app, 'admin@example.com');
  return { ...current, ...session, admin };
}
afterEach(() => current?.close());

type Ctx = ReturnType<typeof testApp>['ctx'];

/** Appends an audit row directly, for arranging dates, articles and volume. */
function audit(ctx: Ctx, entry: Partial<AuditInput> = {}) {
  ctx.repos.audit.insert({
    actor: actor('editor'),
    action: 'article.created',
    targetType: 'article',
    targetId: 1,
    outcome: 'ok',
    at: '2026-12-08T12:00:00.000Z',
    ...entry,
  });
}

const rows = (html: string) => html.match(/<tr class="audit-entry">/g)?.length ?? 0;

describe('GET /desk/audit', () => {
  it('when an admin opens it, then entries show newest first with their fields, escaped detail and short hashes', async () => {
    const { agent, ctx } = await setup();
    audit(ctx, { action: 'article.published', articleId: 7, detail: { note: '<script>alert(1)</script>' } });
    const res = await agent.get('/desk/audit').expect(200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const login = res.text.indexOf('<td>auth.login</td>');
    const published = res.text.indexOf('<td>article.published</td>');
    assert.ok(published > 0 && login > published, 'newest first');
    assert.match(res.text, /<time datetime="2026-12-08T12:00:00.000Z">2026-12-08 12:00:00 UTC<\/time>/);
    assert.match(res.text, /href="\/desk\/articles\/7"/);
    assert.match(
      res.text,
      /<code>\{&#34;note&#34;:&#34;&lt;script&gt;alert\(1\)&lt;\/script&gt;&#34;\}<\/code>/,
    );
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.match(res.text, /test-editor/);
    assert.match(res.text, /127\.0\.0\.1/);
    const [entry] = ctx.repos.audit.recent(1);
    assert.ok(entry?.hash);
    assert.ok(res.text.includes(entry.hash.slice(0, 12)), 'the start of the hash is shown');
    assert.ok(!res.text.includes(entry.hash), 'never the full hash');
    assert.match(res.text, /<option value="article.published">article.published<\/option>/);
  });

  it('when filtered by action, then only that action is listed and the filter stays selected', async () => {
    const { agent, ctx } = await setup();
    audit(ctx, { action: 'article.published' });
    audit(ctx, { action: 'article.created' });
    const res = await agent.get('/desk/audit?action=article.published').expect(200);
    assert.equal(rows(res.text), 1);
    assert.match(res.text, /<td>article.published<\/td>/);
    assert.doesNotMatch(res.text, /<td>article.created<\/td>/);
    assert.match(res.text, /<option value="article.published" selected>/);
  });

  it('when filtered by user, then only that user’s entries are listed', async () => {
    const { agent, ctx, admin } = await setup();
    const editor = await addUser(ctx, 'editor');
    audit(ctx, {
      actor: { ...actor('editor', editor.id), label: editor.email },
      action: 'article.published',
    });
    audit(ctx, { action: 'article.created' });
    const mine = await agent.get(`/desk/audit?actorId=${editor.id}`).expect(200);
    assert.equal(rows(mine.text), 1);
    assert.match(mine.text, /<td>article.published<\/td>/);
    const admins = await agent.get(`/desk/audit?actorId=${admin.id}`).expect(200);
    assert.match(admins.text, /<td>auth.login<\/td>/);
    assert.doesNotMatch(admins.text, /<td>article\.(published|created)<\/td>/);
    assert.match(admins.text, new RegExp(`<option value="${admin.id}" selected>`));
  });

  it('when filtered by article and by UTC days, then from is inclusive and to includes its whole day', async () => {
    const { agent, ctx } = await setup();
    audit(ctx, { at: '2026-12-05T23:59:59.999Z', articleId: 3, action: 'update.published' });
    audit(ctx, { at: '2026-12-06T00:00:00.000Z', articleId: 3, action: 'update.edited' });
    audit(ctx, { at: '2026-12-07T23:59:59.999Z', articleId: 3, action: 'update.deleted' });
    audit(ctx, { at: '2026-12-08T00:00:00.000Z', articleId: 3, action: 'update.moved' });
    audit(ctx, { at: '2026-12-06T10:00:00.000Z', articleId: 4, action: 'update.unpublished' });
    const res = await agent
      .get('/desk/audit?actorId=&action=&articleId=3&from=2026-12-06&to=2026-12-07')
      .expect(200);
    assert.equal(rows(res.text), 2);
    assert.match(res.text, /update\.edited<\/td>/);
    assert.match(res.text, /update\.deleted<\/td>/);
    assert.match(res.text, /value="2026-12-06"/);
  });

  it('when there are more than 50 entries, then 50 are shown with an "Older entries" link that keeps the filter', async () => {
    const { agent, ctx } = await setup();
    for (let i = 0; i < 60; i += 1) audit(ctx, { action: 'update.edited', targetId: i });
    const first = await agent.get('/desk/audit?action=update.edited').expect(200);
    assert.equal(rows(first.text), 50);
    const older = /<a href="([^"]+)">Older entries<\/a>/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(older);
    const smallest = Math.min(...[...first.text.matchAll(/>article (\d+)<\/td>/g)].map((m) => Number(m[1])));
    assert.equal(smallest, 10);
    assert.match(older, /action=update\.edited/);
    const second = await agent.get(older).expect(200);
    assert.equal(rows(second.text), 10);
    assert.doesNotMatch(second.text, /Older entries/);
    assert.match(second.text, /href="\/desk\/audit\?action=update.edited">Newest entries/);
  });

  it('when a parameter is garbage, repeated or an unknown action, then 400', async () => {
    const { agent } = await setup();
    for (const query of [
      'actorId=abc',
      'actorId=0',
      'action=auth.login&action=auth.logout',
      'action=no.such.action',
      'articleId=1.5',
      'from=2026-02-30',
      'to=yesterday',
      'beforeId=-1',
    ]) {
      const res = await agent.get(`/desk/audit?${query}`);
      assert.equal(res.status, 400, query);
    }
  });

  it('when an editor asks for it, then 403', async () => {
    const { ctx, app } = await setup();
    await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    await agent.get('/desk/audit').expect(403);
  });

  it('after accounts are created, reset and changed, then no password appears on the page', async () => {
    const { agent, token, ctx, app } = await setup();
    const created = 'created account password';
    await agent
      .post('/desk/users')
      .type('form')
      .send({
        email: 'new@example.com',
        displayName: 'New',
        role: 'editor',
        password: created,
        _csrf: await token(),
      })
      .expect(303);
    const user = ctx.repos.users.findByEmail('new@example.com');
    assert.ok(user);
    const reset = await agent
      .post(`/desk/users/${user.id}/reset-password`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(200);
    const generated = /<code id="new-password">([^<]+)<\/code>/.exec(reset.text)?.[1];
    assert.ok(generated);
    const changed = 'changed own password';
    await agent
      .post('/desk/account/password')
      .type('form')
      .send({ current: PASSWORD, password: changed, confirm: changed, _csrf: await token() })
      .expect(303);
    const outsider = request.agent(app);
    const page = await outsider.get('/login');
    await outsider
      .post('/login')
      .type('form')
      .send({ email: 'new@example.com', password: created, _csrf: csrfFrom(page.text) })
      .expect(401);

    const res = await agent.get('/desk/audit').expect(200);
    for (const action of ['user.created', 'user.password_reset', 'user.password_changed', 'auth.login']) {
      assert.match(res.text, new RegExp(`<td>${action.replace('.', '\\.')}</td>`));
    }
    for (const secret of [PASSWORD, created, generated, changed]) {
      assert.ok(!res.text.includes(secret), `the audit page must not contain "${secret}"`);
    }
  });
});
