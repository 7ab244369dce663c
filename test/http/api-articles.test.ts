import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createArticle } from '../../src/services/articles.js';
import { postUpdate } from '../../src/services/updates.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { apiApp, apiError } from './api-helpers.js';

let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

async function setup() {
  const t = await apiApp();
  close = t.close;
  return t;
}

interface ListDoc {
  articles: ArticleDoc[];
  total: number;
  nextPage: number | null;
}

interface StatusDoc {
  id: number;
  status: string;
  version: number;
}

interface ArticleDoc {
  id: number;
  slug: string;
  title: string;
  status: string;
  live: boolean;
  tags: string[];
  version: number;
  url: string;
  updates: {
    id: number;
    version: number;
    datedAt: string;
    precision: string;
    status: string;
    blocks: Record<string, unknown>[];
  }[];
}

describe('GET /api/v1/articles', () => {
  it('when listed, then the caller gets the articles they can work on, newest first, paginated', async () => {
    const { ctx, users, as } = await setup();
    const mine = createArticle(ctx, actor('journalist', users.journalist.id), {
      title: 'Min egen',
      slug: 'min-egen',
      summary: '',
      tags: [],
      locale: 'sv',
      timeZone: 'Europe/Stockholm',
      live: false,
    });
    assert.ok(mine.ok);
    seedArticle(ctx, { slug: 'ej-min' });
    const editors = await as('editor').get('/api/v1/articles').expect(200);
    assert.equal((editors.body as ListDoc).total, 2);
    assert.deepEqual((editors.body as ListDoc).articles.map((a) => a.slug).sort(), ['ej-min', 'min-egen']);
    const journalists = await as('journalist').get('/api/v1/articles').expect(200);
    assert.deepEqual(
      (journalists.body as ListDoc).articles.map((a) => a.slug),
      ['min-egen'],
    );
    assert.equal((journalists.body as ListDoc).nextPage, null);
  });

  it('when there are more than a page, then ?page= walks them and the newest comes first', async () => {
    const { ctx, as } = await setup();
    for (let i = 1; i <= 23; i += 1) {
      const clock = () => new Date(Date.UTC(2026, 11, 1, 0, i));
      createArticle({ ...ctx, clock }, actor('editor'), {
        title: `Artikel ${i}`,
        slug: `artikel-${i}`,
        summary: '',
        tags: [],
        locale: 'sv',
        timeZone: 'Europe/Stockholm',
        live: false,
      });
    }
    const first = await as('editor').get('/api/v1/articles').expect(200);
    assert.equal((first.body as ListDoc).articles.length, 20);
    assert.equal((first.body as ListDoc).articles[0]?.slug, 'artikel-23');
    assert.equal((first.body as ListDoc).nextPage, 2);
    const second = await as('editor').get('/api/v1/articles?page=2').expect(200);
    assert.deepEqual(
      (second.body as ListDoc).articles.map((a) => a.slug),
      ['artikel-3', 'artikel-2', 'artikel-1'],
    );
    assert.equal((second.body as ListDoc).nextPage, null);
  });
});

describe('GET /api/v1/articles/:id', () => {
  it('when read, then it has the documented fields and every update (drafts too) in the editors’ order', async () => {
    const { ctx, as } = await setup();
    const { articleId, dayUpdateId, minuteUpdateId } = seedArticle(ctx);
    const draft = postUpdate(
      ctx,
      actor('editor'),
      articleId,
      { ...QA_UPDATE, datedAt: '2026-12-09T08:00:00.000Z' },
      false,
    ).update;
    const res = await as('editor').get(`/api/v1/articles/${articleId}`).expect(200);
    const doc = res.body as ArticleDoc;
    for (const key of [
      'id',
      'slug',
      'title',
      'summary',
      'status',
      'live',
      'locale',
      'timeZone',
      'tags',
      'version',
      'createdAt',
      'updatedAt',
      'publishedAt',
      'coverageStartedAt',
      'coverageEndedAt',
      'url',
      'updates',
    ]) {
      assert.ok(key in doc, key);
    }
    assert.equal(doc.url, '/articles/it-attack');
    assert.deepEqual(doc.tags, ['IT-säkerhet']);
    assert.deepEqual(
      doc.updates.map((u) => u.id),
      [draft.id, minuteUpdateId, dayUpdateId],
    );
    assert.equal(doc.updates[0]?.status, 'draft');
    const day = doc.updates[2];
    assert.equal(day?.precision, 'day');
    assert.equal(day?.datedAt, '2026-12-02', 'a day is given as its date in the article’s zone');
    assert.deepEqual(doc.updates[1]?.blocks, [
      { type: 'text', markdown: 'Efter sex dygn fungerar **allt** igen.' },
      {
        type: 'qa',
        question: 'När förstod ni hur allvarligt det var?',
        answer: 'Redan första natten.',
        speaker: 'Karin Berg',
        asker: null,
      },
      {
        type: 'qa',
        question: 'Betalade ni lösensumman?',
        answer: 'Nej, aldrig.',
        speaker: 'Karin Berg',
        asker: null,
      },
      { type: 'quote', text: 'Vi ber våra kunder om ursäkt.', source: 'Pressmeddelande från Nordhall IT' },
    ]);
  });

  it('when a journalist asks for someone else’s draft article, then 404; a published one they are not on is 403', async () => {
    const { ctx, as } = await setup();
    const draft = seedArticle(ctx, { slug: 'utkast', publish: false });
    const published = seedArticle(ctx, { slug: 'publicerad' });
    const hidden = await as('journalist').get(`/api/v1/articles/${draft.articleId}`);
    assert.equal(hidden.status, 404);
    assert.equal(apiError(hidden.body).code, 'not_found');
    const other = await as('journalist').get(`/api/v1/articles/${published.articleId}`);
    assert.equal(other.status, 403);
    assert.equal(apiError(other.body).code, 'forbidden');
  });
});

describe('POST /api/v1/articles', () => {
  it('when created, then 201 with id, slug, url and version; the article is a draft with its tags', async () => {
    const { ctx, as } = await setup();
    const res = await as('journalist')
      .post('/api/v1/articles')
      .send({
        title: 'Ny attack mot a-kassorna',
        summary: 'Andra gången i år.',
        locale: 'sv',
        timeZone: 'Europe/Stockholm',
        live: true,
        tags: ['IT-säkerhet', 'A-kassan'],
      });
    assert.equal(res.status, 201);
    const created = res.body as { id: number; slug: string; url: string; version: number };
    assert.deepEqual(Object.keys(created).sort(), ['id', 'slug', 'url', 'version']);
    assert.equal(created.slug, 'ny-attack-mot-a-kassorna');
    assert.equal(created.url, '/articles/ny-attack-mot-a-kassorna');
    assert.equal(res.headers.location, `/api/v1/articles/${created.id}`);
    const stored = ctx.repos.articles.findById(created.id);
    assert.equal(stored?.status, 'draft');
    assert.equal(stored?.live, true);
    assert.deepEqual(stored?.tags, ['IT-säkerhet', 'A-kassan']);
    assert.equal(stored?.version, created.version);
  });

  it('when a slug is given, then it is used; a taken slug is a 422 field error', async () => {
    const { as } = await setup();
    await as('editor').post('/api/v1/articles').send({ title: 'Först', slug: 'egen-slug' }).expect(201);
    const taken = await as('editor').post('/api/v1/articles').send({ title: 'Sen', slug: 'egen-slug' });
    assert.equal(taken.status, 422);
    assert.equal(apiError(taken.body).code, 'validation');
    assert.match(apiError(taken.body).fields?.slug ?? '', /already uses this slug/);
  });

  it('when values are invalid, then 422 validation with a message per field', async () => {
    const { ctx, as } = await setup();
    const res = await as('editor')
      .post('/api/v1/articles')
      .send({ title: '', locale: 'de', timeZone: 'Mars/Olympus', slug: 'Inte OK', tags: ['a,b'] });
    assert.equal(res.status, 422);
    const { fields } = apiError(res.body);
    assert.deepEqual(Object.keys(fields ?? {}).sort(), ['locale', 'tags.0']);
    const domain = await as('editor')
      .post('/api/v1/articles')
      .send({ title: '', timeZone: 'Mars/Olympus', slug: 'Inte OK' });
    assert.equal(domain.status, 422);
    assert.deepEqual(Object.keys(apiError(domain.body).fields ?? {}).sort(), ['slug', 'timeZone', 'title']);
    const long = await as('editor')
      .post('/api/v1/articles')
      .send({ title: 'x'.repeat(201) });
    assert.equal(long.status, 422);
    assert.match(apiError(long.body).fields?.title ?? '', /at most 200 characters/);
    assert.equal(ctx.repos.articles.listAll().length, 0);
  });

  it('when a field has the wrong type or is unknown, then 400 bad_request naming the field', async () => {
    const { ctx, as } = await setup();
    for (const [body, field] of [
      [{ title: 123 }, 'title'],
      [{ title: 'x', tags: {} }, 'tags'],
      [{ title: 'x', tags: [1] }, 'tags.0'],
      [{ title: 'x', live: 'yes' }, 'live'],
      [{ title: 'x', titel: 'y' }, 'titel'],
    ] as const) {
      const res = await as('editor').post('/api/v1/articles').send(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(apiError(res.body).code, 'bad_request');
      assert.ok(apiError(res.body).fields?.[field], `${field} in ${JSON.stringify(res.body)}`);
    }
    assert.equal(ctx.repos.articles.listAll().length, 0);
  });
});

describe('PATCH /api/v1/articles/:id', () => {
  it('when some fields are sent with the current version, then only they change and the article comes back', async () => {
    const { ctx, as } = await setup();
    const { articleId } = seedArticle(ctx);
    const before = ctx.repos.articles.findById(articleId);
    assert.ok(before);
    const res = await as('editor')
      .patch(`/api/v1/articles/${articleId}`)
      .send({ version: before.version, title: 'Ny rubrik', tags: ['Polis'] });
    assert.equal(res.status, 200);
    const doc = res.body as ArticleDoc;
    assert.equal(doc.title, 'Ny rubrik');
    assert.equal(doc.slug, 'it-attack', 'the slug is kept unless sent');
    assert.deepEqual(doc.tags, ['Polis']);
    assert.equal(doc.live, true);
    assert.equal(doc.version, before.version + 1);
    assert.equal(doc.updates.length, 2);
  });

  it('when the version is stale, then 409 with the submitted and the current version, and nothing changes', async () => {
    const { ctx, as } = await setup();
    const { articleId } = seedArticle(ctx);
    const version = ctx.repos.articles.findById(articleId)?.version ?? 0;
    await as('editor').patch(`/api/v1/articles/${articleId}`).send({ version, summary: 'Först' }).expect(200);
    const res = await as('journalist')
      .patch(`/api/v1/articles/${articleId}`)
      .send({ version, summary: 'Sen' });
    // The journalist is not on this article: a 403 comes before any version check.
    assert.equal(res.status, 403);
    const stale = await as('admin').patch(`/api/v1/articles/${articleId}`).send({ version, summary: 'Sen' });
    assert.equal(stale.status, 409);
    const error = apiError(stale.body);
    assert.equal(error.code, 'conflict');
    assert.equal(error.submittedVersion, version);
    assert.equal(error.current?.version, version + 1);
    assert.equal(error.current?.summary, 'Först');
    assert.equal(ctx.repos.articles.findById(articleId)?.summary, 'Först');
  });

  it('when the version is missing, then 422; a version that is not a number is a 400', async () => {
    const { ctx, as } = await setup();
    const { articleId } = seedArticle(ctx);
    const missing = await as('editor').patch(`/api/v1/articles/${articleId}`).send({ title: 'X' });
    assert.equal(missing.status, 422);
    assert.ok(apiError(missing.body).fields?.version);
    const text = await as('editor').patch(`/api/v1/articles/${articleId}`).send({ title: 'X', version: '4' });
    assert.equal(text.status, 400);
    const missingArticle = await as('editor').patch('/api/v1/articles/9999').send({ version: 1 });
    assert.equal(missingArticle.status, 404);
  });
});

describe('POST /api/v1/articles/:id/publish and /unpublish', () => {
  it('when an editor publishes and unpublishes, then 200 with id, status and version', async () => {
    const { ctx, as } = await setup();
    const { articleId } = seedArticle(ctx, { publish: false });
    const published = await as('editor').post(`/api/v1/articles/${articleId}/publish`).expect(200);
    assert.equal((published.body as StatusDoc).status, 'published');
    assert.equal((published.body as StatusDoc).id, articleId);
    assert.equal((published.body as StatusDoc).version, ctx.repos.articles.findById(articleId)?.version);
    const unpublished = await as('admin').post(`/api/v1/articles/${articleId}/unpublish`).expect(200);
    assert.equal((unpublished.body as StatusDoc).status, 'draft');
    assert.ok((unpublished.body as StatusDoc).version > (published.body as StatusDoc).version);
  });

  it('when a journalist publishes, then 403 and the article stays a draft; a missing article is a 404', async () => {
    const { ctx, users, as } = await setup();
    const { articleId } = seedArticle(ctx, { publish: false, authorId: users.journalist.id });
    const res = await as('journalist').post(`/api/v1/articles/${articleId}/publish`);
    assert.equal(res.status, 403);
    assert.equal(apiError(res.body).code, 'forbidden');
    assert.equal(ctx.repos.articles.findById(articleId)?.status, 'draft');
    const missing = await as('editor').post('/api/v1/articles/9999/publish');
    assert.equal(missing.status, 404);
    assert.equal(apiError(missing.body).code, 'not_found');
  });
});
