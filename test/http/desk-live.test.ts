import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
async function setup(role: 'journalist' | 'editor' = 'editor') {
  current = testApp();
  const user = await addUser(current.ctx, role);
  const session = await loginAs(current.app, `${role}@example.com`);
  const ids = seedArticle(current.ctx);
  current.ctx.repos.articles.setMembers(ids.articleId, [user.id], '2026-12-01T00:00:00.000Z');
  return { ...current, ...session, ...ids, user };
}
afterEach(() => current?.close());

describe('pinning and key events', () => {
  it('when an editor pins an update, then readers see it first, marked, and only one update is pinned', async () => {
    const { agent, token, app, dayUpdateId, minuteUpdateId, ctx } = await setup();
    await agent
      .post(`/desk/updates/${dayUpdateId}/pin`)
      .type('form')
      .send({ pinned: 'on', _csrf: await token() })
      .expect(303);
    let page = (await request(app).get('/articles/it-attack')).text;
    assert.match(
      page,
      /<section class="pinned"[\s\S]*Attacken upptäcktes[\s\S]*<\/section>[\s\S]*Systemen är tillbaka/,
    );
    assert.match(page, /badge--pinned/);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/pin`)
      .type('form')
      .send({ pinned: 'on', _csrf: await token() })
      .expect(303);
    assert.equal(ctx.repos.updates.findById(dayUpdateId)?.pinned, false, 'pinning another unpins the first');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/pin`)
      .type('form')
      .send({ pinned: 'off', _csrf: await token() })
      .expect(303);
    page = (await request(app).get('/articles/it-attack')).text;
    assert.doesNotMatch(page, /<section class="pinned"/);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/pin`)
      .type('form')
      .send({ pinned: 'maybe', _csrf: await token() })
      .expect(400);
  });

  it('when an update is a key event, then the box at the top links to it and ?filter=key shows only key events', async () => {
    const { agent, token, app, minuteUpdateId } = await setup();
    await agent
      .post(`/desk/updates/${minuteUpdateId}/key-event`)
      .type('form')
      .send({ keyEvent: 'on', _csrf: await token() })
      .expect(303);
    const page = (await request(app).get('/articles/it-attack')).text;
    assert.match(
      page,
      new RegExp(
        `<nav class="key-events"[\\s\\S]*href="#update-${minuteUpdateId}"[\\s\\S]*Systemen är tillbaka`,
      ),
    );
    const filtered = (await request(app).get('/articles/it-attack?filter=key')).text;
    assert.match(filtered, /Systemen är tillbaka/);
    assert.doesNotMatch(filtered, /Attacken upptäcktes/);
    await request(app).get('/articles/it-attack?filter=nonsense').expect(400);
  });

  it('when a journalist tries to pin, then 403', async () => {
    const { agent, token, minuteUpdateId } = await setup('journalist');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/pin`)
      .type('form')
      .send({ pinned: 'on', _csrf: await token() })
      .expect(403);
  });
});

describe('reordering', () => {
  it('when the full new order is saved, then readers see the editors’ order; newest and oldest still sort by time', async () => {
    const { agent, token, app, dayUpdateId, minuteUpdateId } = await setup();
    await agent
      .post(`/desk/articles/${current?.ctx.repos.articles.findBySlug('it-attack')?.id}/order`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ order: `${dayUpdateId},${minuteUpdateId}`, _csrf: await token() })
      .expect(200);
    const editors = (await request(app).get('/articles/it-attack')).text;
    assert.ok(editors.indexOf('Attacken upptäcktes') < editors.indexOf('Systemen är tillbaka'));
    const newest = (await request(app).get('/articles/it-attack?order=newest')).text;
    assert.ok(newest.indexOf('Systemen är tillbaka') < newest.indexOf('Attacken upptäcktes'));
  });

  it('when the posted set differs from the article’s updates, then 409 and nothing moves', async () => {
    const { agent, token, articleId, dayUpdateId, ctx } = await setup();
    const before = ctx.repos.updates.positions(articleId);
    await agent
      .post(`/desk/articles/${articleId}/order`)
      .type('form')
      .send({ order: `${dayUpdateId}`, _csrf: await token() })
      .expect(409);
    await agent
      .post(`/desk/articles/${articleId}/order`)
      .type('form')
      .send({ order: 'x,y', _csrf: await token() })
      .expect(400);
    assert.deepEqual(ctx.repos.updates.positions(articleId), before);
  });
});

describe('coverage and journalists publishing', () => {
  it('when an editor ends live coverage, then the LIVE badge is gone and the end time is recorded', async () => {
    const { agent, token, app, articleId, ctx } = await setup();
    await agent
      .post(`/desk/articles/${articleId}/end-coverage`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    const article = ctx.repos.articles.findById(articleId);
    assert.equal(article?.live, false);
    assert.ok(article?.coverageEndedAt);
    assert.doesNotMatch((await request(app).get('/articles/it-attack')).text, /badge--live/);
  });

  it('when the article lets journalists publish, then a journalist on it publishes directly', async () => {
    current = testApp();
    const journalist = await addUser(current.ctx, 'journalist');
    await addUser(current.ctx, 'editor');
    const { articleId } = seedArticle(current.ctx);
    current.ctx.repos.articles.setMembers(articleId, [journalist.id], '2026-12-01T00:00:00.000Z');
    const j = await loginAs(current.app, 'journalist@example.com');
    const form = {
      date: '2026-12-09',
      time: '10:00',
      'blocks.0.type': 'text',
      'blocks.0.markdown': 'Direkt ut.',
      action: 'publish',
    };
    await j.agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...form, _csrf: await j.token() })
      .expect(403);
    const e = await loginAs(current.app, 'editor@example.com');
    await e.agent
      .post(`/desk/articles/${articleId}/settings`)
      .type('form')
      .send({ journalistsPublish: 'on', _csrf: await e.token() })
      .expect(303);
    await j.agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...form, _csrf: await j.token() })
      .expect(303);
    assert.match((await request(current.app).get('/articles/it-attack')).text, /Direkt ut\./);
  });
});
