import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { postUpdate } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
function setup() {
  current = testApp();
  return current;
}
afterEach(() => current?.close());

/** No inline script or style may appear in a page (the CSP would block it anyway). */
function assertNoInlineCode(html: string) {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)/i);
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /<style/i);
}

describe('GET /healthz', () => {
  it('when the database answers, then ok', async () => {
    const { app } = setup();
    const res = await request(app).get('/healthz').expect(200);
    assert.deepEqual(res.body, { status: 'ok' });
  });
});

describe('GET /', () => {
  it('when articles are published, then the front page lists live ones first and hides drafts', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx, { slug: 'live-story' });
    seedArticle(ctx, { slug: 'secret-draft', publish: false });
    const res = await request(app).get('/').expect(200);
    assert.match(res.text, /href="\/articles\/live-story"/);
    assert.doesNotMatch(res.text, /secret-draft/);
    assert.match(res.text, /badge--live/);
    assert.match(res.headers['cache-control'] ?? '', /public/);
    assertNoInlineCode(res.text);
  });

  it('when the page number is not a number or repeated, then 400; past the end, 404', async () => {
    const { app } = setup();
    await request(app).get('/?page=abc').expect(400);
    await request(app).get('/?page=1&page=2').expect(400);
    await request(app).get('/?page=5').expect(404);
  });

  it('when there are more articles than fit a page, then a second page exists', async () => {
    const { app, ctx } = setup();
    for (let i = 0; i < 21; i += 1) seedArticle(ctx, { slug: `story-${i}` });
    const first = await request(app).get('/').expect(200);
    assert.match(first.text, /href="\/\?page=2"/);
    const second = await request(app).get('/?page=2').expect(200);
    assert.equal((second.text.match(/<li class="article-card/g) ?? []).length, 1);
  });
});

describe('GET /articles/:slug', () => {
  it('when published, then title, byline, date headings, times, Q&A and quote render in Swedish style', async () => {
    const { app, ctx } = setup();
    const editor = await addUser(ctx, 'editor');
    seedArticle(ctx, { authorId: editor.id });
    const res = await request(app).get('/articles/it-attack').expect(200);
    assert.match(res.text, /<html lang="sv">/);
    assert.match(res.text, /<h1 id="story-title">It-attack slår ut a-kassor<\/h1>/);
    assert.match(res.text, /class="day__heading"[^>]*>8 december</);
    assert.match(res.text, /class="day__heading"[^>]*>2 december</);
    assert.match(res.text, /kl\. 15\.04/);
    assert.match(res.text, /<dt class="qa__question">[\s\S]*När förstod ni hur allvarligt det var\?/);
    assert.match(res.text, /<dd class="qa__answer">[\s\S]*– Redan första natten\./);
    assert.equal((res.text.match(/class="qa__speaker"/g) ?? []).length, 1, 'speaker named once per run');
    assert.match(res.text, /<blockquote>\s*<p>Vi ber våra kunder om ursäkt\.<\/p>/);
    assert.match(res.text, /<figcaption>Pressmeddelande från Nordhall IT<\/figcaption>/);
    assert.match(res.text, /id="update-\d+"/);
    assert.match(res.text, /class="story__byline">Av Test editor</);
    assert.match(res.text, /href="\/articles\/it-attack\/updates\/\d+"/);
    assert.match(res.headers['content-security-policy'] ?? '', /script-src 'self'/);
    assertNoInlineCode(res.text);
  });

  it('when ?order=oldest, then the oldest update comes first; a bad order is a 400', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const newest = (await request(app).get('/articles/it-attack').expect(200)).text;
    const oldest = (await request(app).get('/articles/it-attack?order=oldest').expect(200)).text;
    assert.ok(newest.indexOf('8 december') < newest.indexOf('2 december'));
    assert.ok(oldest.indexOf('2 december') < oldest.indexOf('8 december'));
    await request(app).get('/articles/it-attack?order=sideways').expect(400);
  });

  it('when the article is a draft, then readers and unassigned staff get 404 and its journalists see it marked', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx, { publish: false });
    const res = await request(app).get('/articles/it-attack').expect(404);
    assert.match(res.text, /Page not found/);
    const journalist = await addUser(ctx, 'journalist');
    const { agent } = await loginAs(app, 'journalist@example.com');
    await agent.get('/articles/it-attack').expect(404);
    const { articleId } = { articleId: ctx.repos.articles.findBySlug('it-attack')?.id ?? 0 };
    ctx.repos.articles.setMembers(articleId, [journalist.id], '2026-12-01T00:00:00.000Z');
    const staff = await agent.get('/articles/it-attack').expect(200);
    assert.match(staff.text, /badge--draft/);
    assert.equal(staff.headers['cache-control'], 'private, no-store');
  });

  it('when an update is unpublished, then readers do not see it and staff see it marked', async () => {
    const { app, ctx } = setup();
    const { articleId } = seedArticle(ctx);
    postUpdate(ctx, actor('editor'), articleId, { ...QA_UPDATE, headline: 'Hemlig rubrik' }, false);
    const res = await request(app).get('/articles/it-attack').expect(200);
    assert.doesNotMatch(res.text, /Hemlig rubrik/);
    await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    const staff = await agent.get('/articles/it-attack').expect(200);
    assert.match(staff.text, /Hemlig rubrik/);
    assert.match(staff.text, /update--draft/);
  });

  it("when staff read an article, then its page links to the desk in their language; a reader's does not", async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const reader = await request(app).get('/articles/it-attack').expect(200);
    assert.doesNotMatch(reader.text, /href="\/desk"/);
    const editor = await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    const english = await agent.get('/articles/it-attack').expect(200);
    assert.match(english.text, /<li><a href="\/desk">Desk<\/a><\/li>/);
    ctx.repos.users.setLocale(editor.id, 'sv', new Date().toISOString());
    const swedish = await agent.get('/articles/it-attack').expect(200);
    assert.match(swedish.text, /<li><a href="\/desk">Redaktionen<\/a><\/li>/);
  });

  it('when the slug does not exist, then a styled 404', async () => {
    const { app } = setup();
    const res = await request(app).get('/articles/nothing-here').expect(404);
    assert.match(res.text, /site\.css/);
  });
});

describe('GET /articles/:slug/updates/:id', () => {
  it('when the update is published, then it has its own page', async () => {
    const { app, ctx } = setup();
    const { minuteUpdateId } = seedArticle(ctx);
    const res = await request(app).get(`/articles/it-attack/updates/${minuteUpdateId}`).expect(200);
    assert.match(res.text, /Systemen är tillbaka/);
    assert.match(res.text, /href="\/articles\/it-attack#update-\d+"/);
    assertNoInlineCode(res.text);
  });

  it('when the id is not a number, belongs to another article or is a draft, then 404', async () => {
    const { app, ctx } = setup();
    const { minuteUpdateId, articleId } = seedArticle(ctx);
    seedArticle(ctx, { slug: 'other' });
    const draft = postUpdate(ctx, actor('editor'), articleId, QA_UPDATE, false).update;
    await request(app).get('/articles/it-attack/updates/abc').expect(404);
    await request(app).get(`/articles/other/updates/${minuteUpdateId}`).expect(404);
    await request(app).get(`/articles/it-attack/updates/${draft.id}`).expect(404);
  });
});

describe('static files and unknown routes', () => {
  it('when the stylesheet is requested, then it is served as CSS', async () => {
    const { app } = setup();
    const res = await request(app).get('/static/css/site.css').expect(200);
    assert.match(res.headers['content-type'] ?? '', /text\/css/);
  });

  it('when a route does not exist, then a styled 404 page', async () => {
    const { app } = setup();
    const res = await request(app).get('/no/such/page').expect(404);
    assert.match(res.text, /There is nothing at this address/);
  });
});

describe('the error page', () => {
  it('when something unexpected breaks, then a plain 500 page without details in production', async () => {
    const { ctx } = setup();
    const { createApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config.js');
    const config = loadConfig({ NODE_ENV: 'production', DATELINE_SESSION_SECRET: 's'.repeat(40) }, () => '');
    const app = createApp({ db: ctx.db, config });
    ctx.db.exec('DROP TABLE article_tags');
    const res = await request(app).get('/').expect(500);
    assert.match(res.text, /Something went wrong/);
    assert.doesNotMatch(res.text, /article_tags|SqliteError|at /);
    app.close();
  });
});
