import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { parseSearchQuery } from '../../src/domain/search.js';
import { setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { keepSearchCurrent, refreshSearch, searchArticles } from '../../src/services/search.js';
import { deleteUpdate, postUpdate, setUpdateStatus } from '../../src/services/updates.js';
import { actor, freshContext } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';

// Public search ranks search_articles (one row per published article), which is rewritten after each
// change; these tests pin down that it is never behind what readers may see and never shows more.

const PUBLIC = { kind: 'public' } as const;
const EVERYTHING = { kind: 'staff', everyArticle: true, userId: null } as const;
const editor = actor('editor');

function find(ctx: ServiceContext, typed: string, scope: typeof PUBLIC | typeof EVERYTHING = PUBLIC) {
  const parsed = parseSearchQuery(typed);
  assert.ok(parsed.ok);
  return searchArticles(ctx, parsed.match, scope, 10, 0);
}

function post(ctx: ServiceContext, articleId: number, markdown: string, publish = true) {
  const input = { datedAt: '2026-12-08T12:00:00.000Z', precision: 'minute' as const, headline: null };
  return postUpdate(ctx, editor, articleId, { ...input, blocks: [{ type: 'text', markdown }] }, publish)
    .update;
}

describe('public search over search_articles', () => {
  it('when an update is published, then the next search finds it, from the update, and nothing is left marked', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    refreshSearch(ctx);
    const update = post(ctx, articleId, 'Evakueringen av Storgatan är klar.');
    assert.equal(ctx.repos.search.staleCount(), 1, 'the change marks its article in its own transaction');
    const { total, hits } = find(ctx, 'storgatan');
    assert.equal(total, 1);
    assert.equal(hits[0]?.updateId, update.id);
    assert.equal(ctx.repos.search.staleCount(), 0);
  });

  it('when an update is unpublished, removed, or its article unpublished, then readers no longer find its text', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    const hidden = post(ctx, articleId, 'Hemliga uppgifter om Tallgränd.');
    const removed = post(ctx, articleId, 'Felaktiga uppgifter om Björkvägen.');
    assert.equal(find(ctx, 'tallgränd').total, 1);
    assert.equal(find(ctx, 'björkvägen').total, 1);
    setUpdateStatus(ctx, editor, hidden.id, 'draft');
    deleteUpdate(ctx, editor, removed.id);
    assert.equal(find(ctx, 'tallgränd').total, 0);
    assert.equal(find(ctx, 'björkvägen').total, 0);
    // The desk still finds the draft; nobody finds the removed update.
    assert.equal(find(ctx, 'tallgränd', EVERYTHING).hits[0]?.updateId, hidden.id);
    assert.equal(find(ctx, 'björkvägen', EVERYTHING).total, 0);
    setArticleStatus(ctx, editor, articleId, 'draft');
    assert.equal(find(ctx, 'attacken').total, 0);
    assert.equal(find(ctx, 'attacken', EVERYTHING).total, 1);
  });

  it('when search_articles is behind (not rewritten yet), then a hidden update is still never shown', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    const hidden = post(ctx, articleId, 'Hemliga uppgifter om Tallgränd.');
    refreshSearch(ctx);
    setUpdateStatus(ctx, editor, hidden.id, 'draft');
    // Straight to the ranking, as if the rewrite had not happened: the old row still ranks the article,
    // but nothing in it that readers may see matches, so it is left out.
    assert.equal(ctx.repos.search.staleCount(), 1);
    const parsed = parseSearchQuery('tallgränd');
    assert.ok(parsed.ok);
    assert.deepEqual(ctx.repos.search.searchPublished(parsed.match, 10, 0).hits, []);
  });

  it('when the server starts with marks left by a crash, then they are worked off in the background', async () => {
    const ctx = freshContext();
    for (let i = 0; i < 60; i++) seedArticle(ctx, { slug: `story-${i}` });
    // 60 marked articles: more than a search rewrites itself, so it answers from the documents.
    assert.equal(ctx.repos.search.staleCount(), 60);
    assert.equal(find(ctx, 'attacken').total, 60);
    const stop = keepSearchCurrent(ctx.db, ctx.repos, pino({ level: 'silent' }));
    try {
      for (let i = 0; i < 20 && ctx.repos.search.staleCount() > 0; i++) await sleep(5);
      assert.equal(ctx.repos.search.staleCount(), 0);
      assert.equal(find(ctx, 'attacken').total, 60);
    } finally {
      stop();
    }
  });

  it('when a long prefix is searched, then it finds every word it starts and only those', () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    const first = post(ctx, articleId, 'Evakueringen pågår.');
    const second = post(ctx, articleId, 'Evakueringsplanen är klar.');
    post(ctx, articleId, 'Evakuera alla!');
    const { hits } = find(ctx, 'EVAKUÉRING*');
    assert.equal(hits[0]?.matches, 2);
    assert.equal(hits[0]?.updateId, second.id, 'the newest matching update is shown');
    assert.match(hits[0]?.snippet ?? '', /\uE000Evakueringsplanen\uE001/);
    assert.equal(find(ctx, 'evakueringen*').hits[0]?.updateId, first.id);
    assert.equal(find(ctx, 'evakueringar*').total, 0);
  });
});

describe('index upkeep', () => {
  it('when many changes are committed, then the background merge leaves few segments and search unchanged', async () => {
    const ctx = freshContext();
    const { articleId } = seedArticle(ctx);
    for (let i = 0; i < 40; i++) post(ctx, articleId, `Rapport nummer ${i} från Kustvägen.`);
    const segments = () =>
      ctx.db.prepare<[], number>('SELECT count(DISTINCT segid) FROM search_index_idx').pluck().get() ?? 0;
    const before = segments();
    const found = find(ctx, 'kustvägen').hits[0]?.matches;
    const stop = keepSearchCurrent(ctx.db, ctx.repos, pino({ level: 'silent' }));
    try {
      for (let i = 0; i < 500 && segments() > 3; i++) await sleep(5);
    } finally {
      stop();
    }
    assert.ok(before >= 8, `each commit added a segment (${before})`);
    assert.ok(segments() <= 3, `merged down to ${segments()} from ${before}`);
    assert.equal(find(ctx, 'kustvägen').hits[0]?.matches, found);
  });
});
