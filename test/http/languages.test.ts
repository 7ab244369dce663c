import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { postUpdate } from '../../src/services/updates.js';
import { manualClock, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
function setup(...args: Parameters<typeof testApp>) {
  current = testApp(...args);
  return current;
}
afterEach(() => current?.close());

const editor = actor('editor');

/** A published English article with one update. */
function englishStory(ctx: ServiceContext) {
  const created = createArticle(ctx, editor, {
    title: 'Ransomware hits payroll',
    slug: 'payroll',
    summary: 'Salaries are late.',
    tags: [{ slug: 'security', name: 'Security' }],
    locale: 'en',
    timeZone: 'Europe/London',
    live: true,
  });
  assert.ok(created.ok);
  const update = postUpdate(
    ctx,
    editor,
    created.article.id,
    {
      datedAt: '2026-12-08T14:04:00.000Z',
      precision: 'minute',
      headline: 'Systems back',
      blocks: [{ type: 'text', markdown: 'Payroll runs again.' }],
    },
    true,
  ).update;
  setArticleStatus(ctx, editor, created.article.id, 'published');
  return update.id;
}

describe('two languages on every reader page type', () => {
  it('when the front page is asked for without a preference or in English, then its chrome follows; cards follow their article', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    englishStory(ctx);
    const sv = await request(app).get('/').expect(200);
    assert.match(sv.text, /<html lang="sv">/);
    assert.match(sv.text, /<a href="\/search">Sök<\/a>/);
    assert.match(sv.text, /<li class="article-card[^"]*" lang="en">[\s\S]*?Last updated/);
    assert.match(sv.text, /<li class="article-card[^"]*" lang="sv">[\s\S]*?Senast uppdaterad/);
    const en = await request(app).get('/').set('Accept-Language', 'en-US,en;q=0.9,sv;q=0.5').expect(200);
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /<a href="\/">Front page<\/a>/);
    assert.match(en.text, /<a href="\/search">Search<\/a>/);
    assert.match(en.headers.vary ?? '', /Accept-Language/);
    const other = await request(app).get('/').set('Accept-Language', 'de-DE').expect(200);
    assert.match(other.text, /<html lang="sv">/, 'Swedish is the default');
  });

  it("when an article is shown, then its page follows the article's language, whatever the reader prefers", async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const updateId = englishStory(ctx);
    const en = await request(app).get('/articles/payroll').set('Accept-Language', 'sv').expect(200);
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /Newest first/);
    assert.match(en.text, /<a href="\/search">Search<\/a>/);
    const sv = await request(app).get('/articles/it-attack').set('Accept-Language', 'en').expect(200);
    assert.match(sv.text, /<html lang="sv">/);
    assert.match(sv.text, /Nyast först/);
    const update = await request(app).get(`/articles/payroll/updates/${updateId}`).expect(200);
    assert.match(update.text, /Back to the article/);
  });

  it('when a returning reader reads an English article, then the since-marker is in English', async () => {
    const { clock, advance } = manualClock();
    const { app, ctx } = setup(clock);
    englishStory(ctx);
    advance(3_600_000);
    const article = ctx.repos.articles.findBySlug('payroll');
    assert.ok(article);
    postUpdate(
      ctx,
      editor,
      article.id,
      { datedAt: '2026-12-08T15:04:00.000Z', precision: 'minute', headline: 'Later', blocks: [] },
      true,
    );
    const res = await request(app).get('/articles/payroll?since=2026-12-08T14:30:00Z').expect(200);
    assert.match(res.text, /class="badge badge--new">New</);
    assert.match(res.text, /1 new update since 8 December 2026/);
    assert.match(res.text, /Jump to the first unread/);
  });

  it('when search and tag pages are asked for in either language, then they follow the preference', async () => {
    const { app, ctx } = setup();
    englishStory(ctx);
    const sv = await request(app).get('/search?q=payroll').expect(200);
    assert.match(sv.text, /Sök bland artiklarna/);
    const en = await request(app).get('/tags/security').set('Accept-Language', 'en').expect(200);
    assert.match(en.text, /Topic:/);
    const svTag = await request(app).get('/tags/security').expect(200);
    assert.match(svTag.text, /Ämne:/);
  });

  it('when an error page is shown, then it is in English (shared with the desk and the API)', async () => {
    const { app } = setup();
    const res = await request(app).get('/articles/nowhere').set('Accept-Language', 'sv').expect(404);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /Page not found/);
  });
});
