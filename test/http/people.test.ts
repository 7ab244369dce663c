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
  await addUser(current.ctx, role);
  const session = await loginAs(current.app, `${role}@example.com`);
  const ids = seedArticle(current.ctx);
  return { ...current, ...session, ...ids };
}
afterEach(() => current?.close());

describe('the speaker register', () => {
  it('when someone is added, then they are listed, found by search and offered in the Q&A form', async () => {
    const { agent, token, articleId } = await setup();
    const res = await agent
      .post('/desk/people')
      .type('form')
      .send({
        name: 'Lena Sjöberg',
        title: 'kassaföreståndare',
        organisation: 'A-kassan Norrsken',
        note: 'Nås via pressjouren.',
        _csrf: await token(),
      })
      .expect(303);
    assert.match(res.headers.location ?? '', /^\/desk\/people\/\d+$/);
    assert.match((await agent.get('/desk/people?q=norrsken')).text, /Lena Sjöberg/);
    assert.doesNotMatch((await agent.get('/desk/people?q=zzz')).text, /Lena Sjöberg/);
    assert.match((await agent.get(`/desk/articles/${articleId}`)).text, /<option value="Lena Sjöberg">/);
  });

  it('when the name is missing or the search is repeated, then 422 / 400', async () => {
    const { agent, token } = await setup();
    const res = await agent
      .post('/desk/people')
      .type('form')
      .send({ name: ' ', title: 'vd', organisation: 'Kept', note: '', _csrf: await token() })
      .expect(422);
    assert.match(res.text, /Give the person a name/);
    assert.match(res.text, /value="Kept"/);
    await agent.get('/desk/people?q=a&q=b').expect(400);
    await agent.get('/desk/people/999').expect(404);
  });

  it('when a person page is opened, then it lists every exchange they appear in', async () => {
    const { agent, ctx } = await setup();
    const karin = ctx.repos.people.findByName('Karin Berg');
    assert.ok(karin);
    const page = await agent.get(`/desk/people/${karin.id}`).expect(200);
    assert.match(page.text, /Appears in \(2\)/);
    assert.match(page.text, /It-attack slår ut a-kassor/);
    assert.match(page.text, /Redan första natten/);
  });

  it('when an entry is edited, then every published exchange shows the new attribution', async () => {
    const { agent, token, ctx, app } = await setup();
    const karin = ctx.repos.people.findByName('Karin Berg');
    await agent
      .post(`/desk/people/${karin?.id}`)
      .type('form')
      .send({
        name: 'Karin Berg',
        title: 'operativ chef',
        organisation: 'Nordhall IT',
        note: '',
        _csrf: await token(),
      })
      .expect(303);
    assert.match(
      (await request(app).get('/articles/it-attack')).text,
      /Karin Berg, operativ chef, Nordhall IT/,
    );
  });

  it('when two entries for the same person are merged, then every exchange keeps its speaker, and the duplicate is gone', async () => {
    const { agent, token, ctx, app, articleId } = await setup();
    const karin = ctx.repos.people.findByName('Karin Berg');
    const dup = ctx.repos.people.insert(
      { name: 'K. Berg', title: '', organisation: '' },
      '2026-12-01T00:00:00.000Z',
    );
    postUpdate(
      ctx,
      actor('editor'),
      articleId,
      {
        ...QA_UPDATE,
        headline: 'Med dubblett',
        blocks: [
          {
            type: 'qa',
            question: 'Fråga?',
            answer: 'Svar från dubbletten.',
            speaker: 'K. Berg',
            asker: null,
          },
        ],
      },
      true,
    );
    await agent
      .post(`/desk/people/${dup.id}/merge`)
      .type('form')
      .send({ into: String(karin?.id), _csrf: await token() })
      .expect(303);
    assert.equal(ctx.repos.people.findById(dup.id), undefined);
    assert.equal(ctx.repos.people.appearances(karin?.id ?? 0).length, 3);
    const page = (await request(app).get('/articles/it-attack')).text;
    assert.match(page, /Svar från dubbletten/);
    assert.doesNotMatch(page, /K\. Berg/);
    const merged = ctx.repos.audit.search({ action: 'person.merged' }, 5);
    assert.equal(merged.length, 1);
  });

  it('when a journalist tries to merge, then 403; merging into itself is a 409', async () => {
    const { agent, token, ctx } = await setup('journalist');
    const karin = ctx.repos.people.findByName('Karin Berg');
    await agent
      .post(`/desk/people/${karin?.id}/merge`)
      .type('form')
      .send({ into: '1', _csrf: await token() })
      .expect(403);
    current?.close();
    const e = await setup('editor');
    const k = e.ctx.repos.people.findByName('Karin Berg');
    await e.agent
      .post(`/desk/people/${k?.id}/merge`)
      .type('form')
      .send({ into: String(k?.id), _csrf: await e.token() })
      .expect(409);
  });
});
