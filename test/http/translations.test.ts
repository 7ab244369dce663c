import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { tokenFor } from './api-helpers.js';

// The same story in two languages: the article form's "translation" field links two articles both ways;
// readers get a link and hreflang alternates, the sitemap lists both languages, drafts are never announced.

let current: ReturnType<typeof testApp> | undefined;
afterEach(() => current?.close());

async function setup(role: 'journalist' | 'editor' = 'editor') {
  current = testApp(undefined, { DATELINE_BASE_URL: 'https://news.example' });
  await addUser(current.ctx, role);
  return { ...current, ...(await loginAs(current.app, `${role}@example.com`)) };
}

function englishArticle(ctx: ServiceContext, slug: string, publish = true, authorId: number | null = null) {
  const created = createArticle(ctx, actor('editor', authorId), {
    title: `Cyber attack (${slug})`,
    slug,
    summary: 'Thousands cannot claim benefits.',
    tags: [],
    locale: 'en',
    timeZone: 'Europe/Stockholm',
    live: false,
  });
  if (!created.ok) throw new Error('fixture failed');
  if (publish) setArticleStatus(ctx, actor('editor'), created.article.id, 'published');
  return created.article.id;
}

const FORM = { summary: '', tags: '', timeZone: 'Europe/Stockholm', live: '' };
const formOf = (slug: string, locale: string, translation: string) => ({
  ...FORM,
  title: `Artikel ${slug}`,
  slug,
  locale,
  translation,
});

/** Saves the article form of `id` as the desk does (GET for the version and token, then POST). */
async function saveForm(s: Awaited<ReturnType<typeof setup>>, id: number, fields: Record<string, string>) {
  const article = s.ctx.repos.articles.findById(id);
  assert.ok(article);
  return s.agent
    .post(`/desk/articles/${id}/edit`)
    .type('form')
    .send({ ...fields, version: String(article.version), _csrf: await s.token() });
}

const translationOf = (ctx: ServiceContext, id: number) => ctx.repos.articles.findById(id)?.translationId;

describe('article translations', () => {
  it('when an editor names the English version on the Swedish form, then both point at each other', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    const en = englishArticle(s.ctx, 'cyber-attack');
    const versionBefore = s.ctx.repos.articles.findById(en)?.version ?? 0;
    const res = await saveForm(s, sv, formOf('it-attack', 'sv', 'cyber-attack'));
    assert.equal(res.status, 303, res.text);
    assert.equal(translationOf(s.ctx, sv), en);
    assert.equal(translationOf(s.ctx, en), sv);
    assert.ok(
      (s.ctx.repos.articles.findById(en)?.version ?? 0) > versionBefore,
      'the partner has a new version',
    );
    const history = s.ctx.repos.revisions.listForArticle(en);
    assert.ok(history.length > 0, 'the partner change has a revision');
    const form = await s.agent.get(`/desk/articles/${sv}/edit`).expect(200);
    assert.match(form.text, /name="translation" value="cyber-attack"/);
  });

  it('when both are published, then each page has hreflang alternates and a link worded in the other language', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    englishArticle(s.ctx, 'cyber-attack');
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', 'cyber-attack'))).status, 303);
    const reader = request(s.app);
    const svPage = await reader.get('/articles/it-attack').expect(200);
    assert.match(
      svPage.text,
      /<link rel="alternate" hreflang="sv" href="https:\/\/news\.example\/articles\/it-attack">/,
    );
    assert.match(
      svPage.text,
      /<link rel="alternate" hreflang="en" href="https:\/\/news\.example\/articles\/cyber-attack">/,
    );
    assert.match(
      svPage.text,
      /<a href="\/articles\/cyber-attack" hreflang="en" lang="en">Read this story in English<\/a>/,
    );
    const enPage = await reader.get('/articles/cyber-attack').expect(200);
    assert.match(enPage.text, /hreflang="sv" lang="sv">Läs artikeln på svenska<\/a>/);
    assert.match(
      enPage.text,
      /<link rel="alternate" hreflang="en" href="https:\/\/news\.example\/articles\/cyber-attack">/,
    );
    const sitemap = await reader.get('/sitemap.xml').expect(200);
    const entry = /<url><loc>https:\/\/news\.example\/articles\/it-attack<\/loc>.*<\/url>/.exec(
      sitemap.text,
    )?.[0];
    assert.ok(
      entry?.includes(
        '<xhtml:link rel="alternate" hreflang="en" href="https://news.example/articles/cyber-attack"/>',
      ),
    );
    assert.ok(
      entry?.includes(
        '<xhtml:link rel="alternate" hreflang="sv" href="https://news.example/articles/it-attack"/>',
      ),
    );
  });

  it('when the translation is a draft, then readers are not told about it', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    englishArticle(s.ctx, 'secret-draft', false);
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', 'secret-draft'))).status, 303);
    const page = await request(s.app).get('/articles/it-attack').expect(200);
    assert.doesNotMatch(page.text, /hreflang/);
    assert.doesNotMatch(page.text, /secret-draft/);
    const sitemap = await request(s.app).get('/sitemap.xml').expect(200);
    assert.doesNotMatch(sitemap.text, /xhtml:link/);
  });

  it('when the named article is unknown, itself or in the same language, then 422 with the typed slug kept', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    seedArticle(s.ctx, { slug: 'annan-svensk' });
    for (const [slug, message] of [
      ['finns-inte', /No article you can work on has this slug\./],
      ['it-attack', /An article cannot be its own translation\./],
      ['annan-svensk', /The translation must be in the other language\./],
      ['Not A Slug!', /Give the slug of the article in the other language/],
    ] as const) {
      const res = await saveForm(s, sv, formOf('it-attack', 'sv', slug));
      assert.equal(res.status, 422, slug);
      assert.match(res.text, message);
      assert.ok(res.text.includes(`name="translation" value="${slug}"`), `kept: ${slug}`);
    }
    assert.equal(translationOf(s.ctx, sv), null);
  });

  it("when a journalist names someone else's draft, then it answers like a missing article", async () => {
    const s = await setup('journalist');
    const me = s.ctx.repos.users.findByEmail('journalist@example.com');
    assert.ok(me);
    const { articleId: mine } = seedArticle(s.ctx, { authorId: me.id });
    englishArticle(s.ctx, 'someone-elses-draft', false);
    const res = await saveForm(s, mine, formOf('it-attack', 'sv', 'someone-elses-draft'));
    assert.equal(res.status, 422);
    assert.match(res.text, /No article you can work on has this slug\./);
  });

  it('when the link moves to another article or is emptied, then no article points at a former partner', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    const first = englishArticle(s.ctx, 'first-english');
    const second = englishArticle(s.ctx, 'second-english');
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', 'first-english'))).status, 303);
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', 'second-english'))).status, 303);
    assert.deepEqual(
      [translationOf(s.ctx, sv), translationOf(s.ctx, first), translationOf(s.ctx, second)],
      [second, null, sv],
    );
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', ''))).status, 303);
    assert.deepEqual([translationOf(s.ctx, sv), translationOf(s.ctx, second)], [null, null]);
  });

  it('when a linked article changes language, then the link is dropped', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    const en = englishArticle(s.ctx, 'cyber-attack');
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', 'cyber-attack'))).status, 303);
    assert.equal((await saveForm(s, en, { ...formOf('cyber-attack', 'sv', 'it-attack') })).status, 422);
    const res = await saveForm(s, en, { ...formOf('cyber-attack', 'sv', '') });
    assert.equal(res.status, 303);
    assert.deepEqual([translationOf(s.ctx, sv), translationOf(s.ctx, en)], [null, null]);
  });

  it('when the API edits a linked article without naming a translation, then the link stays', async () => {
    const s = await setup();
    const { articleId: sv } = seedArticle(s.ctx);
    const en = englishArticle(s.ctx, 'cyber-attack');
    assert.equal((await saveForm(s, sv, formOf('it-attack', 'sv', 'cyber-attack'))).status, 303);
    const editor = s.ctx.repos.users.findByEmail('editor@example.com');
    assert.ok(editor);
    const version = s.ctx.repos.articles.findById(sv)?.version;
    await request(s.app)
      .patch(`/api/v1/articles/${sv}`)
      .set('Authorization', `Bearer ${tokenFor(s.ctx, editor.id)}`)
      .send({ version, title: 'Ny rubrik' })
      .expect(200);
    assert.deepEqual([translationOf(s.ctx, sv), translationOf(s.ctx, en)], [en, sv]);
  });
});
