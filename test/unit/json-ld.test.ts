import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Person } from '../../src/domain/types.js';
import {
  articleJsonLd,
  articleJsonLdScript,
  jsonLdScript,
  updateJsonLd,
  type JsonLd,
} from '../../src/render/json-ld.js';
import { updatePageHead } from '../../src/render/page-head.js';
import { article, karin, qa, quote, text, update } from '../helpers/story-builders.js';

const ORIGIN = 'https://news.example';

/** The node's liveBlogUpdate entries (fails the test when it has none). */
function postings(data: JsonLd): JsonLd[] {
  const list = data.liveBlogUpdate;
  assert.ok(Array.isArray(list), 'liveBlogUpdate is a list');
  return list as JsonLd[];
}

describe('articleJsonLd', () => {
  it('when the article is live, then it is a LiveBlogPosting with its metadata and a coverage start but no end', () => {
    const data = articleJsonLd(
      article(),
      { all: [update({ id: 7, headline: 'Systemen är tillbaka', authorName: 'Anna Lind' })] },
      ORIGIN,
    );
    assert.equal(data['@context'], 'https://schema.org');
    assert.equal(data['@type'], 'LiveBlogPosting');
    assert.equal(data.headline, 'It-attack slår ut a-kassor');
    assert.equal(data.description, 'Tusentals medlemmar kan inte söka ersättning.');
    assert.equal(data.inLanguage, 'sv');
    assert.equal(data.url, 'https://news.example/articles/it-attack');
    assert.equal(data.datePublished, '2026-12-01T09:00:00.000Z');
    assert.equal(data.coverageStartTime, '2026-12-01T08:00:00.000Z');
    assert.equal('coverageEndTime' in data, false);
    assert.deepEqual(data.publisher, { '@type': 'Organization', name: 'Dateline' });
    assert.deepEqual(data.author, [{ '@type': 'Person', name: 'Anna Lind' }]);
    assert.deepEqual(data.keywords, ['IT-säkerhet', 'A-kassor']);
    assert.equal('articleBody' in data, false);
    assert.equal(postings(data).length, 1);
  });

  it('when live coverage has ended, then it stays a LiveBlogPosting and gets a coverage end time', () => {
    const ended = article({ live: false, coverageEndedAt: '2026-12-09T18:00:00.000Z' });
    const data = articleJsonLd(ended, { all: [update()] }, ORIGIN);
    assert.equal(data['@type'], 'LiveBlogPosting');
    assert.equal(data.coverageStartTime, '2026-12-01T08:00:00.000Z');
    assert.equal(data.coverageEndTime, '2026-12-09T18:00:00.000Z');
  });

  it('when the article was never live, then it is a NewsArticle whose body is all published updates, without liveBlogUpdate', () => {
    const plain = article({ live: false, coverageStartedAt: null });
    const data = articleJsonLd(
      plain,
      {
        all: [
          update({ id: 1, position: 1, headline: 'Första', blocks: [text('Ett **fetstilt** ord.')] }),
          update({ id: 2, position: 2, blocks: [qa('Varför?', 'Därför.', karin)] }),
        ],
      },
      ORIGIN,
    );
    assert.equal(data['@type'], 'NewsArticle');
    assert.equal('liveBlogUpdate' in data, false);
    assert.equal('coverageStartTime' in data, false);
    assert.equal(data.articleBody, 'Första\n\nEtt fetstilt ord.\n\nVarför?\nDärför.');
    assert.deepEqual(data.hasPart, [
      {
        '@type': 'Quotation',
        text: 'Därför.',
        creator: {
          '@type': 'Person',
          name: 'Karin Berg',
          jobTitle: 'operativ chef',
          worksFor: { '@type': 'Organization', name: 'Nordhall IT' },
        },
      },
    ]);
  });

  it('when updates come in the editors’ order, then liveBlogUpdate keeps that order rather than sorting by date', () => {
    // As the repository lists them: by position, which editors set; the dates say otherwise.
    const data = articleJsonLd(
      article(),
      {
        all: [
          update({ id: 2, position: 1000, headline: 'A', datedAt: '2026-12-02T10:00:00.000Z' }),
          update({ id: 3, position: 2000, headline: 'B', datedAt: '2026-12-09T10:00:00.000Z' }),
          update({ id: 1, position: 3000, headline: 'C', datedAt: '2026-12-08T10:00:00.000Z' }),
        ],
      },
      ORIGIN,
    );
    assert.deepEqual(
      postings(data).map((p) => p.headline),
      ['A', 'B', 'C'],
    );
  });

  it('when the page shows a subset in its own order, then liveBlogUpdate mirrors it while dates and authors cover the article', () => {
    const key = update({ id: 1, position: 2, headline: 'Viktig', keyEvent: true, authorName: 'Anna Lind' });
    const other = update({
      id: 2,
      position: 1,
      headline: 'Övrig',
      authorName: 'Per Holm',
      lastEditedAt: '2026-12-10T09:00:00.000Z',
    });
    const data = articleJsonLd(article(), { all: [other, key], shown: [key] }, ORIGIN);
    assert.deepEqual(
      postings(data).map((p) => p.headline),
      ['Viktig'],
    );
    assert.equal(data.dateModified, '2026-12-10T09:00:00.000Z');
    assert.deepEqual(data.author, [
      { '@type': 'Person', name: 'Per Holm' },
      { '@type': 'Person', name: 'Anna Lind' },
    ]);
  });

  it('when some updates are drafts, then neither liveBlogUpdate nor a NewsArticle body mentions them', () => {
    const updates = [
      update({ id: 1, headline: 'Publicerad', blocks: [text('Offentlig text.')] }),
      update({
        id: 2,
        status: 'draft',
        firstPublishedAt: null,
        headline: 'Hemlig rubrik',
        authorName: 'Hemlig Skribent',
        lastEditedAt: '2026-12-20T00:00:00.000Z',
        blocks: [text('Hemlig text.'), qa('Hemlig fråga?', 'Hemligt svar.', karin)],
      }),
    ];
    const live = articleJsonLd(article(), { all: updates }, ORIGIN);
    assert.equal(postings(live).length, 1);
    const news = articleJsonLd(article({ live: false, coverageStartedAt: null }), { all: updates }, ORIGIN);
    for (const data of [live, news]) {
      const json = JSON.stringify(data);
      assert.doesNotMatch(json, /Hemlig/);
      assert.notEqual(data.dateModified, '2026-12-20T00:00:00.000Z');
    }
  });

  it('when the article is a draft, then it has no datePublished and only published updates', () => {
    const data = articleJsonLd(
      article({ status: 'draft', publishedAt: null }),
      { all: [update({ id: 1 }), update({ id: 2, status: 'draft', firstPublishedAt: null })] },
      ORIGIN,
    );
    assert.equal('datePublished' in data, false);
    assert.equal(postings(data).length, 1);
  });

  it('when an update was edited after the article changed, then dateModified is that edit', () => {
    const data = articleJsonLd(
      article({ updatedAt: '2026-12-08T14:04:00.000Z' }),
      {
        all: [
          update({ id: 1, lastEditedAt: '2026-12-09T07:30:00.000Z' }),
          update({ id: 2, firstPublishedAt: '2026-12-08T20:00:00.000Z' }),
        ],
      },
      ORIGIN,
    );
    assert.equal(data.dateModified, '2026-12-09T07:30:00.000Z');
  });

  it('when an update is described, then it is a BlogPosting with dates, plain body, author, quotations and an anchored absolute url', () => {
    const [posting] = postings(
      articleJsonLd(
        article(),
        {
          all: [
            update({
              id: 42,
              headline: 'Systemen är tillbaka',
              authorName: 'Anna Lind',
              firstPublishedAt: '2026-12-08T14:05:00.000Z',
              lastEditedAt: '2026-12-08T15:00:00.000Z',
              blocks: [
                text('Efter sex dygn fungerar **allt** igen.', 1),
                qa('När förstod ni *hur* allvarligt det var?', 'Redan första natten.', karin, 2),
                qa('Och sedan?', 'Vi ringde polisen.', null, 3),
                quote('Vi ber våra kunder om ursäkt.', 'Pressmeddelande från Nordhall IT', null, 4),
              ],
            }),
          ],
        },
        ORIGIN,
      ),
    );
    assert.deepEqual(posting, {
      '@type': 'BlogPosting',
      headline: 'Systemen är tillbaka',
      url: 'https://news.example/articles/it-attack#update-42',
      datePublished: '2026-12-08T14:05:00.000Z',
      dateModified: '2026-12-08T15:00:00.000Z',
      articleBody:
        'Efter sex dygn fungerar allt igen.\n\nNär förstod ni hur allvarligt det var?\nRedan första natten.' +
        '\n\nOch sedan?\nVi ringde polisen.\n\nVi ber våra kunder om ursäkt.',
      author: { '@type': 'Person', name: 'Anna Lind' },
      hasPart: [
        {
          '@type': 'Quotation',
          text: 'Redan första natten.',
          creator: {
            '@type': 'Person',
            name: 'Karin Berg',
            jobTitle: 'operativ chef',
            worksFor: { '@type': 'Organization', name: 'Nordhall IT' },
          },
        },
        {
          '@type': 'Quotation',
          text: 'Vi ber våra kunder om ursäkt.',
          citation: 'Pressmeddelande från Nordhall IT',
        },
      ],
    });
  });

  it('when an update has no headline, then its headline is its dateline (with the time at minute precision)', () => {
    const data = articleJsonLd(
      article(),
      {
        all: [
          update({ id: 1, position: 1, precision: 'minute', datedAt: '2026-12-08T14:04:00.000Z' }),
          update({ id: 2, position: 2, precision: 'day', datedAt: '2026-12-01T23:00:00.000Z' }),
        ],
      },
      ORIGIN,
    );
    assert.deepEqual(
      postings(data).map((p) => (p.headline as string).replace(/\u00a0/g, ' ')),
      ['8 december 2026 kl. 15.04', '2 december 2026'],
    );
  });

  it('when no origin is known, then urls are site-relative', () => {
    const data = articleJsonLd(article(), { all: [update({ id: 5 })] }, null);
    assert.equal(data.url, '/articles/it-attack');
    assert.equal(postings(data)[0]?.url, '/articles/it-attack#update-5');
  });
});

describe('quotations', () => {
  it('when a quote names a speaker, then the Quotation’s creator is that person and the source is its citation', () => {
    const data = updateJsonLd(
      article(),
      update({ blocks: [quote('Vi har kontroll.', 'Presskonferens', karin)] }),
      ORIGIN,
    );
    assert.deepEqual(data?.hasPart, [
      {
        '@type': 'Quotation',
        text: 'Vi har kontroll.',
        creator: {
          '@type': 'Person',
          name: 'Karin Berg',
          jobTitle: 'operativ chef',
          worksFor: { '@type': 'Organization', name: 'Nordhall IT' },
        },
        citation: 'Presskonferens',
      },
    ]);
  });

  it('when a speaker has no title or organisation, then the person has only a name', () => {
    const bare: Person = { id: 2, name: 'Johan Ekdahl', title: '', organisation: '' };
    const data = updateJsonLd(article(), update({ blocks: [qa('Fråga?', 'Svar.', bare)] }), ORIGIN);
    assert.deepEqual(data?.hasPart, [
      { '@type': 'Quotation', text: 'Svar.', creator: { '@type': 'Person', name: 'Johan Ekdahl' } },
    ]);
  });

  it('when nothing in the page is a QAPage or FAQPage, then the interview stays an article', () => {
    const data = articleJsonLd(
      article(),
      { all: [update({ blocks: [qa('Fråga?', 'Svar.', karin)] })] },
      ORIGIN,
    );
    assert.doesNotMatch(JSON.stringify(data), /QAPage|FAQPage|"Question"|"Answer"/);
  });
});

describe('updateJsonLd', () => {
  it('when the update is published, then a BlogPosting at its permalink that is part of the live article', () => {
    const data = updateJsonLd(article(), update({ id: 9, headline: 'Rubrik' }), ORIGIN);
    assert.equal(data?.['@context'], 'https://schema.org');
    assert.equal(data?.['@type'], 'BlogPosting');
    assert.equal(data?.url, 'https://news.example/articles/it-attack/updates/9');
    assert.equal(data?.inLanguage, 'sv');
    assert.deepEqual(data?.isPartOf, {
      '@type': 'LiveBlogPosting',
      headline: 'It-attack slår ut a-kassor',
      url: 'https://news.example/articles/it-attack',
    });
  });

  it('when the article was never live, then the BlogPosting is part of a NewsArticle', () => {
    const data = updateJsonLd(article({ live: false, coverageStartedAt: null }), update(), ORIGIN);
    assert.equal((data?.isPartOf as JsonLd | undefined)?.['@type'], 'NewsArticle');
  });

  it('when the update is a draft, then there is no JSON-LD for it', () => {
    const draft = update({ status: 'draft', firstPublishedAt: null });
    assert.equal(updateJsonLd(article(), draft, ORIGIN), null);
    assert.equal(updatePageHead(article(), draft, { baseUrl: ORIGIN }).jsonLd, null);
  });
});

describe('articleJsonLdScript (BlogPostings kept per content)', () => {
  const hostile = 'Svar </script><!-- & \u2028';
  const updates = [
    update({ id: 1, headline: 'Första', blocks: [text('Text **ett**.'), qa('Varför?', hostile, karin)] }),
    update({
      id: 2,
      headline: null,
      blocks: [quote('Vi ber om ursäkt.', 'Pressmeddelande')],
      corrections: [{ revisionId: 9, note: 'Fel tid.', at: '2026-12-08T15:00:00.000Z' }],
    }),
    update({ id: 3, status: 'draft', headline: 'Utkast' }),
  ];
  const cases = [
    ['live coverage', article()],
    ['ended coverage', article({ live: false, coverageEndedAt: '2026-12-09T10:00:00.000Z' })],
    ['never live', article({ live: false, coverageStartedAt: null })],
  ] as const;
  for (const [name, a] of cases) {
    it(`when the article is ${name}, then it is the same text as jsonLdScript(articleJsonLd(…)), asked once or twice`, () => {
      const expected = jsonLdScript(articleJsonLd(a, { all: updates }, ORIGIN));
      assert.equal(articleJsonLdScript(a, { all: updates }, ORIGIN).script, expected);
      assert.equal(articleJsonLdScript(a, { all: updates }, ORIGIN).script, expected);
    });
  }

  it('when an update, its speaker or the origin changes, then the text follows', () => {
    const a = article();
    const script = (list: typeof updates, origin = ORIGIN) =>
      articleJsonLdScript(a, { all: list }, origin).script;
    const first = script(updates);
    const renamed = { ...karin, name: 'Karin Berglund' };
    const changes = [
      updates.map((u) => (u.id === 1 ? { ...u, headline: 'Ändrad' } : u)),
      updates.map((u) => (u.id === 1 ? { ...u, blocks: [qa('Varför?', hostile, renamed)] } : u)),
      updates.map((u) => (u.id === 2 ? { ...u, corrections: [] } : u)),
    ];
    for (const changed of changes) {
      const expected = jsonLdScript(articleJsonLd(a, { all: changed }, ORIGIN));
      assert.notEqual(expected, first);
      assert.equal(script(changed), expected);
    }
    assert.equal(
      script(updates, 'https://other.example'),
      jsonLdScript(articleJsonLd(a, { all: updates }, 'https://other.example')),
    );
  });
});

describe('jsonLdScript', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!-- <script>',
    ']]> --> & &amp; &lt;',
    'line\u2028separator\u2029paragraph',
    '</SCRIPT >"\'\\',
  ];

  for (const value of hostile) {
    it(`when a title and a body hold ${JSON.stringify(value)}, then the output has no <, > or & and parses back to the same data`, () => {
      const data = articleJsonLd(
        article({ title: value, summary: value, tags: [value] }),
        { all: [update({ headline: value, blocks: [qa(value, value, { ...karin, name: value })] })] },
        ORIGIN,
      );
      const script = jsonLdScript(data);
      assert.doesNotMatch(script, /[<>&\u2028\u2029]/);
      assert.deepEqual(JSON.parse(script), data);
      assert.equal((JSON.parse(script) as JsonLd).headline, value);
    });
  }

  it('when the characters are escaped, then as \\u escapes that JSON reads as the same characters', () => {
    assert.equal(jsonLdScript({ t: '<>&\u2028\u2029' }), '{"t":"\\u003c\\u003e\\u0026\\u2028\\u2029"}');
  });
});
