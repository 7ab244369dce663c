import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { deleteUpdate } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { listen, openStream } from '../helpers/sse.js';

let cleanup: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The seeded published article with its minute update removed by an editor; logged in as `role`. */
async function setup(role: 'journalist' | 'editor' | 'admin') {
  const t = testApp(() => new Date());
  cleanup = () => {
    t.close();
  };
  const journalist = await addUser(t.ctx, 'journalist');
  const editor = await addUser(t.ctx, 'editor');
  await addUser(t.ctx, 'admin');
  const ids = seedArticle(t.ctx, { authorId: editor.id });
  t.ctx.repos.articles.setMembers(ids.articleId, [journalist.id], '2026-12-01T00:00:00.000Z');
  deleteUpdate(t.ctx, actor('editor', editor.id), ids.minuteUpdateId);
  const session = await loginAs(t.app, `${role}@example.com`);
  const post = async (path: string, body: Record<string, string> = {}) =>
    session.agent
      .post(path)
      .type('form')
      .send({ ...body, _csrf: await session.token() });
  return { ...t, ...ids, ...session, post };
}

describe('removed updates', () => {
  it('when an update was removed, then readers lose it and the article history lists it for editors with a Restore button', async () => {
    const { app, agent, articleId, minuteUpdateId } = await setup('editor');
    assert.doesNotMatch((await request(app).get('/articles/it-attack')).text, /Systemen är tillbaka/);
    const history = await agent.get(`/desk/articles/${articleId}/history`).expect(200);
    assert.match(history.text, /Removed updates \(1\)/);
    assert.match(history.text, /Systemen är tillbaka[\s\S]*removed [\s\S]*by Test editor/);
    assert.match(history.text, new RegExp(`action="/desk/updates/${minuteUpdateId}/undelete"`));
    assert.doesNotMatch(history.text, /\/purge"/, 'purging is for admins');
    assert.match(history.text, /badge--kind-delete/);
  });

  it('when a journalist looks, then the removed update is listed without buttons, and restoring it is 403', async () => {
    const { agent, post, articleId, minuteUpdateId, ctx } = await setup('journalist');
    const history = await agent.get(`/desk/articles/${articleId}/history`).expect(200);
    assert.match(history.text, /Systemen är tillbaka/);
    assert.match(history.text, /An editor can restore them/);
    assert.doesNotMatch(history.text, /\/undelete"/);
    assert.equal((await post(`/desk/updates/${minuteUpdateId}/undelete`)).status, 403);
    assert.equal(ctx.repos.updates.findById(minuteUpdateId), undefined);
  });

  it('when an editor restores it, then readers get it back, with a revision, an update.restored event and an audit row', async () => {
    const { app, post, ctx, articleId, minuteUpdateId } = await setup('editor');
    const server = await listen(app);
    const close = cleanup;
    cleanup = async () => {
      await server.stop();
      await close?.();
    };
    const stream = await openStream(`${server.base}/articles/it-attack/events`);
    const res = await post(`/desk/updates/${minuteUpdateId}/undelete`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/desk/articles/${articleId}#update-${minuteUpdateId}`);
    assert.match((await request(app).get('/articles/it-attack')).text, /Systemen är tillbaka/);

    const frame = await stream.next(3000);
    stream.close();
    assert.equal(frame?.event, 'update.restored');
    const data = JSON.parse(frame?.data ?? '{}') as { updateId: number; html: string };
    assert.equal(data.updateId, minuteUpdateId);
    assert.match(data.html, /Systemen är tillbaka/, 'open pages get the update’s HTML');

    const revision = ctx.repos.revisions.listForArticle(articleId).at(-1);
    assert.equal(revision?.kind, 'status');
    assert.equal(revision?.note, 'Restored after removal');
    const [audit] = ctx.repos.audit.search({ action: 'update.restored' }, 1);
    assert.equal(audit?.targetId, String(minuteUpdateId));
    assert.equal(
      (await post(`/desk/updates/${minuteUpdateId}/undelete`)).status,
      409,
      'not removed any more',
    );
  });
});

describe('purging a removed update', () => {
  it('when an editor purges, then 403 and nothing is deleted', async () => {
    const { post, ctx, minuteUpdateId } = await setup('editor');
    assert.equal((await post(`/desk/updates/${minuteUpdateId}/purge`, { reason: 'Fel' })).status, 403);
    assert.ok(ctx.repos.updates.findWithDeleted(minuteUpdateId));
  });

  it('when an admin purges without a reason, then 422 on the history page and nothing is deleted', async () => {
    const { post, ctx, minuteUpdateId } = await setup('admin');
    const res = await post(`/desk/updates/${minuteUpdateId}/purge`, { reason: '   ' });
    assert.equal(res.status, 422);
    assert.match(res.text, /Give the reason for purging this update/);
    assert.match(res.text, /aria-invalid="true"/);
    assert.ok(ctx.repos.updates.findWithDeleted(minuteUpdateId));
    const long = await post(`/desk/updates/${minuteUpdateId}/purge`, { reason: 'x'.repeat(501) });
    assert.equal(long.status, 422);
  });

  it('when an admin purges with a reason, then the update and its blocks go, its revisions stay, and the reason is audited', async () => {
    const { post, ctx, articleId, minuteUpdateId } = await setup('admin');
    const revisions = ctx.repos.revisions
      .listForArticle(articleId)
      .filter((r) => r.updateId === minuteUpdateId);
    const articleRevision = ctx.repos.revisions.latestId(articleId, null);
    assert.ok(articleRevision !== null, 'the article has revisions of its own');
    const res = await post(`/desk/updates/${minuteUpdateId}/purge`, { reason: 'Namn på ett brottsoffer' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/desk/articles/${articleId}/history`);
    assert.equal(ctx.repos.updates.findWithDeleted(minuteUpdateId), undefined);
    const blocks = ctx.db.prepare('SELECT count(*) AS n FROM blocks WHERE update_id = ?').get(minuteUpdateId);
    assert.deepEqual(blocks, { n: 0 });
    const kept = ctx.repos.revisions
      .listForArticle(articleId)
      .filter((r) => revisions.some((o) => o.id === r.id));
    assert.equal(kept.length, revisions.length, 'revisions keep their snapshots');
    assert.ok(kept.every((r) => r.updateId === null));
    assert.deepEqual(
      kept.map((r) => r.snapshot),
      revisions.map((r) => r.snapshot),
    );
    assert.equal(
      ctx.repos.revisions.latestId(articleId, null),
      articleRevision,
      'a purged update’s revisions are not taken for the article’s own',
    );
    const [audit] = ctx.repos.audit.search({ action: 'update.purged' }, 1);
    assert.equal(audit?.outcome, 'ok');
    assert.match(audit?.detail ?? '', /Namn på ett brottsoffer/);
  });

  it('when an admin purges an update that was not removed, then 409: remove it first', async () => {
    const { post, ctx, dayUpdateId } = await setup('admin');
    const res = await post(`/desk/updates/${dayUpdateId}/purge`, { reason: 'Städning' });
    assert.equal(res.status, 409);
    assert.match(res.text, /remove it first/);
    assert.ok(ctx.repos.updates.findById(dayUpdateId));
  });
});
