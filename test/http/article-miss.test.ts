import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { editUpdate } from '../../src/services/updates.js';
import { actor, freshContext } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { onSocket, pageHeaders } from '../helpers/socket.js';

// An anonymous reader's first view of an article after a change is rendered in front of Express
// (src/http/article-miss.ts). Served on a real socket as `npm start` serves it; a request that carries
// `x-test-path: express` is handed to the Express app directly, so both paths answer on the same origin.
// Express logs every request it answers (pino-http); the path in front of it logs none.

let running: { server: Server; close: () => void } | undefined;
afterEach(() => {
  running?.server.close();
  running?.close();
  running = undefined;
});

async function start(env: NodeJS.ProcessEnv = {}) {
  const ctx = freshContext();
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const url = (JSON.parse(chunk.toString()) as { req?: { url?: string } }).req?.url;
      if (url) logged.push(url);
      done();
    },
  });
  const config = loadConfig(env, () => 'test-secret-'.repeat(4));
  const app = createApp({ db: ctx.db, config, clock: ctx.clock, log: pino({ level: 'info' }, sink) });
  const { server, get } = await onSocket((req, res) => {
    if (req.headers['x-test-path'] === 'express') void app(req, res);
    else app.handler(req, res);
  });
  running = { server, close: () => (app.close(), ctx.db.close()) };
  /** Whether Express answered (and logged) requests for `path` since the last call. */
  const expressAnswered = async (path: string) => {
    await new Promise((resolve) => setImmediate(resolve)); // pino-http logs when the response finishes
    const seen = logged.includes(path);
    logged.length = 0;
    return seen;
  };
  return { ctx, app, get, expressAnswered };
}

describe('first view of an article after a change, in front of Express', () => {
  it('answers without Express, with the bytes and headers Express renders for the same request', async () => {
    const s = await start();
    seedArticle(s.ctx);
    const front = await s.get('/articles/it-attack');
    assert.equal(front.status, 200);
    assert.equal(await s.expressAnswered('/articles/it-attack'), false, 'answered in front of Express');
    s.app.pages.invalidate();
    const full = await s.get('/articles/it-attack', { 'x-test-path': 'express' });
    assert.equal(await s.expressAnswered('/articles/it-attack'), true);
    assert.deepEqual(full.body, front.body);
    assert.deepEqual(pageHeaders(full.headers), pageHeaders(front.headers));
    assert.match(front.body.toString(), /Attacken upptäcktes under natten\./);
    assert.equal(front.headers['cache-control'], 'public, max-age=5, stale-while-revalidate=30');
    assert.match(String(front.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(s.app.pages.hits, 0);
    await s.get('/articles/it-attack');
    assert.equal(s.app.pages.hits, 1, 'the page it rendered went into the cache');
  });

  it('when an update is edited, then the next view renders the change', async () => {
    const s = await start();
    const { dayUpdateId } = seedArticle(s.ctx);
    await s.get('/articles/it-attack');
    const update = s.ctx.repos.updates.findById(dayUpdateId);
    assert.ok(update);
    editUpdate(s.ctx, actor('editor'), dayUpdateId, update.version, {
      datedAt: update.datedAt,
      precision: update.precision,
      headline: 'Attacken bekräftad',
      blocks: [{ type: 'text', markdown: 'Nordhall IT *bekräftar* intrånget.' }],
    });
    const next = await s.get('/articles/it-attack');
    assert.equal(await s.expressAnswered('/articles/it-attack'), false);
    assert.match(next.body.toString(), /Attacken bekräftad/);
    assert.match(next.body.toString(), /Nordhall IT <em>bekräftar<\/em> intrånget\./);
    assert.doesNotMatch(next.body.toString(), /Attacken upptäcktes under natten/);
  });

  it('leaves to Express what it cannot answer alike: queries, HEAD, staff, unpublished, forwarded hosts', async () => {
    const s = await start();
    seedArticle(s.ctx);
    seedArticle(s.ctx, { slug: 'utkast', publish: false });
    const cases: [string, Record<string, string>, string, number][] = [
      ['/articles/it-attack?order=newest', {}, 'GET', 200],
      ['/articles/it-attack', {}, 'HEAD', 200],
      ['/articles/it-attack', { authorization: 'Bearer not-a-token' }, 'GET', 200],
      ['/articles/utkast', {}, 'GET', 404],
      ['/articles/saknas', {}, 'GET', 404],
      ['/articles/it-attack', { 'x-forwarded-host': 'elsewhere.example' }, 'GET', 200],
    ];
    for (const [path, headers, method, status] of cases) {
      s.app.pages.invalidate();
      const reply = await s.get(path, headers, method);
      assert.equal(reply.status, status, `${method} ${path} ${JSON.stringify(headers)}`);
      assert.equal(await s.expressAnswered(path), true, `${method} ${path} ${JSON.stringify(headers)}`);
    }
  });

  it('with DATELINE_BASE_URL set, answers forwarded requests too: their links come from the base URL', async () => {
    const s = await start({ DATELINE_BASE_URL: 'https://news.example' });
    seedArticle(s.ctx);
    const reply = await s.get('/articles/it-attack', { 'x-forwarded-host': 'elsewhere.example' });
    assert.equal(await s.expressAnswered('/articles/it-attack'), false);
    assert.match(
      reply.body.toString(),
      /<link rel="canonical" href="https:\/\/news\.example\/articles\/it-attack">/,
    );
    assert.doesNotMatch(reply.body.toString(), /elsewhere\.example/);
  });
});
