import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import type { BlockInput } from '../../src/domain/types.js';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { editPerson } from '../../src/services/people.js';
import { deleteUpdate, editUpdate, postUpdate, setUpdateStatus } from '../../src/services/updates.js';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';

let current: ReturnType<typeof testApp> | undefined;
function setup() {
  current = testApp();
  return current;
}
afterEach(() => current?.close());

const editor = actor('editor');

/** A published (or draft) article with one update holding `blocks`. */
function story(
  ctx: ServiceContext,
  opts: {
    slug: string;
    title?: string;
    summary?: string;
    blocks?: BlockInput[];
    headline?: string | null;
    publish?: boolean;
    publishUpdate?: boolean;
    createdBy?: number | null;
  },
) {
  const author = actor('editor', opts.createdBy ?? null);
  const created = createArticle(ctx, author, {
    title: opts.title ?? 'En artikel',
    slug: opts.slug,
    summary: opts.summary ?? '',
    tags: [],
    locale: 'sv',
    timeZone: 'Europe/Stockholm',
    live: false,
  });
  if (!created.ok) throw new Error('article failed');
  const update = postUpdate(
    ctx,
    author,
    created.article.id,
    {
      datedAt: '2026-12-08T10:00:00.000Z',
      precision: 'minute',
      headline: opts.headline ?? null,
      blocks: opts.blocks ?? [{ type: 'text', markdown: 'Inget särskilt.' }],
    },
    opts.publishUpdate ?? true,
  ).update;
  if (opts.publish ?? true) setArticleStatus(ctx, editor, created.article.id, 'published');
  return { articleId: created.article.id, updateId: update.id };
}

/** The slugs of the search results, in order. */
function resultSlugs(html: string): string[] {
  const list = /<ol class="[^"]*search-results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<h2 class="article-card__title">[\s\S]*?href="\/articles\/([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
}

function deskSlugs(html: string, ctx: ServiceContext): string[] {
  return [...html.matchAll(/class="search-result__title"><a href="\/desk\/articles\/(\d+)"/g)].map(
    (m) => ctx.repos.articles.findById(Number(m[1]))?.slug ?? '?',
  );
}

describe('GET /search', () => {
  it('when a reader searches "a-kassor", then "A-kassor" in a text block is found, highlighted', async () => {
    const { app, ctx } = setup();
    story(ctx, {
      slug: 'kassor',
      blocks: [{ type: 'text', markdown: 'A-kassor i hela landet ligger nere.' }],
    });
    story(ctx, { slug: 'annat', blocks: [{ type: 'text', markdown: 'En kassör och ett a.' }] });
    const res = await request(app).get('/search').query({ q: 'a-kassor' }).expect(200);
    assert.deepEqual(resultSlugs(res.text), ['kassor']);
    assert.match(res.text, /<mark>A-kassor<\/mark> i hela landet/);
    assert.match(res.text, /1 träff</);
  });

  it('when a reader searches "lon" without diacritics, then "lön" is found', async () => {
    const { app, ctx } = setup();
    story(ctx, { slug: 'lon', blocks: [{ type: 'text', markdown: 'Ingen lön utbetalas i december.' }] });
    const res = await request(app).get('/search?q=lon').expect(200);
    assert.deepEqual(resultSlugs(res.text), ['lon']);
    assert.match(res.text, /<mark>lön<\/mark>/);
  });

  it('when one article has the word in its title and another many times in its body, then the title hit ranks first', async () => {
    const { app, ctx } = setup();
    story(ctx, {
      slug: 'body-hit',
      blocks: [{ type: 'text', markdown: 'Lön, lön och åter lön: lönen är allt. Lön lön.' }],
    });
    story(ctx, { slug: 'title-hit', title: 'Lön i fara för tusentals', summary: 'Om ersättningar.' });
    const res = await request(app).get('/search?q=l%C3%B6n').expect(200);
    assert.deepEqual(resultSlugs(res.text), ['title-hit', 'body-hit']);
    assert.match(res.text, /<mark>Lön<\/mark> i fara för tusentals/);
  });

  it('when the word ends with *, then it is a prefix search', async () => {
    const { app, ctx } = setup();
    story(ctx, { slug: 'loner', blocks: [{ type: 'text', markdown: 'Lönerna betalas ut sent.' }] });
    assert.deepEqual(resultSlugs((await request(app).get('/search?q=lon').expect(200)).text), []);
    assert.deepEqual(resultSlugs((await request(app).get('/search?q=l%C3%B6n*').expect(200)).text), [
      'loner',
    ]);
  });

  it('when Q&A answers, speakers, quotes and sources hold the word, then they are searched too', async () => {
    const { app, ctx } = setup();
    story(ctx, {
      slug: 'intervju',
      blocks: [
        {
          type: 'qa',
          question: 'Betalade ni lösensumman?',
          answer: 'Aldrig.',
          speaker: 'Karin Berg',
          asker: null,
        },
        { type: 'quote', text: 'Vi beklagar djupt.', source: 'Pressmeddelande från Nordhall IT' },
      ],
    });
    for (const q of ['lösensumman', 'aldrig', 'Karin Berg', 'beklagar', 'Nordhall']) {
      const res = await request(app).get('/search').query({ q }).expect(200);
      assert.deepEqual(resultSlugs(res.text), ['intervju'], q);
    }
  });

  it('when the query is malformed FTS5, then the reader gets a page, never a 500', async () => {
    const { app, ctx } = setup();
    story(ctx, { slug: 'near', blocks: [{ type: 'text', markdown: 'Near and far, and or not.' }] });
    for (const q of ['"unbalanced', 'AND OR', 'NEAR(', 'near(a b', 'title:x', '(', '-', '\u0000x', '"']) {
      const res = await request(app).get('/search').query({ q });
      assert.equal(res.status, 200, q);
    }
    const star = await request(app).get('/search?q=*').expect(200);
    assert.match(star.text, /role="status">Skriv ett eller flera ord att söka efter\./);
    const and = await request(app).get('/search').query({ q: 'AND OR' }).expect(200);
    assert.deepEqual(resultSlugs(and.text), ['near'], 'operators are plain words');
    const long = await request(app)
      .get('/search')
      .query({ q: 'x'.repeat(201) })
      .expect(200);
    assert.match(long.text, /för lång/);
  });

  it('when q is repeated, then 400; when the page is past the end, 404', async () => {
    const { app } = setup();
    await request(app).get('/search?q=a&q=b').expect(400);
    await request(app).get('/search?q=lön&page=2').expect(404);
    const empty = await request(app).get('/search').expect(200);
    assert.doesNotMatch(empty.text, /search-count/);
  });

  it('when drafts match, then readers never see them: draft articles, draft updates, removed updates', async () => {
    const { app, ctx } = setup();
    story(ctx, {
      slug: 'draft-article',
      publish: false,
      blocks: [{ type: 'text', markdown: 'Hemlig zebra.' }],
    });
    story(ctx, {
      slug: 'draft-update',
      publishUpdate: false,
      blocks: [{ type: 'text', markdown: 'Zebra på väg.' }],
    });
    const removed = story(ctx, { slug: 'removed', blocks: [{ type: 'text', markdown: 'Zebra borta.' }] });
    deleteUpdate(ctx, editor, removed.updateId);
    const res = await request(app).get('/search?q=zebra').expect(200);
    assert.deepEqual(resultSlugs(res.text), []);
    assert.doesNotMatch(res.text, /Hemlig/);
  });

  it('when content changes, then the index follows in the same transaction', async () => {
    const { app, ctx } = setup();
    const s = story(ctx, { slug: 'andras', blocks: [{ type: 'text', markdown: 'Giraffen syns.' }] });
    const search = async (q: string) => resultSlugs((await request(app).get('/search').query({ q })).text);
    assert.deepEqual(await search('giraffen'), ['andras']);
    const version = ctx.repos.updates.findById(s.updateId)?.version ?? 0;
    editUpdate(ctx, editor, s.updateId, version, {
      datedAt: '2026-12-08T10:00:00.000Z',
      precision: 'minute',
      headline: null,
      blocks: [{ type: 'qa', question: 'Var är elefanten?', answer: 'Här.', speaker: 'Ola Ek', asker: null }],
    });
    assert.deepEqual(await search('giraffen'), []);
    assert.deepEqual(await search('elefanten'), ['andras']);
    // A renamed speaker is found under the new name.
    const person = ctx.repos.people.findByName('Ola Ek');
    assert.ok(person);
    editPerson(ctx, editor, person.id, { name: 'Ola Ekström', title: '', organisation: '', note: '' });
    assert.deepEqual(await search('Ekström'), ['andras']);
    // Unpublishing the update or the article hides it at once.
    setUpdateStatus(ctx, editor, s.updateId, 'draft');
    assert.deepEqual(await search('elefanten'), []);
    setUpdateStatus(ctx, editor, s.updateId, 'published');
    setArticleStatus(ctx, editor, s.articleId, 'draft');
    assert.deepEqual(await search('elefanten'), []);
  });

  it('when more articles match than fit a page, then results are paginated', async () => {
    const { app, ctx } = setup();
    for (let i = 0; i < 12; i += 1) {
      story(ctx, { slug: `s-${i}`, blocks: [{ type: 'text', markdown: `Kameleont nummer ${i}.` }] });
    }
    const first = await request(app).get('/search?q=kameleont').expect(200);
    assert.equal(resultSlugs(first.text).length, 10);
    assert.match(first.text, /12 träffar/);
    assert.match(first.text, /href="\/search\?q=kameleont&amp;page=2"/);
    const second = await request(app).get('/search?q=kameleont&page=2').expect(200);
    assert.equal(resultSlugs(second.text).length, 2);
    await request(app).get('/search?q=kameleont&page=3').expect(404);
  });

  it('when a title or text holds HTML, then results show it escaped', async () => {
    const { app, ctx } = setup();
    story(ctx, {
      slug: 'xss',
      title: '<script>alert(1)</script> Pingvin',
      blocks: [{ type: 'text', markdown: 'Pingvin <img src=x onerror=alert(1)>' }],
    });
    const res = await request(app).get('/search?q=pingvin').expect(200);
    assert.doesNotMatch(res.text, /<script>alert|<img src=x/);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>Pingvin<\/mark>/);
  });

  it('when the reader prefers English, then the search page is in English', async () => {
    const { app, ctx } = setup();
    story(ctx, { slug: 'en', blocks: [{ type: 'text', markdown: 'Zebra.' }] });
    const res = await request(app)
      .get('/search?q=zebra')
      .set('Accept-Language', 'en-GB,en;q=0.8')
      .expect(200);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /1 result</);
    assert.match(res.headers.vary ?? '', /Accept-Language/);
    const sv = await request(app).get('/search?q=zebra').expect(200);
    assert.match(sv.text, /<html lang="sv">/);
    assert.match(sv.text, /1 träff</);
  });
});

describe('GET /desk/search', () => {
  it('when an editor searches, then drafts are found too and link to the desk', async () => {
    const { app, ctx } = setup();
    await addUser(ctx, 'editor');
    story(ctx, {
      slug: 'draft-article',
      publish: false,
      blocks: [{ type: 'text', markdown: 'Okapi i utkast.' }],
    });
    const s = story(ctx, {
      slug: 'draft-update',
      publishUpdate: false,
      blocks: [{ type: 'text', markdown: 'Okapi.' }],
    });
    const { agent } = await loginAs(app, 'editor@example.com');
    const res = await agent.get('/desk/search?q=okapi').expect(200);
    assert.deepEqual(deskSlugs(res.text, ctx).sort(), ['draft-article', 'draft-update']);
    assert.match(res.text, new RegExp(`href="/desk/updates/${s.updateId}/edit"`));
    assert.match(res.text, /\(unpublished\)/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });

  it('when a journalist searches, then only the articles they work on are found', async () => {
    const { app, ctx } = setup();
    const journalist = await addUser(ctx, 'journalist');
    story(ctx, {
      slug: 'mine',
      publish: false,
      createdBy: journalist.id,
      blocks: [{ type: 'text', markdown: 'Tapir.' }],
    });
    const assigned = story(ctx, { slug: 'assigned', blocks: [{ type: 'text', markdown: 'Tapir.' }] });
    ctx.repos.articles.setMembers(assigned.articleId, [journalist.id], '2026-12-01T00:00:00.000Z');
    story(ctx, { slug: 'others-draft', publish: false, blocks: [{ type: 'text', markdown: 'Tapir.' }] });
    story(ctx, { slug: 'others-published', blocks: [{ type: 'text', markdown: 'Tapir.' }] });
    const { agent } = await loginAs(app, 'journalist@example.com');
    const res = await agent.get('/desk/search?q=tapir').expect(200);
    assert.deepEqual(deskSlugs(res.text, ctx).sort(), ['assigned', 'mine']);
  });

  it('when an anonymous visitor asks for the desk search, then they are sent to log in', async () => {
    const { app } = setup();
    const res = await request(app).get('/desk/search?q=x').expect(303);
    assert.match(res.headers.location ?? '', /^\/login\?next=/);
  });
});
