import assert from 'node:assert/strict';
import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chooseEncoding, PageCache, utf8Bytes } from '../../src/http/page-cache.js';
import { BLNS_ALL } from '../hostile/blns.js';

/** A response object with some headers set, as the Express stack leaves it before sending. */
function responseWith(headers: Record<string, string | string[]>): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  return res;
}

const HEADERS = { 'content-security-policy': "default-src 'self'", 'cache-control': 'public, max-age=5' };

function cache(options: { dataVersion?: () => number; now?: () => number } = {}) {
  return new PageCache(options.dataVersion ?? (() => 1), options.now);
}

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), 'identity');
    assert.equal(chooseEncoding(undefined), 'identity');
    assert.equal(chooseEncoding('identity'), 'identity');
    assert.equal(chooseEncoding('BR'), 'br');
  });
});

describe('PageCache', () => {
  it('keeps the page with the headers set so far, minus per-response ones, and Vary: Accept-Encoding', () => {
    const pages = cache();
    const res = responseWith({ ...HEADERS, 'x-request-id': 'abc', vary: 'Accept-Language' });
    const page = pages.store('/articles/a', res, '<p>hej</p>');
    assert.ok(page);
    assert.deepEqual(page.headers, [
      'content-security-policy',
      "default-src 'self'",
      'cache-control',
      'public, max-age=5',
      'vary',
      'Accept-Language, Accept-Encoding',
      'content-type',
      'text/html; charset=utf-8',
    ]);
    assert.equal(page.body.identity.toString(), '<p>hej</p>');
    assert.match(page.etag, /^W\/"[\w-]{27}"$/);
    assert.equal(pages.get('/articles/a'), page);
  });

  it('names a page by its content: the same page the same ETag, another page another, large pages too', () => {
    const pages = cache();
    const etag = (key: string, html: string) => pages.store(key, responseWith(HEADERS), html)?.etag;
    const large = (seed: string) => Array.from({ length: 20_000 }, (_, i) => `${seed}${i * 7919}`).join(' ');
    assert.equal(etag('/a', '<p>hej – då</p>'), etag('/b', '<p>hej – då</p>'));
    pages.invalidate();
    assert.equal(etag('/a', '<p>hej – då</p>'), etag('/c', '<p>hej – då</p>'), 'across generations');
    assert.notEqual(etag('/a', '<p>hej – då</p>'), etag('/a', '<p>hej – nu</p>'));
    assert.ok(large('x').length > 128 * 1024, 'over the quick brotli limit');
    assert.equal(etag('/l', large('x')), etag('/m', large('x')));
    assert.notEqual(etag('/l', large('x')), etag('/l', large('y')));
    assert.notEqual(
      etag('/s', '<p>a</p>')?.slice(3, 4),
      etag('/l', large('x'))?.slice(3, 4),
      'kinds kept apart',
    );
  });

  it('never keeps a response that sets a cookie', () => {
    const pages = cache();
    assert.equal(pages.store('/x', responseWith({ 'set-cookie': ['s=1'] }), 'x'), undefined);
    assert.equal(pages.get('/x'), undefined);
  });

  it('when a change is committed, then no stored page is served again', () => {
    const pages = cache();
    pages.store('/a', responseWith(HEADERS), 'a');
    pages.invalidate();
    assert.equal(pages.get('/a'), undefined);
  });

  it('when another process commits (data_version changes), then stored pages are stale', () => {
    let version = 1;
    let now = 1_000;
    const pages = cache({ dataVersion: () => version, now: () => now });
    pages.store('/a', responseWith(HEADERS), 'a');
    assert.ok(pages.get('/a'));
    version = 2;
    now += 100; // the cross-process check runs at most every 100 ms
    assert.equal(pages.get('/a'), undefined);
  });

  it('when a page is older than a minute, then it is rendered again', () => {
    let now = 1_000;
    const pages = cache({ now: () => now });
    pages.store('/a', responseWith(HEADERS), 'a');
    now += 59_999;
    assert.ok(pages.get('/a'));
    now += 1;
    assert.equal(pages.get('/a'), undefined);
  });

  it('makes brotli at once and gzip when first asked for, off the main thread, with the same content', async () => {
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    const pages = cache();
    const html = '<p>Uppdatering</p>'.repeat(500);
    const page = pages.store('/a', responseWith(HEADERS), html);
    assert.ok(page);
    assert.ok(page.body.br, 'brotli was made at once, for the reader whose request rendered the page');
    assert.equal(page.body.gzip, undefined, 'gzip waits for a reader who wants it');
    page.prepare('gzip');
    page.prepare('gzip'); // asked for twice, made once
    for (let i = 0; i < 100 && !page.body.gzip; i += 1) await sleep(10);
    assert.ok(page.body.gzip);
    assert.equal(gunzipSync(page.body.gzip).toString(), html);
    assert.equal(brotliDecompressSync(page.body.br).toString(), html);
    assert.ok(page.body.br.length < html.length / 10);
    const gzipped = page.body.gzip as Buffer;
    assert.equal(page.size, html.length + page.body.br.length + gzipped.length);
  });

  it('when a page is sent again and again, then its brotli is made again, smaller, with the same content', async () => {
    const { brotliDecompressSync } = await import('node:zlib');
    const pages = cache();
    // Varied text, so that the better quality finds more to save than the quick one.
    const html = Array.from(
      { length: 400 },
      (_, i) => `<p>Uppdatering ${i * 7919} kl. ${i % 24}.${i % 60}</p>`,
    ).join('\n');
    const page = pages.store('/a', responseWith(HEADERS), html);
    assert.ok(page?.body.br);
    const quick = page.body.br;
    page.sent();
    page.sent();
    await sleep(50);
    assert.equal(page.body.br, quick, 'a page read twice keeps the quick variant');
    page.sent();
    for (let i = 0; i < 100 && page.body.br === quick; i += 1) await sleep(10);
    assert.ok(page.body.br.length < quick.length, `${page.body.br.length} < ${quick.length}`);
    assert.equal(brotliDecompressSync(page.body.br).toString(), html);
    assert.equal(page.size, Buffer.byteLength(html) + page.body.br.length);
  });

  it('is bounded: the least recently used pages go first', () => {
    const pages = cache();
    for (let i = 0; i < 2001; i += 1) pages.store(`/p${i}`, responseWith(HEADERS), `page ${i}`);
    assert.equal(pages.get('/p0'), undefined, 'the oldest page was dropped');
    assert.ok(pages.get('/p2000'));
    assert.ok(pages.get('/p1'));
  });
});

describe('utf8Bytes', () => {
  it('makes the bytes Buffer.from makes, for every naughty string, emoji, Latin-1 only and lone surrogates', () => {
    const texts = [
      ...BLNS_ALL,
      BLNS_ALL.join('\n'),
      '– Redan första natten, säger Karin Berg.',
      'plain ascii åäö',
      'x😀y',
      'lone \ud800 high',
      'lone \udc00 low',
      '\udc00\ud800 reversed',
      '',
    ];
    for (const text of texts)
      assert.deepEqual(utf8Bytes(text), Buffer.from(text, 'utf8'), JSON.stringify(text));
  });
});
