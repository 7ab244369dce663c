import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  pageCount,
  pageSlice,
  pagesById,
  parseSince,
  unreadSince,
  updateHref,
} from '../../src/render/article-page.js';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { setKeyEvent, setPinned } from '../../src/services/live.js';
import { testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';

const TOTAL = 1500;
const START = Date.parse('2026-10-01T00:00:00.000Z');
const minute = (i: number) => new Date(START + i * 60_000).toISOString();

/**
 * A live story with TOTAL published updates, written straight through the repositories in one
 * transaction (the services would take minutes). Update i is dated and first published at minute i;
 * the editors' order is newest first. Returns the ids, oldest first.
 */
function longStory(ctx: ServiceContext): { articleId: number; ids: number[] } {
  const editor = actor('editor');
  const created = createArticle(ctx, editor, {
    title: 'Den långa krisen',
    slug: 'lang',
    summary: 'Tusen uppdateringar och fler.',
    tags: [],
    locale: 'sv',
    timeZone: 'Europe/Stockholm',
    live: true,
  });
  assert.ok(created.ok);
  const articleId = created.article.id;
  const ids = ctx.db.transaction(() =>
    Array.from({ length: TOTAL }, (_, i) => {
      const id = ctx.repos.updates.insert(
        {
          articleId,
          datedAt: minute(i),
          precision: 'minute',
          headline: `Uppdatering ${i}`,
          authorId: null,
          status: 'published',
          position: (TOTAL - i) * 1024,
        },
        minute(i),
      );
      ctx.repos.updates.replaceBlocks(id, [
        { type: 'text', markdown: `Läget efter ${i} minuter.` },
        { type: 'qa', question: 'Hur går det?', answer: `Svar ${i}.`, speakerId: null, asker: null },
      ]);
      return id;
    }),
  )();
  setArticleStatus(ctx, editor, articleId, 'published');
  return { articleId, ids };
}

/** Update ids on a page, in document order (the pinned one included). */
const idsOn = (html: string) =>
  [...html.matchAll(/<article class="update[^"]*" id="update-(\d+)"/g)].map((m) => Number(m[1]));

describe('a story with 1500 updates', () => {
  let setup: ReturnType<typeof testApp>;
  let ids: number[];
  let articleId: number;

  before(() => {
    setup = testApp(() => new Date(minute(TOTAL + 60)));
    ({ articleId, ids } = longStory(setup.ctx));
  });
  after(() => setup.close());

  // Speed is measured by the benchmarks, not here: shared CI machines are too noisy for timing asserts.
  it('when page one is opened, then it shows the newest 50 with a link to older pages', async () => {
    const res = await request(setup.app).get('/articles/lang').expect(200);
    const shown = idsOn(res.text);
    assert.equal(shown.length, 50);
    assert.deepEqual(shown, ids.slice(-50).reverse());
    assert.match(res.text, /Sida 1 av 30/);
    assert.match(res.text, /<a rel="next" href="\?page=2">Äldre uppdateringar<\/a>/);
    assert.doesNotMatch(res.text, /rel="prev"/);
  });

  it('when a later page is opened, then it shows its 50, and past the last page is 404', async () => {
    const two = await request(setup.app).get('/articles/lang?page=2').expect(200);
    assert.deepEqual(idsOn(two.text), ids.slice(-100, -50).reverse());
    assert.match(two.text, /<a rel="prev" href="\?">Nyare uppdateringar<\/a>/);
    assert.match(two.text, /<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/articles\/lang\?page=2">/);
    const last = await request(setup.app).get('/articles/lang?page=30').expect(200);
    assert.deepEqual(idsOn(last.text), ids.slice(0, 50).reverse());
    assert.doesNotMatch(last.text, /rel="next"/);
    await request(setup.app).get('/articles/lang?page=31').expect(404);
    await request(setup.app).get('/articles/lang?page=0').expect(400);
  });

  it('when the reader asks for the oldest first, then page one starts at the beginning', async () => {
    const res = await request(setup.app).get('/articles/lang?order=oldest').expect(200);
    assert.deepEqual(idsOn(res.text), ids.slice(0, 50));
    assert.match(res.text, /href="\?order=oldest&amp;page=2"/);
  });

  it('when only page one holds the newest updates, then only page one listens for live events', async () => {
    const one = await request(setup.app).get('/articles/lang').expect(200);
    assert.match(
      one.text,
      /id="live-updates" class="live-updates" data-page="1" data-pages="30" data-events-url=/,
    );
    assert.match(one.text, /src="\/static\/js\/live\.js"/);
    const two = await request(setup.app).get('/articles/lang?page=2').expect(200);
    assert.match(two.text, /id="live-updates" class="live-updates" data-page="2" data-pages="30" data-order/);
    assert.doesNotMatch(two.text, /data-events-url|live\.js/);
  });

  it('when an old update is pinned and others are key events, then the pin is on page one and key events link to their pages', async () => {
    const editor = actor('editor');
    const pinnedId = ids[10] ?? 0;
    const oldKey = ids[100] ?? 0; // page 28 once the pinned update leaves the list
    const newKey = ids[TOTAL - 2] ?? 0;
    setPinned(setup.ctx, editor, pinnedId, true);
    setKeyEvent(setup.ctx, editor, oldKey, true);
    setKeyEvent(setup.ctx, editor, newKey, true);
    try {
      const one = await request(setup.app).get('/articles/lang').expect(200);
      assert.equal(idsOn(one.text)[0], pinnedId);
      assert.equal(idsOn(one.text).length, 51);
      const list = [...ids].reverse().filter((id) => id !== pinnedId);
      const oldPage = Math.floor(list.indexOf(oldKey) / 50) + 1;
      assert.match(one.text, new RegExp(`<a href="\\?page=${oldPage}#update-${oldKey}">`));
      assert.match(one.text, new RegExp(`<a href="#update-${newKey}">`));
      const two = await request(setup.app).get('/articles/lang?page=2').expect(200);
      assert.ok(!idsOn(two.text).includes(pinnedId), 'the pinned update is only on page one');
      assert.match(two.text, new RegExp(`<a href="\\?#update-${newKey}">`));
      const there = await request(setup.app).get(`/articles/lang?page=${oldPage}`).expect(200);
      assert.ok(idsOn(there.text).includes(oldKey));
      assert.match(there.text, new RegExp(`<a href="#update-${oldKey}">`));
    } finally {
      setPinned(setup.ctx, editor, pinnedId, false);
      setKeyEvent(setup.ctx, editor, oldKey, false);
      setKeyEvent(setup.ctx, editor, newKey, false);
    }
  });

  it("when an old update's permalink is opened, then its link back lands on the page that shows it", async () => {
    const old = ids[200] ?? 0;
    const page = Math.floor((TOTAL - 1 - 200) / 50) + 1;
    const res = await request(setup.app).get(`/articles/lang/updates/${old}`).expect(200);
    assert.match(res.text, new RegExp(`<a href="/articles/lang\\?page=${page}#update-${old}">`));
    const target = await request(setup.app).get(`/articles/lang?page=${page}`).expect(200);
    assert.ok(idsOn(target.text).includes(old));
    const newest = await request(setup.app)
      .get(`/articles/lang/updates/${ids[TOTAL - 1]}`)
      .expect(200);
    assert.match(newest.text, new RegExp(`<a href="/articles/lang#update-${ids[TOTAL - 1]}">`));
  });

  it('when the reader returns with ?since=, then newer updates are marked and the first unread is one jump away', async () => {
    // 60 updates were first published after minute 1439 + 1: the newest 60.
    const since = new Date(START + (TOTAL - 61) * 60_000 + 30_000).toISOString();
    const res = await request(setup.app)
      .get(`/articles/lang?since=${encodeURIComponent(since)}`)
      .expect(200);
    assert.equal((res.text.match(/class="badge badge--new">Ny</g) ?? []).length, 50);
    assert.match(res.text, /60 nya uppdateringar sedan/);
    // The earliest unread (minute 1440) is on page 2; the link keeps `since`.
    const first = ids[TOTAL - 60] ?? 0;
    const href = `?page=2&amp;since=${encodeURIComponent(since)}#update-${first}`;
    assert.ok(res.text.includes(`<a href="${href}">Hoppa till den första olästa</a>`), href);
    assert.ok(res.text.includes(`<a rel="next" href="?page=2&amp;since=${encodeURIComponent(since)}">`));
    const two = await request(setup.app)
      .get(`/articles/lang?page=2&since=${encodeURIComponent(since)}`)
      .expect(200);
    assert.equal((two.text.match(/class="badge badge--new">/g) ?? []).length, 10);
    const none = await request(setup.app).get('/articles/lang').expect(200);
    assert.doesNotMatch(none.text, /badge--new|since-note"/);
  });

  it('when ?since= is malformed or repeated, then 400', async () => {
    await request(setup.app).get('/articles/lang?since=yesterday').expect(400);
    await request(setup.app).get('/articles/lang?since=2026-12-08').expect(400);
    await request(setup.app)
      .get('/articles/lang?since=2026-12-08T10:00:00Z&since=2026-12-08T11:00:00Z')
      .expect(400);
    await request(setup.app).get('/articles/lang?since=2026-12-08T10:00:00%2B01:00').expect(200);
  });

  it('when the story is searched, then its one result counts the matching updates', async () => {
    // The updates were written straight through the repositories: index them as `dateline reindex` would.
    setup.ctx.db.transaction(() => setup.ctx.repos.search.indexArticle(articleId))();
    const indexed = await request(setup.app).get('/search?q=uppdatering').expect(200);
    assert.match(indexed.text, /1 träff</);
    assert.match(indexed.text, /1\u00a0500 träffar i artikeln/);
  });
});

describe('article paging and returning readers: the pure parts', () => {
  it('when lists are paged, then pages hold 50 and every id knows its page', () => {
    assert.equal(pageCount(0), 1);
    assert.equal(pageCount(50), 1);
    assert.equal(pageCount(51), 2);
    assert.deepEqual(pageSlice([1, 2, 3, 4, 5], 2, 2), [3, 4]);
    const pages = pagesById([7, 8, 9], 2);
    assert.equal(pages.get(9), 2);
    const query = (p: number) => `?page=${p}`;
    assert.equal(updateHref(9, pages, 2, query), '#update-9');
    assert.equal(updateHref(9, pages, 1, query), '?page=2#update-9');
    assert.equal(updateHref(42, pages, 1, query), '#update-42', 'not in the list: on page one');
  });

  it('when since is parsed, then only instants with a zone are taken, normalised to UTC', () => {
    assert.equal(parseSince('2026-12-08T15:04:00+01:00'), '2026-12-08T14:04:00.000Z');
    assert.equal(parseSince('2026-12-08T14:04Z'), '2026-12-08T14:04:00.000Z');
    for (const bad of ['2026-12-08', '2026-12-08T14:04', 'now', '2026-13-45T99:99:00Z', '']) {
      assert.equal(parseSince(bad), null, bad);
    }
  });

  it('when updates are compared with since, then only first publication after it counts, drafts never', () => {
    const u = (id: number, firstPublishedAt: string | null, status: 'draft' | 'published' = 'published') =>
      ({ id, firstPublishedAt, status }) as Parameters<typeof unreadSince>[0][number];
    const { ids, first } = unreadSince(
      [
        u(1, '2026-12-08T10:00:00.000Z'),
        u(2, '2026-12-08T12:00:00.000Z'),
        u(3, '2026-12-08T11:00:00.000Z'),
        u(4, null, 'draft'),
      ],
      '2026-12-08T10:30:00.000Z',
    );
    assert.deepEqual([...ids].sort(), [2, 3]);
    assert.equal(first?.id, 3);
    assert.equal(unreadSince([u(1, '2026-12-08T10:00:00.000Z')], null).first, null);
  });
});
