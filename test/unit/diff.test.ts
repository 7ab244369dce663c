import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignSequences, diffWords, hasChanges, tokenize, type DiffPart } from '../../src/domain/diff.js';
import type { Article, Block, Update } from '../../src/domain/types.js';
import { diffBlocks, revisionDiff } from '../../src/render/history-view.js';

const side = (parts: DiffPart[], keep: 'del' | 'ins') =>
  parts
    .filter((p) => p.op === 'same' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('diffWords', () => {
  const cases: [string, string, string, DiffPart[]][] = [
    ['identical text', 'Allt fungerar.', 'Allt fungerar.', [{ op: 'same', text: 'Allt fungerar.' }]],
    [
      'one word replaced',
      'Systemen är nere.',
      'Systemen är uppe.',
      [
        { op: 'same', text: 'Systemen är ' },
        { op: 'del', text: 'nere' },
        { op: 'ins', text: 'uppe' },
        { op: 'same', text: '.' },
      ],
    ],
    [
      'a word inserted',
      'Vi betalade inte.',
      'Vi betalade aldrig inte.',
      [
        { op: 'same', text: 'Vi betalade ' },
        { op: 'ins', text: 'aldrig ' },
        { op: 'same', text: 'inte.' },
      ],
    ],
    [
      'a run of changed words reads as one deletion and one insertion',
      'a b c d',
      'a x y d',
      [
        { op: 'same', text: 'a ' },
        { op: 'del', text: 'b c' },
        { op: 'ins', text: 'x y' },
        { op: 'same', text: ' d' },
      ],
    ],
    ['everything new', '', 'Ny text', [{ op: 'ins', text: 'Ny text' }]],
    ['everything gone', 'Gammal text', '', [{ op: 'del', text: 'Gammal text' }]],
    [
      'punctuation is its own token',
      'Vet ni vem?',
      'Vet ni vem!',
      [
        { op: 'same', text: 'Vet ni vem' },
        { op: 'del', text: '?' },
        { op: 'ins', text: '!' },
      ],
    ],
  ];
  for (const [name, before, after, expected] of cases) {
    it(`when ${name}, then the parts say so and give both texts back`, () => {
      const parts = diffWords(before, after);
      assert.deepEqual(parts, expected);
      assert.equal(side(parts, 'del'), before);
      assert.equal(side(parts, 'ins'), after);
    });
  }

  it('when the texts are too large for one table, then lines are compared first and both texts still come back', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Rad ${i} med några ord i sig.`);
    const before = lines.join('\n');
    const after = lines.map((line, i) => (i % 50 === 7 ? line.replace('några', 'flera') : line)).join('\n');
    const parts = diffWords(before, after, 200_000);
    assert.equal(side(parts, 'del'), before);
    assert.equal(side(parts, 'ins'), after);
    assert.deepEqual(
      parts.filter((p) => p.op !== 'same'),
      Array.from({ length: 8 }, () => [
        { op: 'del', text: 'några' },
        { op: 'ins', text: 'flera' },
      ]).flat(),
    );
  });

  it('when text is tokenized, then words, punctuation and white space join back to the text', () => {
    const text = 'A-kassor: “Vi vet inte.”\n\n– Nej, 2 dygn.';
    assert.equal(tokenize(text).join(''), text);
    assert.ok(tokenize(text).includes('kassor'));
  });

  it('when there is no change, then hasChanges is false', () => {
    assert.equal(hasChanges(diffWords('x y', 'x y')), false);
    assert.equal(hasChanges(diffWords('x y', 'x z')), true);
  });
});

describe('alignSequences', () => {
  it('when an item is inserted in the middle, then the others stay matched', () => {
    const steps = alignSequences(['a', 'b', 'c'], ['a', 'x', 'b', 'c'], (s) => s);
    assert.deepEqual(steps, [
      { kind: 'same', before: 'a', after: 'a' },
      { kind: 'changed', before: [], after: ['x'] },
      { kind: 'same', before: 'b', after: 'b' },
      { kind: 'same', before: 'c', after: 'c' },
    ]);
  });
});

const text = (id: number, markdown: string): Block => ({ id, position: id, type: 'text', markdown });
const qa = (id: number, question: string, answer: string): Block => ({
  id,
  position: id,
  type: 'qa',
  question,
  answer,
  speaker: { id: 1, name: 'Karin Berg', title: '', organisation: '' },
  asker: null,
});
const quote = (id: number, words: string): Block => ({
  id,
  position: id,
  type: 'quote',
  text: words,
  source: 'Pressmeddelande',
  speaker: null,
});

describe('diffBlocks', () => {
  it('when a block is inserted before others, then only it is added and the rest are unchanged', () => {
    const before = [text(1, 'Första.'), qa(2, 'Fråga?', 'Svar.')];
    const after = [quote(3, 'Nytt citat.'), text(1, 'Första.'), qa(2, 'Fråga?', 'Svar.')];
    assert.deepEqual(
      diffBlocks(before, after).map((b) => b.status),
      ['added', 'same', 'same'],
    );
  });

  it('when a block of the same type changes in place, then its fields are compared word by word', () => {
    const [block] = diffBlocks([qa(1, 'Betalade ni?', 'Nej.')], [qa(1, 'Betalade ni?', 'Nej, aldrig.')]);
    assert.equal(block?.status, 'changed');
    const answer = block?.fields.find((f) => f.label === 'Answer');
    assert.deepEqual(answer?.parts, [
      { op: 'same', text: 'Nej' },
      { op: 'ins', text: ', aldrig' },
      { op: 'same', text: '.' },
    ]);
    assert.equal(block?.fields.find((f) => f.label === 'Question')?.changed, false);
  });

  it('when a block changes type in place, then the old one is removed whole and the new one added whole', () => {
    const blocks = diffBlocks([text(1, 'Vi ber om ursäkt.')], [quote(2, 'Vi ber om ursäkt.')]);
    assert.deepEqual(
      blocks.map((b) => [b.status, b.type]),
      [
        ['removed', 'text'],
        ['added', 'quote'],
      ],
    );
    assert.deepEqual(blocks[0]?.fields[0]?.parts, [{ op: 'del', text: 'Vi ber om ursäkt.' }]);
  });
});

describe('revisionDiff', () => {
  const article = { locale: 'sv', timeZone: 'Europe/Stockholm' } as Article;
  const snapshot = (fields: Partial<Update>): Update => ({
    id: 1,
    articleId: 1,
    datedAt: '2026-12-08T14:04:00.000Z',
    precision: 'minute',
    headline: 'Systemen nere',
    authorId: null,
    authorName: null,
    status: 'published',
    pinned: false,
    keyEvent: false,
    position: 1,
    firstPublishedAt: null,
    lastEditedAt: null,
    createdAt: '2026-12-08T14:04:00.000Z',
    version: 1,
    blocks: [text(1, 'Text.')],
    ...fields,
  });

  it('when the headline and date change, then both fields show the change', () => {
    const diff = revisionDiff(
      article,
      snapshot({}),
      snapshot({ headline: 'Systemen uppe', datedAt: '2026-12-08T15:30:00.000Z' }),
    );
    assert.equal(diff.changed, true);
    const headline = diff.fields.find((f) => f.label === 'Headline');
    assert.deepEqual(headline?.parts, [
      { op: 'same', text: 'Systemen ' },
      { op: 'del', text: 'nere' },
      { op: 'ins', text: 'uppe' },
    ]);
    const date = diff.fields.find((f) => f.label === 'Date');
    assert.equal(date?.changed, true);
    assert.match(side(date?.parts ?? [], 'ins'), /kl\. 16\.30/);
  });

  it('when nothing differs, then the diff says unchanged', () => {
    assert.equal(revisionDiff(article, snapshot({}), snapshot({ version: 5 })).changed, false);
  });
});
