import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import request from 'supertest';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { editUpdate, postUpdate } from '../../src/services/updates.js';
import { manualClock, testApp } from '../helpers/app.js';
import { actor } from '../helpers/db.js';
import { QA_UPDATE, seedArticle } from '../helpers/fixtures.js';
import { assertWellFormedXml, xmllintOrSkip } from '../helpers/xmllint.js';

let current: ReturnType<typeof testApp> | undefined;
function setup(...args: Parameters<typeof testApp>) {
  current = testApp(...args);
  return current;
}
afterEach(() => current?.close());

const editor = actor('editor');
const HOSTILE = 'Fel ]]> & <b>fet</b> "citat" \u0007klocka';
/** Two CDATA ends and a lone surrogate, for the titles of the site feed (article title + headline). */
const TWICE = ']]> och ]]> \uD800';

/** A published English article whose title, tag, headline and blocks hold XML-hostile text. */
function hostileStory(ctx: ServiceContext) {
  const created = createArticle(ctx, editor, {
    title: `Breach ${HOSTILE}`,
    slug: 'hostile',
    summary: `Summary ${HOSTILE}`,
    tags: [{ slug: 'x-y', name: 'X <&> "Y"' }],
    locale: 'en',
    timeZone: 'Europe/London',
    live: true,
  });
  assert.ok(created.ok);
  postUpdate(
    ctx,
    editor,
    created.article.id,
    {
      datedAt: '2026-12-08T12:00:00.000Z',
      precision: 'minute',
      headline: `Headline ${HOSTILE} ${TWICE}`,
      blocks: [
        { type: 'text', markdown: `Text ${HOSTILE} <script>alert(1)</script>` },
        { type: 'qa', question: `Q ${HOSTILE}?`, answer: `A ${HOSTILE}`, speaker: 'Jo <Doe>', asker: null },
        { type: 'quote', text: `Quote ${HOSTILE}`, source: `Source ${HOSTILE}` },
      ],
    },
    true,
  );
  setArticleStatus(ctx, editor, created.article.id, 'published');
  return created.article.id;
}

const FEEDS = ['/feed.atom', '/feed.rss', '/feed.json'];

describe('site and article feeds', () => {
  it('when the feeds are fetched, then each answers with its content type and short public caching', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const types: Record<string, RegExp> = {
      atom: /^application\/atom\+xml; charset=utf-8$/,
      rss: /^application\/rss\+xml; charset=utf-8$/,
      json: /^application\/feed\+json; charset=utf-8$/,
    };
    for (const path of [...FEEDS, ...FEEDS.map((p) => `/articles/it-attack${p}`)]) {
      const res = await request(app).get(path).expect(200);
      const format = path.split('.').at(-1) ?? '';
      assert.match(res.headers['content-type'] ?? '', types[format] ?? /x/, path);
      assert.match(res.headers['cache-control'] ?? '', /^public, max-age=60/, path);
    }
  });

  it('when updates are published, then the feed lists them newest first with permalinks, drafts left out', async () => {
    const { clock, advance } = manualClock();
    const { app, ctx } = setup(clock);
    const { articleId, minuteUpdateId } = seedArticle(ctx);
    advance(60_000);
    const later = postUpdate(ctx, editor, articleId, { ...QA_UPDATE, headline: 'Senare' }, true).update;
    postUpdate(ctx, editor, articleId, { ...QA_UPDATE, headline: 'Utkastet' }, false);
    seedArticle(ctx, { slug: 'hemlig', publish: false });
    const res = await request(app).get('/feed.json').expect(200);
    const feed = JSON.parse(res.text) as {
      items: { id: string; title: string; content_html: string }[];
      version: string;
    };
    assert.match(feed.version, /jsonfeed\.org/);
    assert.equal(feed.items.length, 3);
    assert.match(feed.items[0]?.id ?? '', new RegExp(`/articles/it-attack/updates/${later.id}$`));
    assert.equal(feed.items[0]?.title, 'It-attack slår ut a-kassor: Senare');
    assert.ok(feed.items.some((item) => item.id.endsWith(`/updates/${minuteUpdateId}`)));
    assert.ok(!res.text.includes('Utkastet'));
    assert.ok(!res.text.includes('hemlig'));
    const qa = feed.items.find((item) => item.id.endsWith(`/updates/${minuteUpdateId}`));
    assert.match(
      qa?.content_html ?? '',
      /<dt><strong>När förstod ni hur allvarligt det var\?<\/strong><\/dt>/,
    );
    assert.match(qa?.content_html ?? '', /<blockquote><p>Vi ber våra kunder om ursäkt\.<\/p>/);
  });

  it('when an article has more than 50 published updates, then its feed holds the newest 50', async () => {
    const { clock, advance } = manualClock();
    const { app, ctx } = setup(clock);
    const { articleId } = seedArticle(ctx);
    for (let i = 0; i < 55; i += 1) {
      advance(1000);
      postUpdate(ctx, editor, articleId, { ...QA_UPDATE, headline: `Nummer ${i}` }, true);
    }
    const res = await request(app).get('/articles/it-attack/feed.json').expect(200);
    const items = (JSON.parse(res.text) as { items: { title: string }[] }).items;
    assert.equal(items.length, 50);
    assert.equal(items[0]?.title, 'Nummer 54');
    assert.equal(items[49]?.title, 'Nummer 5');
  });

  it('when an update is corrected, then the entry carries the public correction note', async () => {
    const { app, ctx } = setup();
    const { minuteUpdateId } = seedArticle(ctx);
    const version = ctx.repos.updates.findById(minuteUpdateId)?.version ?? 0;
    editUpdate(ctx, editor, minuteUpdateId, version, QA_UPDATE, {
      kind: 'correction',
      note: 'Karin Berg är operativ chef, inte vd.',
    });
    const atom = await request(app).get('/articles/it-attack/feed.atom').expect(200);
    assert.match(atom.text, /Rättelse[^<]*:<\/strong> Karin Berg är operativ chef, inte vd\./);
  });

  it('when the article is not published, then its feeds are 404', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx, { publish: false });
    for (const path of FEEDS) await request(app).get(`/articles/it-attack${path}`).expect(404);
    await request(app).get('/articles/nowhere/feed.atom').expect(404);
  });

  it('when DATELINE_BASE_URL is set, then every feed URL is absolute on it', async () => {
    const { app, ctx } = setup(undefined, { DATELINE_BASE_URL: 'https://news.example' });
    seedArticle(ctx);
    const atom = await request(app).get('/feed.atom').set('Host', 'evil.example').expect(200);
    assert.match(atom.text, /<link rel="self" href="https:\/\/news\.example\/feed\.atom"\/>/);
    assert.match(atom.text, /<id>https:\/\/news\.example\/articles\/it-attack\/updates\/\d+<\/id>/);
    assert.doesNotMatch(atom.text, /evil\.example/);
  });

  it('when pages are rendered, then the head links to the feeds', async () => {
    const { app, ctx } = setup();
    seedArticle(ctx);
    const front = await request(app).get('/').expect(200);
    assert.match(
      front.text,
      /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/feed\.atom">/,
    );
    assert.match(
      front.text,
      /<link rel="alternate" type="application\/feed\+json" title="[^"]+" href="\/feed\.json">/,
    );
    const article = await request(app).get('/articles/it-attack').expect(200);
    assert.match(
      article.text,
      /<link rel="alternate" type="application\/rss\+xml" title="It-attack slår ut a-kassor – uppdateringar \(RSS\)" href="\/articles\/it-attack\/feed\.rss">/,
    );
  });

  it('when content holds ]]>, markup, quotes and control characters, then feeds and sitemaps are valid XML (xmllint)', async (t) => {
    if (!xmllintOrSkip(t)) return;
    const { app, ctx } = setup();
    hostileStory(ctx);
    seedArticle(ctx);
    const paths = ['/feed.atom', '/feed.rss', '/articles/hostile/feed.atom', '/articles/hostile/feed.rss'];
    for (const path of [...paths, '/sitemap.xml', '/news-sitemap.xml']) {
      const res = await request(app).get(path).expect(200);
      assertWellFormedXml(res.text, path);
    }
  });

  it('when content holds ]]>, markup and control characters, then the feeds keep it as text, never as markup', async () => {
    const { app, ctx } = setup();
    hostileStory(ctx);
    const atom = (await request(app).get('/articles/hostile/feed.atom').expect(200)).text;
    assert.ok(!atom.includes('\u0007'));
    // Titles are plain text, escaped once: a typed "&amp;" stays "&amp;" for the reader.
    assert.match(
      atom,
      /<title type="text">Headline Fel \]\]&gt; &amp; &lt;b&gt;fet&lt;\/b&gt; "citat" klocka \]\]&gt; och \]\]&gt; /,
    );
    assert.match(
      atom,
      /<title>Breach Fel \]\]&gt; &amp; &lt;b&gt;fet&lt;\/b&gt; "citat" klocka – updates<\/title>/,
    );
    assert.doesNotMatch(atom, /<script>alert/);
    assert.match(atom, /<category label="X &lt;&amp;&gt; &quot;Y&quot;"\/>/);
    const rss = (await request(app).get('/feed.rss').expect(200)).text;
    assert.match(
      rss,
      /<title><!\[CDATA\[Breach Fel \]\]\u200B> & <b>fet<\/b> "citat" klocka: Headline Fel \]\]\u200B> &/,
    );
    // RSS's channel description is HTML to readers: the summary's markup is escaped there.
    const articleRss = (await request(app).get('/articles/hostile/feed.rss').expect(200)).text;
    assert.match(articleRss, /<description>Summary Fel \]\]&amp;gt; &amp;amp; &amp;lt;b&amp;gt;fet/);
    const json = JSON.parse((await request(app).get('/articles/hostile/feed.json').expect(200)).text) as {
      items: { title: string }[];
    };
    // SQLite stores text as UTF-8: the lone surrogate comes back as U+FFFD.
    assert.match(
      json.items[0]?.title ?? '',
      /^Headline Fel \]\]> & <b>fet<\/b> "citat" klocka \]\]> och \]\]> \uFFFD+$/,
    );
  });

  it('when a title or tag holds a typed entity such as &amp;, then the feed shows it as typed', async () => {
    const { app, ctx } = setup();
    const created = createArticle(ctx, editor, {
      title: 'AT&amp;T &lt;b&gt;',
      slug: 'entities',
      summary: '',
      tags: [{ slug: 'amp', name: '&amp;' }],
      locale: 'en',
      timeZone: 'Europe/London',
      live: false,
    });
    assert.ok(created.ok);
    postUpdate(ctx, editor, created.article.id, { ...QA_UPDATE, headline: 'R&amp;D' }, true);
    setArticleStatus(ctx, editor, created.article.id, 'published');
    const atom = (await request(app).get('/articles/entities/feed.atom').expect(200)).text;
    assert.match(atom, /<title>AT&amp;amp;T &amp;lt;b&amp;gt; – updates<\/title>/);
    assert.match(atom, /<title type="text">R&amp;amp;D<\/title>/);
    assert.match(atom, /<category label="&amp;amp;"\/>/);
    const rss = (await request(app).get('/articles/entities/feed.rss').expect(200)).text;
    assert.match(rss, /<category>&amp;amp;<\/category>/);
  });
});

describe('sitemaps and robots.txt', () => {
  it('when articles are published, then sitemap.xml lists them with lastmod, drafts left out', async () => {
    const { app, ctx } = setup(undefined, { DATELINE_BASE_URL: 'https://news.example' });
    seedArticle(ctx);
    seedArticle(ctx, { slug: 'utkast', publish: false });
    const res = await request(app).get('/sitemap.xml').expect(200);
    assert.match(res.headers['content-type'] ?? '', /^application\/xml/);
    assert.match(
      res.text,
      /<url><loc>https:\/\/news\.example\/articles\/it-attack<\/loc><lastmod>2026-12-08T14:04:00\.000Z<\/lastmod><\/url>/,
    );
    assert.match(res.text, /<loc>https:\/\/news\.example\/<\/loc>/);
    assert.doesNotMatch(res.text, /utkast/);
  });

  it('when articles were published within two days and before, then the news sitemap lists only the recent', async () => {
    const { clock, advance } = manualClock('2026-12-01T10:00:00.000Z');
    const { app, ctx } = setup(clock, { DATELINE_BASE_URL: 'https://news.example' });
    seedArticle(ctx, { slug: 'gammal' });
    advance(3 * 24 * 3600_000);
    seedArticle(ctx, { slug: 'farsk' });
    const res = await request(app).get('/news-sitemap.xml').expect(200);
    assert.match(res.text, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
    assert.match(res.text, /<loc>https:\/\/news\.example\/articles\/farsk<\/loc>/);
    assert.match(res.text, /<news:language>sv<\/news:language>/);
    assert.match(res.text, /<news:publication_date>2026-12-04T10:00:00\.000Z<\/news:publication_date>/);
    assert.match(res.text, /<news:title>It-attack slår ut a-kassor<\/news:title>/);
    assert.doesNotMatch(res.text, /gammal/);
  });

  it('when a title holds markup, then the sitemaps escape it', async () => {
    const { app, ctx } = setup();
    hostileStory(ctx);
    const res = await request(app).get('/news-sitemap.xml').expect(200);
    assert.match(
      res.text,
      /<news:title>Breach Fel \]\]&gt; &amp; &lt;b&gt;fet&lt;\/b&gt; &quot;citat&quot; klocka<\/news:title>/,
    );
  });

  it('when robots.txt is fetched, then it allows all but the desk and the API and names the sitemaps', async () => {
    const { app } = setup(undefined, { DATELINE_BASE_URL: 'https://news.example' });
    const res = await request(app).get('/robots.txt').expect(200);
    assert.match(res.headers['content-type'] ?? '', /^text\/plain/);
    assert.equal(
      res.text,
      'User-agent: *\nAllow: /\nDisallow: /desk\nDisallow: /api\n\n' +
        'Sitemap: https://news.example/sitemap.xml\nSitemap: https://news.example/news-sitemap.xml\n',
    );
  });
});
