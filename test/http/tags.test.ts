import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';

let current: ReturnType<typeof testApp> | undefined;
function setup() {
  current = testApp();
  return current;
}
afterEach(() => current?.close());

const slugs = (html: string) => [...html.matchAll(/<a href="\/articles\/([^"/]+)">/g)].map((m) => m[1]);

describe('GET /tags/:tag', () => {
  it('when articles carry the tag, then the tag page lists the published ones, with tag links', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx, { slug: 'one' });
    seedArticle(ctx, { slug: 'draft', publish: false });
    const res = await request(app).get('/tags/it-sakerhet').expect(200);
    assert.match(res.text, /<h1><span class="tag-page__label">Ämne:<\/span> IT-säkerhet<\/h1>/);
    assert.deepEqual(slugs(res.text), ['one']);
    assert.match(res.text, /<a class="tag" href="\/tags\/it-sakerhet">IT-säkerhet<\/a>/);
    assert.match(res.headers['cache-control'] ?? '', /^public/);
  });

  it('when the tag is unknown, malformed or only on drafts, then 404', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx, { publish: false });
    await request(app).get('/tags/it-sakerhet').expect(404);
    await request(app).get('/tags/nothing-here').expect(404);
    await request(app).get('/tags/Bad%20Slug').expect(404);
  });

  it('when more articles carry the tag than fit a page, then it is paginated', async () => {
    const { app, ctx } = setup();
    for (let i = 0; i < 21; i += 1) seedArticle(ctx, { slug: `s-${i}` });
    const first = await request(app).get('/tags/it-sakerhet').expect(200);
    assert.equal(slugs(first.text).length, 20);
    assert.match(first.text, /href="\/tags\/it-sakerhet\?page=2"/);
    const second = await request(app).get('/tags/it-sakerhet?page=2').expect(200);
    assert.equal(slugs(second.text).length, 1);
    await request(app).get('/tags/it-sakerhet?page=3').expect(404);
  });

  it('when an article and the front page are shown, then their tags link to the tag pages', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const article = await request(app).get('/articles/it-attack').expect(200);
    assert.match(
      article.text,
      /class="story__tags">[\s\S]*<a class="tag" href="\/tags\/it-sakerhet">IT-säkerhet<\/a>/,
    );
    const front = await request(app).get('/').expect(200);
    assert.match(
      front.text,
      /class="article-card__tags">[\s\S]*<a class="tag" href="\/tags\/it-sakerhet">IT-säkerhet<\/a>/,
    );
  });

  it('when the reader prefers English, then the tag page is in English', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const res = await request(app).get('/tags/it-sakerhet').set('Accept-Language', 'en').expect(200);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /Topic:/);
  });
});

describe('desk tag management', () => {
  it('when staff open the tag list, then every tag shows its counts; only editors get rename and merge', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'journalist');
    await addUser(ctx, 'editor');
    seedArticle(ctx, { slug: 'a' });
    seedArticle(ctx, { slug: 'b', publish: false });
    const journalist = await loginAs(app, 'journalist@example.com');
    const list = await journalist.agent.get('/desk/tags').expect(200);
    assert.match(
      list.text,
      /<td><a href="\/tags\/it-sakerhet">IT-säkerhet<\/a><\/td>\s*<td>2<\/td>\s*<td>1<\/td>/,
    );
    assert.doesNotMatch(list.text, /\/rename"/);
    const editor = await loginAs(app, 'editor@example.com');
    assert.match(
      (await editor.agent.get('/desk/tags').expect(200)).text,
      /action="\/desk\/tags\/\d+\/rename"/,
    );
  });

  it('when an editor renames a tag, then its address follows, articles get a revision, and it is audited', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const { articleId } = seedArticle(ctx);
    const tag = ctx.repos.tags.findBySlug('it-sakerhet');
    assert.ok(tag);
    const revisions = () =>
      (
        ctx.db.prepare('SELECT count(*) AS n FROM revisions WHERE article_id = ?').get(articleId) as {
          n: number;
        }
      ).n;
    const before = revisions();
    const { agent, token } = await loginAs(app, 'editor@example.com');
    const res = await agent
      .post(`/desk/tags/${tag.id}/rename`)
      .type('form')
      .send({ name: 'Cybersäkerhet', _csrf: await token('/desk/tags') })
      .expect(303);
    assert.equal(res.headers.location, `/desk/tags#tag-${tag.id}`);
    assert.deepEqual(ctx.repos.articles.findById(articleId)?.tags, ['Cybersäkerhet']);
    await request(app).get('/tags/cybersakerhet').expect(200);
    await request(app).get('/tags/it-sakerhet').expect(404);
    assert.equal(revisions(), before + 1);
    assert.equal(ctx.repos.audit.search({ action: 'tag.renamed' }, 10).length, 1);
    // The search index has the new name.
    const found = await request(app).get('/search?q=cybers%C3%A4kerhet').expect(200);
    assert.match(found.text, /href="\/articles\/it-attack"/);
  });

  it('when a rename is empty or collides with another tag, then 422 with the message and nothing changes', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const { articleId } = seedArticle(ctx);
    ctx.repos.articles.setTags(articleId, [
      { slug: 'it-sakerhet', name: 'IT-säkerhet' },
      { slug: 'a-kassor', name: 'A-kassor' },
    ]);
    const tag = ctx.repos.tags.findBySlug('a-kassor');
    assert.ok(tag);
    const { agent, token } = await loginAs(app, 'editor@example.com');
    const clash = await agent
      .post(`/desk/tags/${tag.id}/rename`)
      .type('form')
      .send({ name: 'It-Säkerhet', _csrf: await token('/desk/tags') })
      .expect(422);
    assert.match(clash.text, /already has this address \(\/tags\/it-sakerhet\): merge them instead/);
    assert.match(clash.text, /value="It-Säkerhet" aria-invalid="true"/);
    await agent
      .post(`/desk/tags/${tag.id}/rename`)
      .type('form')
      .send({ name: '  ', _csrf: await token('/desk/tags') })
      .expect(422);
    assert.equal(ctx.repos.tags.findById(tag.id)?.name, 'A-kassor');
  });

  it('when an editor merges two tags, then the articles carry the kept one and the other is gone', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    const one = seedArticle(ctx, { slug: 'one' });
    const two = seedArticle(ctx, { slug: 'two' });
    ctx.repos.articles.setTags(two.articleId, [{ slug: 'itsakerhet', name: 'ITsäkerhet' }]);
    const from = ctx.repos.tags.findBySlug('itsakerhet');
    assert.ok(from);
    const { agent, token } = await loginAs(app, 'editor@example.com');
    await agent
      .post(`/desk/tags/${from.id}/merge`)
      .type('form')
      .send({ into: 'IT-säkerhet', _csrf: await token('/desk/tags') })
      .expect(303);
    assert.equal(ctx.repos.tags.findById(from.id), undefined);
    assert.deepEqual(ctx.repos.articles.findById(two.articleId)?.tags, ['IT-säkerhet']);
    assert.deepEqual(ctx.repos.articles.findById(one.articleId)?.tags, ['IT-säkerhet']);
    assert.deepEqual(slugs((await request(app).get('/tags/it-sakerhet').expect(200)).text).sort(), [
      'one',
      'two',
    ]);
    assert.equal(ctx.repos.audit.search({ action: 'tag.merged' }, 10).length, 1);
    const unknown = await agent
      .post(`/desk/tags/${ctx.repos.tags.findBySlug('it-sakerhet')?.id}/merge`)
      .type('form')
      .send({ into: 'No such tag', _csrf: await token('/desk/tags') })
      .expect(422);
    assert.match(unknown.text, /There is no tag called &#34;No such tag&#34; to merge into\./);
  });

  it('when a journalist tries to rename, then 403', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'journalist');
    seedArticle(ctx);
    const tag = ctx.repos.tags.findBySlug('it-sakerhet');
    const { agent, token } = await loginAs(app, 'journalist@example.com');
    await agent
      .post(`/desk/tags/${tag?.id}/rename`)
      .type('form')
      .send({ name: 'X', _csrf: await token('/desk/tags') })
      .expect(403);
  });
});
