import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
async function setup(role: 'journalist' | 'editor' | 'admin' = 'editor') {
  current = testApp();
  await addUser(current.ctx, role);
  const session = await loginAs(current.app, `${role}@example.com`);
  return { ...current, ...session };
}
afterEach(() => current?.close());

const VALID = {
  title: 'Strömavbrott i Örebro',
  slug: '',
  summary: 'Tiotusen hushåll utan el.',
  tags: 'El, Örebro',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  live: 'on',
};

describe('GET /desk', () => {
  it('when logged in, then the dashboard lists my drafts and live stories', async () => {
    const { agent, ctx } = await setup();
    seedArticle(ctx, { slug: 'live-one' });
    const res = await agent.get('/desk').expect(200);
    assert.match(res.text, /Live stories/);
    assert.match(res.text, /It-attack slår ut a-kassor/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });
});

describe('POST /desk/articles', () => {
  it('when the form is valid, then the article is created with a derived slug and 303 to its live desk', async () => {
    const { agent, token, ctx } = await setup('journalist');
    const res = await agent
      .post('/desk/articles')
      .type('form')
      .send({ ...VALID, _csrf: await token() })
      .expect(303);
    const article = ctx.repos.articles.findBySlug('stromavbrott-i-orebro');
    assert.ok(article);
    assert.equal(res.headers.location, `/desk/articles/${article.id}`);
    assert.deepEqual(article.tags, ['El', 'Örebro']);
    assert.equal(article.status, 'draft');
    await agent.get(res.headers.location).expect(200);
  });

  it('when the title is missing, then 422 with a field error and the other values kept', async () => {
    const { agent, token } = await setup();
    const res = await agent
      .post('/desk/articles')
      .type('form')
      .send({
        ...VALID,
        title: '',
        summary: 'Min <b>sammanfattning</b> som inte får försvinna',
        _csrf: await token(),
      })
      .expect(422);
    assert.match(res.text, /Give the article a title/);
    assert.match(res.text, /Min &lt;b&gt;sammanfattning&lt;\/b&gt; som inte får försvinna/);
    assert.match(res.text, /aria-invalid="true"/);
  });

  it('when the slug is taken, then 422 with a slug error', async () => {
    const { agent, token, ctx } = await setup();
    seedArticle(ctx, { slug: 'taken' });
    const res = await agent
      .post('/desk/articles')
      .type('form')
      .send({ ...VALID, slug: 'taken', _csrf: await token() })
      .expect(422);
    assert.match(res.text, /Another article already uses this slug/);
  });

  it('when the CSRF token is missing or wrong, then 403 and nothing is created', async () => {
    const { agent, ctx } = await setup();
    await agent.post('/desk/articles').type('form').send(VALID).expect(403);
    await agent
      .post('/desk/articles')
      .type('form')
      .send({ ...VALID, _csrf: 'forged' })
      .expect(403);
    assert.equal(ctx.repos.articles.listAll().length, 0);
  });

  it('when a field is sent twice, then 400', async () => {
    const { agent, token } = await setup();
    const csrf = encodeURIComponent(await token());
    await agent
      .post('/desk/articles')
      .type('form')
      .send(`title=a&title=b&locale=sv&timeZone=UTC&_csrf=${csrf}`)
      .expect(400);
  });

  it('when the body is larger than the limit, then 413', async () => {
    const { agent, token } = await setup();
    await agent
      .post('/desk/articles')
      .type('form')
      .send({ ...VALID, summary: 'x'.repeat(600_000), _csrf: await token() })
      .expect(413);
  });
});

describe('editing an article', () => {
  it('when the edit form is saved with the current version, then the change is stored', async () => {
    const { agent, token, ctx } = await setup();
    const { articleId } = seedArticle(ctx);
    const page = await agent.get(`/desk/articles/${articleId}/edit`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
    await agent
      .post(`/desk/articles/${articleId}/edit`)
      .type('form')
      .send({ ...VALID, slug: 'it-attack', title: 'Ny rubrik', version, _csrf: await token() })
      .expect(303);
    assert.equal(ctx.repos.articles.findById(articleId)?.title, 'Ny rubrik');
  });

  it('when a stale version is saved, then 409 and the user’s text is kept', async () => {
    const { agent, token, ctx } = await setup();
    const { articleId } = seedArticle(ctx);
    const res = await agent
      .post(`/desk/articles/${articleId}/edit`)
      .type('form')
      .send({ ...VALID, title: 'Min egen rubrik', version: '1', _csrf: await token() })
      .expect(409);
    assert.match(res.text, /Someone else saved this article/);
    assert.match(res.text, /value="Min egen rubrik"/);
    assert.equal(ctx.repos.articles.findById(articleId)?.title, 'It-attack slår ut a-kassor');
  });

  it('when the article does not exist, then 404', async () => {
    const { agent } = await setup();
    await agent.get('/desk/articles/999/edit').expect(404);
    await agent.get('/desk/articles/abc').expect(404);
  });

  it('when the edit form is invalid, then 422', async () => {
    const { agent, token, ctx } = await setup();
    const { articleId } = seedArticle(ctx);
    const version = String(ctx.repos.articles.findById(articleId)?.version);
    await agent
      .post(`/desk/articles/${articleId}/edit`)
      .type('form')
      .send({ ...VALID, timeZone: 'Nowhere/Land', version, _csrf: await token() })
      .expect(422);
  });
});

describe('publishing an article', () => {
  it('when an editor publishes and unpublishes, then readers see it and then do not', async () => {
    const { agent, token, ctx, app } = await setup('editor');
    const { articleId } = seedArticle(ctx, { publish: false });
    await agent
      .post(`/desk/articles/${articleId}/publish`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    assert.equal(ctx.repos.articles.findById(articleId)?.status, 'published');
    const { default: request } = await import('supertest');
    await request(app).get('/articles/it-attack').expect(200);
    await agent
      .post(`/desk/articles/${articleId}/unpublish`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(303);
    await request(app).get('/articles/it-attack').expect(404);
  });

  it('when a journalist tries to publish, then 403 and it stays a draft', async () => {
    const { agent, token, ctx } = await setup('journalist');
    const { articleId } = seedArticle(ctx, { publish: false });
    await agent
      .post(`/desk/articles/${articleId}/publish`)
      .type('form')
      .send({ _csrf: await token() })
      .expect(403);
    assert.equal(ctx.repos.articles.findById(articleId)?.status, 'draft');
  });
});
