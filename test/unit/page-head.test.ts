import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonLd } from '../../src/render/json-ld.js';
import { articlePageHead, updatePageHead, type MetaTag } from '../../src/render/page-head.js';
import { article, text, update } from '../helpers/story-builders.js';

const ORIGIN = 'https://news.example';

const metaContent = (tags: MetaTag[], key: string): string[] =>
  tags.filter((tag) => tag.key === key).map((tag) => tag.content);

describe('articlePageHead', () => {
  it('when the origin is known, then canonical, OpenGraph with one article:tag per tag, and a Twitter card', () => {
    const head = articlePageHead(
      article(),
      { all: [update({ lastEditedAt: '2026-12-09T07:30:00.000Z' })] },
      {
        baseUrl: ORIGIN,
      },
    );
    assert.equal(head.canonicalUrl, 'https://news.example/articles/it-attack');
    const tags = head.metaTags;
    assert.deepEqual(metaContent(tags, 'og:type'), ['article']);
    assert.deepEqual(metaContent(tags, 'og:title'), ['It-attack slår ut a-kassor']);
    assert.deepEqual(metaContent(tags, 'og:description'), ['Tusentals medlemmar kan inte söka ersättning.']);
    assert.deepEqual(metaContent(tags, 'og:url'), ['https://news.example/articles/it-attack']);
    assert.deepEqual(metaContent(tags, 'og:site_name'), ['Dateline']);
    assert.deepEqual(metaContent(tags, 'og:locale'), ['sv_SE']);
    assert.deepEqual(metaContent(tags, 'article:published_time'), ['2026-12-01T09:00:00.000Z']);
    assert.deepEqual(metaContent(tags, 'article:modified_time'), ['2026-12-09T07:30:00.000Z']);
    assert.deepEqual(metaContent(tags, 'article:tag'), ['IT-säkerhet', 'A-kassor']);
    assert.deepEqual(
      tags.filter((tag) => tag.attribute === 'name'),
      [{ attribute: 'name', key: 'twitter:card', content: 'summary' }],
    );
    assert.ok(head.jsonLd !== null);
    assert.equal((JSON.parse(head.jsonLd) as JsonLd)['@type'], 'LiveBlogPosting');
  });

  it('when the article is English, then og:locale is en_GB and inLanguage en', () => {
    const head = articlePageHead(article({ locale: 'en' }), { all: [] }, { baseUrl: ORIGIN });
    assert.deepEqual(metaContent(head.metaTags, 'og:locale'), ['en_GB']);
    assert.equal((JSON.parse(head.jsonLd ?? '{}') as JsonLd).inLanguage, 'en');
  });

  it('when no origin is known, then no canonical link and no og:url', () => {
    const head = articlePageHead(article(), { all: [] }, {});
    assert.equal(head.canonicalUrl, null);
    assert.deepEqual(metaContent(head.metaTags, 'og:url'), []);
  });
});

describe('updatePageHead', () => {
  it('when the update is published, then its permalink is canonical and its text describes it', () => {
    const head = updatePageHead(
      article(),
      update({ id: 9, headline: 'Rubrik', blocks: [text('Allt fungerar **igen**.')] }),
      { protocol: 'https', host: 'news.example' },
    );
    assert.equal(head.canonicalUrl, 'https://news.example/articles/it-attack/updates/9');
    assert.deepEqual(metaContent(head.metaTags, 'og:title'), ['Rubrik – It-attack slår ut a-kassor']);
    assert.deepEqual(metaContent(head.metaTags, 'og:description'), ['Allt fungerar igen.']);
    assert.equal((JSON.parse(head.jsonLd ?? '{}') as JsonLd)['@type'], 'BlogPosting');
  });
});
