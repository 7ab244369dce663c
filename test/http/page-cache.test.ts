import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { postUpdate } from '../../src/services/updates.js';
import { addUser, csrfFrom, PASSWORD, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { seedArticle } from '../helpers/fixtures.js';
import { onSocket, pageHeaders, type Get } from '../helpers/socket.js';

// The public page cache and the fast path in front of Express (src/http/page-cache.ts, fast-path.ts):
// served through `app.handler` on a real socket, as `npm start` serves it.

let running: { server: Server; close: () => void } | undefined;
afterEach(() => {
  running?.server.close();
  running?.close();
  running = undefined;
});

async function start() {
  const setup = testApp();
  const { server, get } = await onSocket(setup.app.handler);
  running = { server, close: setup.close };
  return { ...setup, get };
}

/** Logs in through the Express app and returns the session cookie ("name=value"). */
async function sessionCookie(app: Parameters<typeof request>[0], email: string): Promise<string> {
  const page = await request(app).get('/login');
  const first = String(page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const res = await request(app)
    .post('/login')
    .set('Cookie', first)
    .type('form')
    .send({ email, password: PASSWORD, _csrf: csrfFrom(page.text) })
    .expect(303);
  return String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
}

/** Asks for the page in `encoding` until the cache has made that variant. */
async function compressed(get: Get, path: string, encoding: 'br' | 'gzip') {
  for (let i = 0; i < 100; i += 1) {
    const reply = await get(path, { 'accept-encoding': encoding });
    if (reply.headers['content-encoding'] === encoding) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${encoding} variant`);
}

describe('public page cache and fast path', () => {
  it('when a reader asks again, then the fast path answers with the same bytes and headers as the full stack', async () => {
    const s = await start();
    seedArticle(s.ctx);
    const first = await s.get('/articles/it-attack');
    assert.equal(first.status, 200);
    assert.equal(s.app.pages.hits, 0);
    const second = await s.get('/articles/it-attack');
    assert.equal(s.app.pages.hits, 1, 'the second answer came from the fast path');
    assert.deepEqual(second.body, first.body);
    assert.deepEqual(pageHeaders(second.headers), pageHeaders(first.headers));
    assert.match(String(first.headers['x-request-id']), /^[\da-f-]{36}$/);
    assert.notEqual(second.headers['x-request-id'], first.headers['x-request-id']);
    const h = second.headers;
    assert.match(String(h['content-security-policy']), /script-src 'self'/);
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.equal(h['cache-control'], 'public, max-age=5, stale-while-revalidate=30');
    assert.match(String(h['surrogate-key']), /^article-\d+$/);
    assert.match(String(h.vary), /Accept-Encoding/);
    assert.match(String(h.etag), /^W\/"/);
    assert.equal(h['content-type'], 'text/html; charset=utf-8');
    assert.equal(h['set-cookie'], undefined);
  });

  it('when the reader accepts gzip or brotli, then the compressed bytes decode to the same page', async () => {
    const s = await start();
    seedArticle(s.ctx);
    const plain = await s.get('/articles/it-attack');
    await compressed(s.get, '/articles/it-attack', 'br');
    await compressed(s.get, '/articles/it-attack', 'gzip');
    const br = await s.get('/articles/it-attack', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(brotliDecompressSync(br.body), plain.body);
    const gz = await s.get('/articles/it-attack', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), plain.body);
    assert.equal(Number(gz.headers['content-length']), gz.body.length);
  });

  it('when the reader has the page (If-None-Match), then 304 without a body, on article and front pages', async () => {
    const s = await start();
    seedArticle(s.ctx);
    for (const path of ['/articles/it-attack', '/']) {
      const first = await s.get(path);
      const etag = String(first.headers.etag);
      for (let i = 0; i < 2; i += 1) {
        const again = await s.get(path, { 'if-none-match': etag });
        assert.equal(again.status, 304, path);
        assert.equal(again.body.length, 0);
        assert.equal(again.headers.etag, etag);
      }
      assert.equal((await s.get(path, { 'if-none-match': 'W/"other"' })).status, 200);
    }
  });

  it('when an update is published, then the next request shows it (and the ETag changes)', async () => {
    const s = await start();
    const { articleId } = seedArticle(s.ctx);
    const before = await s.get('/articles/it-attack');
    await s.get('/articles/it-attack');
    postUpdate(
      s.ctx,
      actor('editor'),
      articleId,
      {
        datedAt: '2026-12-09T10:00:00.000Z',
        precision: 'minute',
        headline: null,
        blocks: [{ type: 'text', markdown: 'Ny uppgift: attacken är stoppad.' }],
      },
      true,
    );
    const after = await s.get('/articles/it-attack', { 'if-none-match': String(before.headers.etag) });
    assert.equal(after.status, 200);
    assert.match(after.body.toString(), /attacken är stoppad/);
    assert.notEqual(after.headers.etag, before.headers.etag);
  });

  it('never shows staff a cached public page, nor the public a page rendered for staff', async () => {
    const s = await start();
    const { articleId } = seedArticle(s.ctx);
    await addUser(s.ctx, 'editor');
    postUpdate(
      s.ctx,
      actor('editor'),
      articleId,
      {
        datedAt: '2026-12-09T11:00:00.000Z',
        precision: 'minute',
        headline: null,
        blocks: [{ type: 'text', markdown: 'Hemligt utkast som bara redaktionen ser.' }],
      },
      false,
    );
    const staffCookie = await sessionCookie(s.app, 'editor@example.com');

    // The public first: the page is cached without the draft.
    const publicPage = await s.get('/articles/it-attack');
    assert.doesNotMatch(publicPage.body.toString(), /Hemligt utkast/);
    const staffPage = await s.get('/articles/it-attack', { cookie: staffCookie });
    assert.match(staffPage.body.toString(), /Hemligt utkast/, 'staff see their draft, not the cached page');
    assert.equal(staffPage.headers['cache-control'], 'private, no-store');
    // Staff again, then the public: the staff rendering never reaches the public.
    await s.get('/articles/it-attack', { cookie: staffCookie });
    const publicAgain = await s.get('/articles/it-attack');
    assert.doesNotMatch(publicAgain.body.toString(), /Hemligt utkast/);
  });

  it('keeps one front page per reader language', async () => {
    const s = await start();
    seedArticle(s.ctx);
    const en = await s.get('/', { 'accept-language': 'en-GB,en;q=0.9' });
    const sv = await s.get('/', { 'accept-language': 'sv-SE' });
    const enAgain = await s.get('/', { 'accept-language': 'en-GB,en;q=0.9' });
    assert.match(en.body.toString(), /<html lang="en"/);
    assert.match(sv.body.toString(), /<html lang="sv"/);
    assert.deepEqual(enAgain.body, en.body);
    assert.match(String(en.headers.vary), /Accept-Language/);
    assert.equal(s.app.pages.hits, 1);
  });

  it('when a request forges its Host, then other readers never get that page (no DATELINE_BASE_URL)', async () => {
    const s = await start();
    seedArticle(s.ctx);
    const forged = await s.get('/articles/it-attack', { host: 'evil.example' });
    assert.match(
      forged.body.toString(),
      /<link rel="canonical" href="http:\/\/evil\.example\/articles\/it-attack">/,
    );
    const reader = await s.get('/articles/it-attack');
    assert.doesNotMatch(reader.body.toString(), /evil\.example/);
    const again = await s.get('/articles/it-attack', { 'x-forwarded-host': 'evil.example' });
    assert.doesNotMatch(
      again.body.toString(),
      /evil\.example/,
      'X-Forwarded-Host is ignored without a trusted proxy',
    );
    assert.equal(s.app.pages.hits, 0, 'three different keys, three renders');
  });

  it('answers HEAD from the cache without a body', async () => {
    const s = await start();
    seedArticle(s.ctx);
    const get = await s.get('/articles/it-attack');
    const head = await s.get('/articles/it-attack', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], String(get.body.length));
  });
});
