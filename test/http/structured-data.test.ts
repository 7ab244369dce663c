import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import type { JsonLd } from '../../src/render/json-ld.js';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { endCoverage, reorderUpdates, setKeyEvent } from '../../src/services/live.js';
import { postUpdate } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';

const HOSTILE = '</script><script>alert(1)</script>';

let current: ReturnType<typeof testApp> | undefined;
function setup(env: NodeJS.ProcessEnv = {}) {
  current = testApp(undefined, env);
  return current;
}
afterEach(() => current?.close());

/** The parsed content of every JSON-LD element in a page. */
function jsonLdOf(html: string): JsonLd[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? '') as JsonLd,
  );
}

/** The one JSON-LD element of a page (fails unless there is exactly one). */
function onlyJsonLd(html: string): JsonLd {
  const all = jsonLdOf(html);
  assert.equal(all.length, 1, 'exactly one JSON-LD element');
  return all[0] as JsonLd;
}

function meta(html: string, key: string): string[] {
  const pattern = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`, 'g');
  return [...html.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** A published article of our own choosing (the shared fixture is always Swedish and well-behaved). */
function seedCustom(
  ctx: ServiceContext,
  fields: { title: string; slug: string; locale: 'sv' | 'en'; live: boolean; answer?: string },
) {
  const editor = actor('editor');
  const created = createArticle(ctx, editor, {
    title: fields.title,
    slug: fields.slug,
    summary: `Summary of ${fields.title}`,
    tags: [{ slug: 'security', name: 'Security' }],
    locale: fields.locale,
    timeZone: 'Europe/London',
    live: fields.live,
  });
  if (!created.ok) throw new Error('article fixture failed');
  const id = created.article.id;
  const { update } = postUpdate(
    ctx,
    editor,
    id,
    {
      ...QA_UPDATE,
      headline: fields.title,
      blocks: [
        {
          type: 'qa',
          question: 'What happened?',
          answer: fields.answer ?? 'We were attacked.',
          speaker: 'John Doe',
          asker: null,
        },
      ],
    },
    true,
  );
  setArticleStatus(ctx, editor, id, 'published');
  return { articleId: id, updateId: update.id };
}

describe('JSON-LD and OpenGraph on the article page', () => {
  it('when a live article has published and draft updates, then one LiveBlogPosting with one BlogPosting per published update', async () => {
    const { app, ctx } = setup();
    const { articleId } = seedArticle(ctx);
    postUpdate(ctx, actor('editor'), articleId, { ...QA_UPDATE, headline: 'Hemlig rubrik' }, false);
    const res = await request(app).get('/articles/it-attack').expect(200);
    const data = onlyJsonLd(res.text);
    assert.equal(data['@type'], 'LiveBlogPosting');
    assert.equal(data.headline, 'It-attack slår ut a-kassor');
    assert.equal(data.inLanguage, 'sv');
    assert.ok(Array.isArray(data.liveBlogUpdate));
    const postings = data.liveBlogUpdate as JsonLd[];
    assert.equal(postings.length, 2);
    assert.ok(postings.every((p) => p['@type'] === 'BlogPosting'));
    assert.equal(postings[0]?.headline, 'Systemen är tillbaka', 'editors’ order: newest first');
    const hasPart = postings[0]?.hasPart as JsonLd[];
    assert.deepEqual(hasPart[0], {
      '@type': 'Quotation',
      text: 'Redan första natten.',
      creator: { '@type': 'Person', name: 'Karin Berg' },
    });
    assert.doesNotMatch(JSON.stringify(data), /Hemlig/);
  });

  it('when editors reorder, then the canonical page follows their order; ?order= and ?filter= views describe what they show', async () => {
    const { app, ctx } = setup();
    const { articleId, dayUpdateId, minuteUpdateId } = seedArticle(ctx);
    const postedIds = async (path: string) =>
      (onlyJsonLd((await request(app).get(path).expect(200)).text).liveBlogUpdate as JsonLd[]).map((p) =>
        (p.url as string).replace(/^.*#update-/, ''),
      );
    assert.deepEqual(await postedIds('/articles/it-attack'), [`${minuteUpdateId}`, `${dayUpdateId}`]);
    reorderUpdates(ctx, actor('editor'), articleId, [dayUpdateId, minuteUpdateId]);
    assert.deepEqual(await postedIds('/articles/it-attack'), [`${dayUpdateId}`, `${minuteUpdateId}`]);
    assert.deepEqual(await postedIds('/articles/it-attack?order=newest'), [
      `${minuteUpdateId}`,
      `${dayUpdateId}`,
    ]);
    setKeyEvent(ctx, actor('editor'), minuteUpdateId, true);
    assert.deepEqual(await postedIds('/articles/it-attack?filter=key'), [`${minuteUpdateId}`]);
  });

  it('when readers see the article, then OpenGraph and Twitter tags describe it and a canonical link points at it', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const res = await request(app)
      .get('/articles/it-attack?order=oldest')
      .set('Host', 'news.example')
      .expect(200);
    assert.match(res.text, /<link rel="canonical" href="http:\/\/news\.example\/articles\/it-attack">/);
    assert.deepEqual(meta(res.text, 'og:type'), ['article']);
    assert.deepEqual(meta(res.text, 'og:title'), ['It-attack slår ut a-kassor']);
    assert.deepEqual(meta(res.text, 'og:description'), ['Tusentals medlemmar kan inte söka ersättning.']);
    assert.deepEqual(meta(res.text, 'og:url'), ['http://news.example/articles/it-attack']);
    assert.deepEqual(meta(res.text, 'og:site_name'), ['Dateline']);
    assert.deepEqual(meta(res.text, 'og:locale'), ['sv_SE']);
    assert.deepEqual(meta(res.text, 'article:tag'), ['IT-säkerhet']);
    assert.equal(meta(res.text, 'article:published_time').length, 1);
    assert.equal(meta(res.text, 'article:modified_time').length, 1);
    assert.deepEqual(meta(res.text, 'twitter:card'), ['summary']);
  });

  it('when DATELINE_BASE_URL is set, then absolute URLs use it whatever Host the request claims', async () => {
    const { app, ctx } = setup({ DATELINE_BASE_URL: 'https://news.example/' });
    seedArticle(ctx);
    const res = await request(app).get('/articles/it-attack').set('Host', 'evil.example').expect(200);
    assert.match(res.text, /<link rel="canonical" href="https:\/\/news\.example\/articles\/it-attack">/);
    assert.doesNotMatch(res.text, /evil\.example/);
    const data = onlyJsonLd(res.text);
    assert.equal(data.url, 'https://news.example/articles/it-attack');
    assert.match(
      (data.liveBlogUpdate as JsonLd[])[0]?.url as string,
      /^https:\/\/news\.example\/articles\/it-attack#update-\d+$/,
    );
  });

  it('when the title and an answer hold </script>, then the JSON-LD still parses and the text creates no script element', async () => {
    const { app, ctx } = setup();
    seedCustom(ctx, {
      title: `Breach ${HOSTILE}`,
      slug: 'hostile',
      locale: 'en',
      live: true,
      answer: `No. ${HOSTILE}`,
    });
    seedCustom(ctx, { title: 'Breach', slug: 'benign', locale: 'en', live: true });
    const res = await request(app).get('/articles/hostile').expect(200);
    const benign = await request(app).get('/articles/benign').expect(200);
    const scripts = (html: string) => (html.match(/<script/gi) ?? []).length;
    // One JSON-LD element, the live.js and returning.js modules, exactly as on a page without hostile text.
    assert.equal(scripts(res.text), 3);
    assert.equal(scripts(res.text), scripts(benign.text));
    assert.doesNotMatch(res.text, /<script>alert/);
    const data = onlyJsonLd(res.text);
    assert.equal(data.headline, `Breach ${HOSTILE}`);
    const [posting] = data.liveBlogUpdate as JsonLd[];
    assert.equal((posting?.hasPart as JsonLd[])[0]?.text, `No. ${HOSTILE}`);
    assert.match(
      posting?.articleBody as string,
      /What happened\?\nNo\. <\/script><script>alert\(1\)<\/script>/,
    );
    assert.deepEqual(meta(res.text, 'og:title'), [
      'Breach &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    ]);
  });

  it('when a title holds quotes and ampersands, then the meta attributes stay well-formed', async () => {
    const { app, ctx } = setup();
    seedCustom(ctx, { title: 'Say "hi" & <b>bye</b>', slug: 'quoted', locale: 'en', live: false });
    const res = await request(app).get('/articles/quoted').expect(200);
    assert.deepEqual(meta(res.text, 'og:title'), ['Say &#34;hi&#34; &amp; &lt;b&gt;bye&lt;/b&gt;']);
  });

  it('when the article is in English, then inLanguage en and og:locale en_GB', async () => {
    const { app, ctx } = setup();
    seedCustom(ctx, { title: 'Provider hit by attack', slug: 'english', locale: 'en', live: true });
    const res = await request(app).get('/articles/english').expect(200);
    assert.match(res.text, /<html lang="en">/);
    assert.equal(onlyJsonLd(res.text).inLanguage, 'en');
    assert.deepEqual(meta(res.text, 'og:locale'), ['en_GB']);
  });

  it('when the article was never live, then a NewsArticle with the updates as its body', async () => {
    const { app, ctx } = setup();
    seedCustom(ctx, { title: 'Quiet story', slug: 'quiet', locale: 'en', live: false });
    const data = onlyJsonLd((await request(app).get('/articles/quiet').expect(200)).text);
    assert.equal(data['@type'], 'NewsArticle');
    assert.equal('liveBlogUpdate' in data, false);
    assert.match(data.articleBody as string, /What happened\?\nWe were attacked\./);
  });

  it('when live coverage has ended, then the LiveBlogPosting has a coverage end time', async () => {
    const { app, ctx } = setup();
    const { articleId } = seedArticle(ctx);
    endCoverage(ctx, actor('editor'), articleId);
    const data = onlyJsonLd((await request(app).get('/articles/it-attack').expect(200)).text);
    assert.equal(data['@type'], 'LiveBlogPosting');
    assert.equal(typeof data.coverageStartTime, 'string');
    assert.equal(data.coverageEndTime, '2026-12-08T14:04:00.000Z');
  });

  it('when staff view a draft article with a draft update, then the JSON-LD holds only the published updates', async () => {
    const { app, ctx } = setup();
    const { articleId } = seedArticle(ctx, { publish: false });
    postUpdate(ctx, actor('editor'), articleId, { ...QA_UPDATE, headline: 'Hemlig rubrik' }, false);
    await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    const res = await agent.get('/articles/it-attack').expect(200);
    assert.match(res.text, /Hemlig rubrik/, 'staff see the draft on the page');
    const data = onlyJsonLd(res.text);
    assert.equal((data.liveBlogUpdate as JsonLd[]).length, 2);
    assert.equal('datePublished' in data, false);
    assert.doesNotMatch(JSON.stringify(data), /Hemlig/);
  });
});

describe('JSON-LD on an update’s own page', () => {
  it('when the update is published, then a BlogPosting that is part of the article, with its own canonical URL', async () => {
    const { app, ctx } = setup({ DATELINE_BASE_URL: 'https://news.example' });
    const { minuteUpdateId } = seedArticle(ctx);
    const res = await request(app).get(`/articles/it-attack/updates/${minuteUpdateId}`).expect(200);
    const data = onlyJsonLd(res.text);
    const url = `https://news.example/articles/it-attack/updates/${minuteUpdateId}`;
    assert.equal(data['@type'], 'BlogPosting');
    assert.equal(data.headline, 'Systemen är tillbaka');
    assert.equal(data.url, url);
    assert.deepEqual(data.isPartOf, {
      '@type': 'LiveBlogPosting',
      headline: 'It-attack slår ut a-kassor',
      url: 'https://news.example/articles/it-attack',
    });
    assert.match(res.text, new RegExp(`<link rel="canonical" href="${url}">`));
    assert.deepEqual(meta(res.text, 'og:url'), [url]);
    assert.deepEqual(meta(res.text, 'og:title'), ['Systemen är tillbaka – It-attack slår ut a-kassor']);
  });

  it('when staff open a draft update, then the page has no JSON-LD', async () => {
    const { app, ctx } = setup();
    const { articleId } = seedArticle(ctx);
    const draft = postUpdate(ctx, actor('editor'), articleId, QA_UPDATE, false).update;
    await addUser(ctx, 'editor');
    const { agent } = await loginAs(app, 'editor@example.com');
    const res = await agent.get(`/articles/it-attack/updates/${draft.id}`).expect(200);
    assert.deepEqual(jsonLdOf(res.text), []);
  });
});
