import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { snapshotInput } from '../../src/domain/snapshots.js';
import type { Actor } from '../../src/domain/types.js';
import type { ServiceContext } from '../../src/services/context.js';
import { deleteUpdate, editUpdate, postUpdate, requireUpdate } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
afterEach(() => current?.close());

/** An app with all three roles, the journalist on the seeded (published) article; logged in as `role`. */
async function setup(role: 'journalist' | 'editor' | 'admin' = 'editor') {
  current = testApp();
  const { ctx, app } = current;
  const users = {
    journalist: await addUser(ctx, 'journalist'),
    editor: await addUser(ctx, 'editor'),
    admin: await addUser(ctx, 'admin'),
  };
  const ids = seedArticle(ctx, { authorId: users.editor.id });
  ctx.repos.articles.setMembers(ids.articleId, [users.journalist.id], '2026-12-01T00:00:00.000Z');
  const session = await loginAs(app, `${role}@example.com`);
  const editor = actor('editor', users.editor.id);
  return { ctx, app, users, editor, ...ids, ...session };
}

/** Edits the update's headline and first block's text as `who`; returns the new revision id. */
function edit(ctx: ServiceContext, who: Actor, id: number, headline: string, markdown: string): number {
  const before = requireUpdate(ctx, id);
  const input = snapshotInput(before);
  input.headline = headline;
  input.blocks[0] = { type: 'text', markdown };
  editUpdate(ctx, who, id, before.version, input);
  return ctx.repos.revisions.latestId(before.articleId, id) ?? 0;
}

describe('history pages', () => {
  it('when an update was edited, then the article and update histories list every revision newest first: who, kind, note', async () => {
    const { agent, ctx, editor, articleId, minuteUpdateId } = await setup('editor');
    const created = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    const edited = edit(
      ctx,
      editor,
      minuteUpdateId,
      'Systemen är uppe',
      'Efter sex dygn fungerar nästan allt.',
    );

    const page = await agent.get(`/desk/articles/${articleId}/history`).expect(200);
    assert.match(page.text, /Every change, newest first/);
    const rows = [...page.text.matchAll(/id="revision-(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(
      rows,
      [...rows].sort((a, b) => b - a),
      'newest first',
    );
    assert.ok(rows.includes(edited) && rows.includes(created ?? 0));
    const row = new RegExp(
      `id="revision-${edited}"[\\s\\S]*?Test editor[\\s\\S]*?Systemen är uppe[\\s\\S]*?badge--kind-edit`,
    );
    assert.match(page.text, row, 'who, what and kind of the edit');
    assert.match(page.text, /Article details/, 'the article’s own revisions too');
    assert.match(
      page.text,
      new RegExp(`/desk/updates/${minuteUpdateId}/diff\\?from=${created}&amp;to=${edited}`),
    );

    const history = await agent.get(`/desk/updates/${minuteUpdateId}/history`).expect(200);
    const own = [...history.text.matchAll(/id="revision-(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(own, [edited, created]);
    assert.match(history.text, new RegExp(`${edited} \\(current\\)`));
    assert.match(history.text, /badge--kind-create/);
  });

  it('when a journalist is not on a published article, then its history is 403; an unknown update is 404', async () => {
    const { agent, ctx, articleId, minuteUpdateId } = await setup('journalist');
    ctx.repos.articles.setMembers(articleId, [], '2026-12-01T00:00:00.000Z');
    await agent.get(`/desk/articles/${articleId}/history`).expect(403);
    await agent.get(`/desk/updates/${minuteUpdateId}/history`).expect(403);
    await agent.get(`/desk/updates/${minuteUpdateId}/diff`).expect(403);
    await agent.get('/desk/updates/9999/history').expect(404);
  });
});

describe('comparing revisions', () => {
  it('when two revisions are compared, then deleted words are <del> and inserted words <ins>, fields too', async () => {
    const { agent, ctx, editor, articleId, minuteUpdateId } = await setup('journalist');
    const from = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    const to = edit(
      ctx,
      editor,
      minuteUpdateId,
      'Systemen är uppe igen',
      'Efter fem dygn fungerar **allt** igen, säger bolaget.',
    );
    const res = await agent.get(`/desk/updates/${minuteUpdateId}/diff?from=${from}&to=${to}`).expect(200);
    assert.match(res.text, /Changes from revision \d+ to revision \d+/);
    assert.match(
      res.text,
      /Efter <del>sex<\/del><ins>fem<\/ins> dygn fungerar \*\*allt\*\* igen<ins>, säger bolaget<\/ins>\./,
    );
    assert.match(res.text, /Systemen är <del>tillbaka<\/del><ins>uppe igen<\/ins>/, 'the headline compared');
    assert.match(
      res.text,
      /Question and answer <span class="badge badge--kind">unchanged/,
      'untouched blocks as blocks',
    );

    // Without from/to: the latest change.
    const latest = await agent.get(`/desk/updates/${minuteUpdateId}/diff`).expect(200);
    assert.match(latest.text, new RegExp(`Changes from revision ${from} to revision ${to}`));
  });

  it('when a block is added in the middle, then only that block is marked added', async () => {
    const { agent, ctx, editor, articleId, minuteUpdateId } = await setup();
    const from = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    const before = requireUpdate(ctx, minuteUpdateId);
    const input = snapshotInput(before);
    input.blocks.splice(1, 0, { type: 'quote', text: 'Vi samarbetar med polisen.', source: 'Nordhall IT' });
    editUpdate(ctx, editor, minuteUpdateId, before.version, input);
    const to = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    const res = await agent.get(`/desk/updates/${minuteUpdateId}/diff?from=${from}&to=${to}`).expect(200);
    const statuses = [...res.text.matchAll(/diff-block--(\w+)/g)].map((m) => m[1]);
    assert.deepEqual(statuses, ['same', 'added', 'same', 'same', 'same']);
    assert.match(res.text, /<ins>Vi samarbetar med polisen\.<\/ins>/);
  });

  it('when a revision belongs to another update or does not exist, then 404; a malformed one is 400', async () => {
    const { agent, ctx, articleId, minuteUpdateId, dayUpdateId } = await setup();
    const mine = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    const other = ctx.repos.revisions.latestId(articleId, dayUpdateId);
    await agent.get(`/desk/updates/${minuteUpdateId}/diff?from=${mine}&to=${other}`).expect(404);
    await agent.get(`/desk/updates/${minuteUpdateId}/diff?from=${mine}&to=99999`).expect(404);
    await agent.get(`/desk/updates/${minuteUpdateId}/diff?from=abc&to=${mine}`).expect(400);
    await agent.get(`/desk/updates/${minuteUpdateId}/diff?from=1&from=2&to=${mine}`).expect(400);
  });
});

describe('restoring a revision', () => {
  it('when an editor restores an old revision, then a new revision is written, the old ones stay and readers see the old text', async () => {
    const { agent, token, app, ctx, editor, articleId, minuteUpdateId } = await setup('editor');
    const original = ctx.repos.revisions.latestId(articleId, minuteUpdateId) ?? 0;
    edit(ctx, editor, minuteUpdateId, 'Fel rubrik', 'Felaktig text som ska bort.');
    const before = ctx.repos.revisions.listForArticle(articleId);
    assert.match((await request(app).get('/articles/it-attack')).text, /Felaktig text som ska bort/);

    const res = await agent
      .post(`/desk/updates/${minuteUpdateId}/restore`)
      .type('form')
      .send({ revision: String(original), _csrf: await token() })
      .expect(303);
    assert.equal(res.headers.location, `/desk/updates/${minuteUpdateId}/history`);

    const after = ctx.repos.revisions.listForArticle(articleId);
    assert.equal(after.length, before.length + 1, 'one new revision');
    assert.deepEqual(after.slice(0, before.length), before, 'the past is never rewritten');
    const restored = after.at(-1);
    assert.equal(restored?.kind, 'edit');
    assert.equal(restored?.note, `Restored revision ${original}`);
    assert.equal(restored?.updateId, minuteUpdateId);

    const page = (await request(app).get('/articles/it-attack')).text;
    assert.doesNotMatch(page, /Felaktig text som ska bort/);
    assert.match(page, /Efter sex dygn fungerar <strong>allt<\/strong> igen\./);
    assert.match(page, /Systemen är tillbaka/);
    const history = await agent.get(`/desk/updates/${minuteUpdateId}/history`).expect(200);
    assert.match(history.text, new RegExp(`Restored revision ${original}`));
  });

  it('when a journalist restores a revision of a published update, then 403; of a draft, it works', async () => {
    const { agent, token, ctx, users, editor, articleId, minuteUpdateId } = await setup('journalist');
    const published = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    edit(ctx, editor, minuteUpdateId, 'Ny rubrik', 'Ny text.');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/restore`)
      .type('form')
      .send({ revision: String(published), _csrf: await token() })
      .expect(403);
    assert.equal(requireUpdate(ctx, minuteUpdateId).headline, 'Ny rubrik');

    const reporter = actor('journalist', users.journalist.id);
    const draft = postUpdate(ctx, reporter, articleId, QA_UPDATE, false).update;
    const first = ctx.repos.revisions.latestId(articleId, draft.id);
    edit(ctx, reporter, draft.id, 'Andra utkastet', 'Omskrivet.');
    await agent
      .post(`/desk/updates/${draft.id}/restore`)
      .type('form')
      .send({ revision: String(first), _csrf: await token() })
      .expect(303);
    assert.equal(requireUpdate(ctx, draft.id).headline, QA_UPDATE.headline);
  });

  it('when the update was removed, the version is stale or the revision is missing, then 409, 409 and 404', async () => {
    const { agent, token, ctx, editor, articleId, minuteUpdateId, dayUpdateId } = await setup('editor');
    const revision = ctx.repos.revisions.latestId(articleId, minuteUpdateId);
    const stale = requireUpdate(ctx, minuteUpdateId).version;
    edit(ctx, editor, minuteUpdateId, 'Ändrad', 'Ändrad text.');
    const send = async (id: number, body: Record<string, string>) =>
      agent
        .post(`/desk/updates/${id}/restore`)
        .type('form')
        .send({ ...body, _csrf: await token() });
    assert.equal(
      (await send(minuteUpdateId, { revision: String(revision), version: String(stale) })).status,
      409,
    );
    assert.equal((await send(minuteUpdateId, { revision: '99999' })).status, 404);
    assert.equal((await send(minuteUpdateId, { revision: 'x' })).status, 400);
    const day = ctx.repos.revisions.latestId(articleId, dayUpdateId);
    deleteUpdate(ctx, editor, dayUpdateId);
    assert.equal((await send(dayUpdateId, { revision: String(day) })).status, 409);
  });
});
