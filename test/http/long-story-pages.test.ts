import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createRepos } from '../../src/db/repos.js';
import { inReaderOrder } from '../../src/domain/ordering.js';
import type { Update } from '../../src/domain/types.js';
import {
  pageCount,
  pageSlice,
  pagesById,
  updateHref,
  type PageRequest,
} from '../../src/render/article-page.js';
import { articleByline, keyEventLinks, updateView } from '../../src/render/article-view.js';
import { articleCorrections } from '../../src/render/corrections.js';
import { messages } from '../../src/render/i18n.js';
import { articlePageHead } from '../../src/render/page-head.js';
import { renderView } from '../../src/render/templates.js';
import type { ServiceContext } from '../../src/services/context.js';
import { freshDb } from '../helpers/db.js';
import { recordReads } from '../helpers/read-recorder.js';
import { storyMinute, variedStory, type VariedStory } from '../helpers/varied-story.js';

const TOTAL = 1500;
const ORIGIN = 'https://news.example';

/** Update ids on a page, in document order (the pinned one included). */
const idsOn = (html: string) =>
  [...html.matchAll(/<article class="update[^"]*" id="update-(\d+)"/g)].map((m) => Number(m[1]));

/** The URL of a view of the story, and of one of its pages. */
function pageQuery(view: Omit<PageRequest, 'page'>, page: number): string {
  const params: Record<string, string> = {};
  if (view.order !== 'editors') params.order = view.order;
  if (view.filter !== 'all') params.filter = view.filter;
  if (page > 1) params.page = String(page);
  return `?${new URLSearchParams(params).toString()}`;
}

/**
 * A page as the full-list code built it: every update with its blocks and corrections loaded
 * (`listForArticle`), then paged, and each part of the page rendered from the full list.
 */
function reference(ctx: ServiceContext, view: PageRequest) {
  const article = ctx.repos.articles.findBySlug('lang');
  assert.ok(article);
  const all = ctx.repos.updates.listForArticle(article.id, false);
  const now = ctx.clock().toISOString();
  const pinned = view.filter === 'all' ? all.find((u) => u.pinned && u.status === 'published') : undefined;
  const list = inReaderOrder(
    all.filter((u) => u !== pinned && (view.filter === 'all' || u.keyEvent)),
    view.order,
  );
  const shown = [...(pinned && view.page === 1 ? [pinned] : []), ...pageSlice(list, view.page)];
  const pageOf = pagesById(list.map((u) => u.id));
  const hrefFor = (id: number) => updateHref(id, pageOf, view.page, (p) => pageQuery(view, p));
  const t = messages(article.locale);
  const locals = { article: { ...article, draft: false }, t };
  const published = all.filter((u: Update) => u.status === 'published');
  return {
    ids: shown.map((u) => u.id),
    pages: pageCount(list.length),
    fragments: [
      `<p class="story__byline">${t.by} ${articleByline(all).join(', ')}</p>`,
      renderView('partials/key-events', {
        ...locals,
        keyEvents: keyEventLinks(article, published, now, hrefFor),
      }),
      ...shown.map((u) =>
        renderView('partials/update', {
          ...locals,
          update: { ...updateView(article, u, now), isNew: false },
        }),
      ),
      renderView('partials/corrections', { t, corrections: articleCorrections(article, all) }),
      `<script type="application/ld+json">${articlePageHead(article, { all, shown }, { baseUrl: ORIGIN }).jsonLd}</script>`,
    ],
  };
}

describe('a varied story of 1500 updates, read a page at a time', () => {
  let ctx: ServiceContext;
  let app: ReturnType<typeof createApp>;
  let story: VariedStory;
  let recorder: ReturnType<typeof recordReads>;

  before(() => {
    const db = freshDb();
    recorder = recordReads(db); // before the app prepares its statements
    const clock = () => new Date(storyMinute(TOTAL + 60));
    ctx = { db, repos: createRepos(db), clock };
    const config = loadConfig({ DATELINE_BASE_URL: ORIGIN }, () => 'test-secret-'.repeat(4));
    app = createApp({ db, config, clock });
    story = variedStory(ctx, TOTAL, 'lang');
  });
  after(() => (app.close(), ctx.db.close()));

  const views: PageRequest[] = [
    { order: 'editors', filter: 'all', page: 1 },
    { order: 'editors', filter: 'all', page: 15 },
    { order: 'editors', filter: 'all', page: 30 },
    { order: 'oldest', filter: 'all', page: 1 },
    { order: 'newest', filter: 'all', page: 7 },
    { order: 'editors', filter: 'key', page: 1 },
  ];
  for (const view of views) {
    it(`when /articles/lang${pageQuery(view, view.page)} is opened, then it shows what the full list showed`, async () => {
      const expected = reference(ctx, view);
      const res = await request(app)
        .get(`/articles/lang${pageQuery(view, view.page)}`)
        .expect(200);
      assert.deepEqual(idsOn(res.text), expected.ids);
      assert.ok(res.text.includes(`Sida ${view.page} av ${expected.pages}`) || expected.pages === 1);
      for (const fragment of expected.fragments)
        assert.ok(res.text.includes(fragment), fragment.slice(0, 300));
    });
  }

  it('when the page after the last is asked for, then 404, as before', async () => {
    const { pages } = reference(ctx, { order: 'editors', filter: 'all', page: 1 });
    assert.equal(pages, 30);
    await request(app)
      .get(`/articles/lang?page=${pages + 1}`)
      .expect(404);
  });

  it("when an old update's permalink is opened, then its link back names the page the full list gave", async () => {
    const all = ctx.repos.updates.listForArticle(story.articleId, false);
    const pinned = all.find((u) => u.pinned && u.status === 'published');
    const old = story.ids[100] ?? 0;
    const page = pagesById(all.filter((u) => u !== pinned).map((u) => u.id)).get(old);
    assert.equal(page, 28);
    const res = await request(app).get(`/articles/lang/updates/${old}`).expect(200);
    assert.ok(res.text.includes(`<a href="/articles/lang?page=${page}#update-${old}">`));
  });

  /** The ids of the updates whose blocks were read since the recorder was cleared. */
  const blocksReadOf = () =>
    new Set(
      recorder.reads
        .filter((read) => /\bFROM blocks\b/.test(read.sql))
        .flatMap((read) => (read.rows as { update_id: number }[]).map((row) => row.update_id)),
    );

  // The page cache would answer without reading anything, and blocks read before are kept while their
  // stamp stays (src/db/kept-blocks.ts): these tests measure a render as if every update had changed.
  const renderAfresh = () => {
    app.pages.invalidate();
    ctx.db.prepare('UPDATE updates SET blocks_stamp = blocks_stamp + 1000000000').run();
    recorder.clear();
  };

  it('when page one is opened, then only the blocks of the updates it shows are read', async () => {
    renderAfresh();
    const res = await request(app).get('/articles/lang').expect(200);
    assert.deepEqual([...blocksReadOf()].sort(), idsOn(res.text).sort());
    const rows = recorder.reads.reduce((n, read) => n + read.rows.length, 0);
    // The index of 1 500 updates, the page's blocks and the corrections: far from every block of the story.
    assert.ok(rows < 2 * TOTAL, `${rows} rows read`);
  });

  it('when only key events are listed, or an update has its own page, then no other blocks are read', async () => {
    renderAfresh();
    const keys = await request(app).get('/articles/lang?filter=key').expect(200);
    assert.deepEqual([...blocksReadOf()].sort(), idsOn(keys.text).sort());
    recorder.clear();
    const old = story.ids[100] ?? 0;
    await request(app).get(`/articles/lang/updates/${old}`).expect(200);
    assert.deepEqual([...blocksReadOf()], [old]);
  });
});
