import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { postUpdate } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
async function setup(role: 'journalist' | 'editor' = 'editor') {
  current = testApp();
  const user = await addUser(current.ctx, role);
  const session = await loginAs(current.app, `${role}@example.com`);
  const ids = seedArticle(current.ctx);
  // Journalists work on the articles they are assigned to.
  current.ctx.repos.articles.setMembers(ids.articleId, [user.id], '2026-12-01T00:00:00.000Z');
  return { ...current, ...session, ...ids, user };
}
afterEach(() => current?.close());

const COMPOSED = {
  date: '2026-12-09',
  time: '09:30',
  headline: 'Polisen utreder',
  'blocks.0.type': 'text',
  'blocks.0.markdown': 'Polisen har inlett en **förundersökning**.',
  'blocks.1.type': 'qa',
  'blocks.1.question': 'Vet ni vem som ligger bakom?',
  'blocks.1.answer': 'Det kan vi inte kommentera.',
  'blocks.1.speaker': 'Anna Lind',
  'blocks.2.type': 'quote',
  'blocks.2.text': 'Vi tar detta på största allvar.',
  'blocks.2.source': 'Polismyndigheten',
};

describe('the live desk composer', () => {
  it('when an editor publishes an update, then readers see it at once with its blocks', async () => {
    const { agent, token, app, articleId, ctx } = await setup('editor');
    const res = await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, action: 'publish', _csrf: await token() })
      .expect(303);
    assert.match(res.headers.location ?? '', new RegExp(`^/desk/articles/${articleId}#update-\\d+$`));
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, /Polisen utreder/);
    assert.match(page.text, /<strong>förundersökning<\/strong>/);
    assert.match(page.text, /Anna Lind/);
    assert.match(page.text, /Polismyndigheten/);
    assert.match(page.text, /kl\. 9\.30/);
    assert.ok(ctx.repos.people.findByName('Anna Lind'), 'a new speaker joins the register');
  });

  it('when a journalist saves a draft, then readers do not see it; publishing is refused with 403', async () => {
    const { agent, token, app, articleId, ctx } = await setup('journalist');
    await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, action: 'save', _csrf: await token() })
      .expect(303);
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.doesNotMatch(page.text, /Polisen utreder/);
    const before = ctx.repos.updates.listForArticle(articleId, true).length;
    await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, action: 'publish', _csrf: await token() })
      .expect(403);
    assert.equal(ctx.repos.updates.listForArticle(articleId, true).length, before);
    const denied = ctx.repos.audit.search({ action: 'access.denied' }, 5);
    assert.match(denied[0]?.detail ?? '', /Only editors can publish updates/, 'the refusal is audited');
  });

  it('when a block is added, then the form comes back with the typed text and a new empty block', async () => {
    const { agent, token, articleId } = await setup();
    const res = await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, action: 'add:qa', _csrf: await token() })
      .expect(200);
    assert.match(res.text, /Polisen har inlett en \*\*förundersökning\*\*\./);
    assert.match(res.text, /name="blocks\.3\.question"/);
  });

  it('when the update is invalid, then 422 keeps every word and marks the fields', async () => {
    const { agent, token, articleId, ctx } = await setup();
    const before = ctx.repos.updates.listForArticle(articleId, true).length;
    const res = await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, date: 'igår', 'blocks.1.answer': '', action: 'publish', _csrf: await token() })
      .expect(422);
    assert.match(res.text, /Give a valid date/);
    assert.match(res.text, /Write the answer/);
    assert.match(res.text, /Vet ni vem som ligger bakom\?/);
    assert.match(res.text, /Vi tar detta på största allvar\./);
    assert.equal(ctx.repos.updates.listForArticle(articleId, true).length, before);
  });

  it('when the action or a block type is unknown, then 400', async () => {
    const { agent, token, articleId } = await setup();
    await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, action: 'explode', _csrf: await token() })
      .expect(400);
    await agent
      .post(`/desk/articles/${articleId}/updates`)
      .type('form')
      .send({ ...COMPOSED, 'blocks.0.type': 'video', action: 'save', _csrf: await token() })
      .expect(400);
  });
});

describe('editing an update', () => {
  it('when saved with the current version, then the page shows the edit and an "Uppdaterad" note', async () => {
    const { agent, token, app, minuteUpdateId } = await setup();
    const form = await agent.get(`/desk/updates/${minuteUpdateId}/edit`).expect(200);
    assert.match(form.text, /När förstod ni hur allvarligt det var\?/);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1];
    await agent
      .post(`/desk/updates/${minuteUpdateId}/edit`)
      .type('form')
      .send({ ...COMPOSED, headline: 'Rättad rubrik', version, action: 'save', _csrf: await token() })
      .expect(303);
    const page = await request(app).get('/articles/it-attack').expect(200);
    assert.match(page.text, /Rättad rubrik/);
    assert.match(page.text, /Uppdaterad kl\. \d{1,2}\.\d{2}/);
  });

  it('when someone saved in between, then 409 keeps the user’s text', async () => {
    const { agent, token, minuteUpdateId, ctx } = await setup();
    const version = String(ctx.repos.updates.findById(minuteUpdateId)?.version);
    const res = await agent
      .post(`/desk/updates/${minuteUpdateId}/edit`)
      .type('form')
      .send({
        ...COMPOSED,
        headline: 'Min version',
        version: String(Number(version) - 1),
        action: 'save',
        _csrf: await token(),
      })
      .expect(409);
    assert.match(res.text, /Someone else saved this update/);
    // Side by side: the user's form (their words kept), then the stored version, read-only.
    assert.match(res.text, /value="Min version"[\s\S]*The version now stored[\s\S]*Systemen är tillbaka/);
    assert.equal(ctx.repos.updates.findById(minuteUpdateId)?.headline, QA_UPDATE.headline);
  });

  it('when the edit is invalid, then 422; an unknown update is 404', async () => {
    const { agent, token, minuteUpdateId, ctx } = await setup();
    const version = String(ctx.repos.updates.findById(minuteUpdateId)?.version);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/edit`)
      .type('form')
      .send({ ...COMPOSED, 'blocks.1.answer': '', version, action: 'save', _csrf: await token() })
      .expect(422);
    await agent.get('/desk/updates/9999/edit').expect(404);
  });
});

describe('publishing, moving and deleting updates', () => {
  it('when an editor unpublishes and republishes an update, then readers lose and regain it', async () => {
    const { agent, token, app, minuteUpdateId } = await setup('editor');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/unpublish`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    assert.doesNotMatch((await request(app).get('/articles/it-attack')).text, /Systemen är tillbaka/);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/publish`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    assert.match((await request(app).get('/articles/it-attack')).text, /Systemen är tillbaka/);
  });

  it('when a journalist tries to publish an update, then 403', async () => {
    const { agent, token, minuteUpdateId } = await setup('journalist');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/unpublish`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(403);
  });

  it('when an editor moves the top update down, then the order changes for readers', async () => {
    const { agent, token, app, minuteUpdateId } = await setup('editor');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/move`)
      .type('form')
      .send({ direction: 'down', _csrf: await token() })
      .expect(303);
    const page = (await request(app).get('/articles/it-attack')).text;
    assert.ok(page.indexOf('Attacken upptäcktes') < page.indexOf('Systemen är tillbaka'));
    await agent
      .post(`/desk/updates/${minuteUpdateId}/move`)
      .type('form')
      .send({ direction: 'sideways', _csrf: await token() })
      .expect(400);
  });

  it('when an editor deletes an update, then readers no longer see it and its page is 404', async () => {
    const { agent, token, app, minuteUpdateId } = await setup('editor');
    await agent
      .post(`/desk/updates/${minuteUpdateId}/delete`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    assert.doesNotMatch((await request(app).get('/articles/it-attack')).text, /Systemen är tillbaka/);
    await request(app).get(`/articles/it-attack/updates/${minuteUpdateId}`).expect(404);
  });

  it("when a journalist deletes their own draft, then it goes; someone else's published update is 403", async () => {
    const { agent, token, minuteUpdateId, articleId, ctx, user } = await setup('journalist');
    const own = postUpdate(ctx, actor('journalist', user.id), articleId, QA_UPDATE, false).update;
    await agent
      .post(`/desk/updates/${own.id}/delete`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    assert.equal(ctx.repos.updates.findById(own.id), undefined);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/delete`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(403);
    await agent
      .post(`/desk/updates/${minuteUpdateId}/move`)
      .type('form')
      .send({ direction: 'down', _csrf: await token() })
      .expect(403);
    assert.ok(ctx.repos.updates.findById(minuteUpdateId));
  });

  it('when the form has no CSRF token, then 403', async () => {
    const { agent, minuteUpdateId } = await setup('editor');
    await agent.post(`/desk/updates/${minuteUpdateId}/delete`).type('form').send({}).expect(403);
  });
});
