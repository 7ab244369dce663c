import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { postUpdate, editUpdate } from '../../src/services/updates.js';
import { reorderUpdates } from '../../src/services/live.js';
import { testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { listen, openStream } from '../helpers/sse.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  const t = testApp(() => new Date());
  const ids = seedArticle(t.ctx);
  const server = await listen(t.app);
  cleanup = async () => {
    await server.stop();
    t.close();
  };
  return { ...t, ...ids, base: server.base, url: `${server.base}/articles/it-attack/events` };
}

const editor = actor('editor');
const later = (headline: string) => ({ ...QA_UPDATE, headline, datedAt: '2026-12-09T10:00:00.000Z' });

describe('GET /articles/:slug/events', () => {
  it('when connected, then the stream has SSE headers and a retry hint', async () => {
    const { url } = await setup();
    const stream = await openStream(url);
    assert.equal(stream.res.status, 200);
    assert.match(stream.res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(stream.res.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(stream.res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(stream.res.headers.get('x-request-id') ?? '', /^[\da-f-]{36}$/);
    assert.equal(stream.res.headers.get('set-cookie'), null);
    await stream.next(200);
    assert.match(stream.raw(), /^retry: \d+\n\n/);
    stream.close();
  });

  it('when an update is published, then a connected reader receives it with its rendered HTML at once', async () => {
    const { url, ctx, articleId } = await setup();
    const stream = await openStream(url);
    const { update } = postUpdate(ctx, editor, articleId, later('Polisen utreder'), true);
    const frame = await stream.next();
    assert.ok(frame, 'an event arrived');
    assert.equal(frame.event, 'update.published');
    const data = JSON.parse(frame.data) as { updateId: number; html: string; order: number[] };
    assert.equal(data.updateId, update.id);
    assert.match(data.html, /Polisen utreder/);
    assert.match(data.html, new RegExp(`id="update-${update.id}"`));
    assert.equal(data.order[0], update.id, 'newest first in the editors’ order');
    stream.close();
  });

  it('when a draft update is saved, then readers get no event', async () => {
    const { url, ctx, articleId } = await setup();
    const stream = await openStream(url);
    postUpdate(ctx, editor, articleId, later('Hemligt utkast'), false);
    assert.equal(await stream.next(300), undefined);
    postUpdate(ctx, editor, articleId, later('Publicerat'), true);
    const frame = await stream.next();
    assert.doesNotMatch(frame?.data ?? '', /Hemligt utkast/);
    assert.match(frame?.data ?? '', /Publicerat/);
    stream.close();
  });

  it('when a reader reconnects with Last-Event-ID, then it receives exactly the events it missed, once', async () => {
    const { url, ctx, articleId, minuteUpdateId } = await setup();
    const first = await openStream(url);
    postUpdate(ctx, editor, articleId, later('Ett'), true);
    const seen = await first.next();
    assert.ok(seen?.id);
    first.close();

    const { update: two } = postUpdate(ctx, editor, articleId, later('Två'), true);
    const current = ctx.repos.updates.findById(minuteUpdateId);
    editUpdate(ctx, editor, minuteUpdateId, current?.version ?? 0, { ...QA_UPDATE, headline: 'Rättad' });
    const order = ctx.repos.updates
      .positions(articleId)
      .map((p) => p.id)
      .reverse();
    reorderUpdates(ctx, editor, articleId, order);

    const again = await openStream(url, { 'Last-Event-ID': seen.id });
    const replayed = [await again.next(), await again.next(), await again.next()];
    assert.deepEqual(
      replayed.map((f) => f?.event),
      ['update.published', 'update.edited', 'article.reordered'],
    );
    assert.ok(replayed.every((f) => Number(f?.id) > Number(seen.id)));
    assert.equal((JSON.parse(replayed[0]?.data ?? '{}') as { updateId: number }).updateId, two.id);
    assert.equal(await again.next(300), undefined, 'nothing is sent twice');
    // And it stays live after the replay.
    postUpdate(ctx, editor, articleId, later('Tre'), true);
    assert.match((await again.next())?.data ?? '', /Tre/);
    again.close();
  });

  it('when the page passes the event id it was rendered at, then nothing between render and connect is lost', async () => {
    const { url, ctx, articleId } = await setup();
    const renderedAt = ctx.repos.events.lastId(articleId);
    postUpdate(ctx, editor, articleId, later('Mellan'), true);
    const stream = await openStream(`${url}?lastEventId=${renderedAt}`);
    assert.match((await stream.next())?.data ?? '', /Mellan/);
    stream.close();
  });

  it('when an update is removed, then the event says to remove it (no HTML)', async () => {
    const { url, ctx, minuteUpdateId } = await setup();
    const stream = await openStream(url);
    const { deleteUpdate } = await import('../../src/services/updates.js');
    deleteUpdate(ctx, editor, minuteUpdateId);
    const frame = await stream.next();
    assert.equal(frame?.event, 'update.removed');
    const data = JSON.parse(frame?.data ?? '{}') as {
      updateId: number;
      html: string | null;
      order: number[];
    };
    assert.equal(data.html, null);
    assert.ok(!data.order.includes(minuteUpdateId));
    stream.close();
  });

  it('when the article is a draft or missing, then 404; a malformed Last-Event-ID is a 400', async () => {
    const { base, ctx } = await setup();
    seedArticle(ctx, { slug: 'utkast', publish: false });
    assert.equal((await fetch(`${base}/articles/utkast/events`)).status, 404);
    assert.equal((await fetch(`${base}/articles/nope/events`)).status, 404);
    assert.equal(
      (await fetch(`${base}/articles/it-attack/events`, { headers: { 'Last-Event-ID': 'abc' } })).status,
      400,
    );
    assert.equal((await fetch(`${base}/articles/it-attack/events?lastEventId=-1`)).status, 400);
    assert.equal((await fetch(`${base}/articles/It-Attack/events`)).status, 404);
  });
});
