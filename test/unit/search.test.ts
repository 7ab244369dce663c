import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  cleanIndexText,
  expandLongPrefixes,
  ftsPhrase,
  markdownToPlain,
  MATCH_CLOSE,
  MATCH_OPEN,
  parseSearchQuery,
  updateSearchText,
} from '../../src/domain/search.js';
import { escapeHtml, snippetHtml } from '../../src/render/search-view.js';

describe('parseSearchQuery: user input is never FTS5 syntax', () => {
  const cases: [string, string][] = [
    ['lön', '"lön"'],
    ['  Karin   Berg ', '"Karin" "Berg"'],
    ['lön*', '"lön"*'],
    ['a-kassor', '"a-kassor"'],
    ['"a-kassor ligger nere"', '"a-kassor ligger nere"'],
    ['"a-kass"*', '"a-kass"*'],
    ['"unbalanced', '"unbalanced"'],
    ['AND OR', '"AND" "OR"'],
    ['NOT lön', '"NOT" "lön"'],
    ['NEAR(lön vd)', '"NEAR(lön" "vd)"'],
    ['title:lön', '"title:lön"'],
    ['lö*n', '"lö*n"'],
    ['x"y', '"x" "y"'],
    ['^lön', '"^lön"'],
    ['(lön)', '"(lön)"'],
  ];
  for (const [input, match] of cases) {
    it(`when the user types ${JSON.stringify(input)}, then the match is ${match}`, () => {
      const parsed = parseSearchQuery(input);
      assert.ok(parsed.ok);
      assert.equal(parsed.match, match);
    });
  }

  for (const input of ['', '   ', '*', '"', '""', '- * "', 'NEAR(', '()', '"*"']) {
    it(`when the user types ${JSON.stringify(input)}, then there is nothing to search for`, () => {
      const parsed = parseSearchQuery(input);
      if (input === 'NEAR(') {
        // A word is a word, even an operator's name.
        assert.ok(parsed.ok);
        return;
      }
      assert.deepEqual(parsed, { ok: false, reason: 'empty' });
    });
  }

  it('when the query is too long or has too many words, then it is refused with a reason', () => {
    assert.deepEqual(parseSearchQuery('a'.repeat(201)), { ok: false, reason: 'too_long' });
    assert.deepEqual(parseSearchQuery(Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ')), {
      ok: false,
      reason: 'too_many_terms',
    });
  });

  it('when a phrase contains a double quote, then it is doubled inside the FTS5 string', () => {
    assert.equal(ftsPhrase('say "hi"'), '"say ""hi"""');
    assert.equal(ftsPhrase('lön', true), '"lön"*');
  });

  it('when hostile input is parsed, then FTS5 accepts every resulting match expression', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5 (a, tokenize = 'unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t (a) VALUES (?)').run('A-kassor och lön');
    const stmt = db.prepare('SELECT rowid FROM t WHERE t MATCH ?');
    const hostile = [
      '"unbalanced',
      'AND OR',
      'NEAR(',
      'NEAR(a b, 2)',
      'a OR',
      '* a',
      'a:b',
      '{a b}: c',
      '-a',
      '+a',
      'a AND (b',
      "'; DROP TABLE t; --",
      '\u0000a',
      'a\u202eb',
      '""a""',
      '"a" "b',
      '**a**',
      'a**',
      '^a',
      'lön* lon*',
      '🙂 a',
      '\\"',
      'a\nb\tc',
      'NOT',
      'x'.repeat(200),
    ];
    for (const input of hostile) {
      const parsed = parseSearchQuery(input);
      if (!parsed.ok) continue;
      assert.doesNotThrow(() => stmt.all(parsed.match), `${JSON.stringify(input)} → ${parsed.match}`);
    }
    db.close();
  });
});

describe('expandLongPrefixes: long prefixes become the words they stand for', () => {
  const index = ['evakuera', 'evakuering', 'evakueringen', 'evakueringsplanen', 'evakuerinh'];
  const asked: [string, string][] = [];
  const wordsBetween = (from: string, to: string) => {
    asked.push([from, to]);
    return index.filter((word) => word >= from && word < to);
  };

  it('when a word longer than the prefix indexes ends in *, then it becomes an OR of the words', () => {
    assert.equal(
      expandLongPrefixes('"storm" "Evakuéring"*', wordsBetween),
      '"storm" ("evakuering" OR "evakueringen" OR "evakueringsplanen")',
    );
    assert.deepEqual(asked.at(-1), ['evakuering', 'evakuerinh']);
  });

  it('when the prefix is short, a phrase, not plain a–z after folding, or finds nothing, then it stays', () => {
    for (const match of [
      '"evakue"*',
      '"evakuering plan"*',
      '"straßenbahn"*',
      '"zyxwvutsr"*',
      '"evakuering"',
    ]) {
      assert.equal(expandLongPrefixes(match, wordsBetween), match);
    }
    assert.equal(
      expandLongPrefixes('"evakuering"*', () => null),
      '"evakuering"*',
    );
  });
});

describe('the text the index holds', () => {
  it('when Markdown is indexed, then link targets and markers go and the words stay', () => {
    assert.equal(
      markdownToPlain(
        '## Rubrik\n\n**Fet** och _kursiv_ text med [en länk](https://example.com/x) och `kod`.',
      ),
      'Rubrik\n\nFet och kursiv text med en länk och kod.',
    );
    assert.equal(markdownToPlain('- en\n- två\n1. tre\n> citat'), 'en\ntvå\ntre\ncitat');
  });

  it('when an update is indexed, then questions, answers, speakers, quotes and sources are in it', () => {
    const text = updateSearchText([
      { type: 'text', markdown: 'Inledning.' },
      { type: 'qa', question: 'Betalade ni?', answer: 'Nej.', speaker: 'Karin Berg' },
      { type: 'quote', text: 'Vi beklagar.', source: 'Pressmeddelande', speaker: null },
    ]);
    for (const word of ['Inledning', 'Betalade', 'Nej', 'Karin Berg', 'Vi beklagar', 'Pressmeddelande']) {
      assert.ok(text.includes(word), word);
    }
  });

  it('when text contains the snippet markers or control characters, then they are not indexed', () => {
    assert.equal(cleanIndexText(`a${MATCH_OPEN}b${MATCH_CLOSE}c\u0007d`), 'a b c d');
  });
});

describe('snippetHtml: highlighted snippets are safe HTML', () => {
  it('when the snippet holds HTML, then it is escaped and only the markers become <mark>', () => {
    const raw = `<script>alert(1)</script> & ${MATCH_OPEN}lön${MATCH_CLOSE} "x" 'y'`;
    assert.equal(
      snippetHtml(raw),
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>lön</mark> &quot;x&quot; &#39;y&#39;',
    );
  });

  it('when markers are unbalanced, then every <mark> is closed and none is closed twice', () => {
    assert.equal(snippetHtml(`${MATCH_OPEN}a${MATCH_OPEN}b`), '<mark>ab</mark>');
    assert.equal(snippetHtml(`a${MATCH_CLOSE}b${MATCH_CLOSE}`), 'ab');
    assert.equal(snippetHtml(`${MATCH_OPEN}<b>${MATCH_CLOSE}`), '<mark>&lt;b&gt;</mark>');
  });

  it('when a match is marked inside a tag-like text, then no tag can be formed', () => {
    const html = snippetHtml(`<img src=x onerror=${MATCH_OPEN}alert${MATCH_CLOSE}(1)>`);
    assert.doesNotMatch(html, /<img/);
    assert.equal(escapeHtml('<a href="x">'), '&lt;a href=&quot;x&quot;&gt;');
  });
});
