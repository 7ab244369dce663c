import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  alignBlocks,
  describeDifferences,
  mergeUpdateForms,
  parseBaseForm,
  serialiseBaseForm,
} from '../../src/domain/merge-hint.js';
import { emptyBlock, type BlockForm, type UpdateForm } from '../../src/domain/update-input.js';

const text = (markdown: string): BlockForm => ({ ...emptyBlock('text'), markdown });
const qa = (question: string, answer: string): BlockForm => ({ ...emptyBlock('qa'), question, answer });
const form = (headline: string, blocks: BlockForm[]): UpdateForm => ({
  date: '2026-12-08',
  time: '15:04',
  headline,
  blocks,
});
const markdowns = (f: UpdateForm) =>
  f.blocks.map((b) => (b.type === 'qa' ? `${b.question}|${b.answer}` : b.markdown));

const BASE = form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar.'), text('Tre.')]);

describe('mergeUpdateForms', () => {
  const cases: {
    name: string;
    mine: UpdateForm;
    theirs: UpdateForm;
    headline: string;
    blocks: string[];
    conflicts: string[];
  }[] = [
    {
      name: 'they changed the headline, I changed block 2: both kept',
      mine: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Mitt svar.'), text('Tre.')]),
      theirs: form('Deras rubrik', BASE.blocks),
      headline: 'Deras rubrik',
      blocks: ['Ett.', 'Fråga?|Mitt svar.', 'Tre.'],
      conflicts: [],
    },
    {
      name: 'both changed the same answer: theirs stays, mine is a conflict',
      mine: form('Min rubrik', [text('Ett.'), qa('Fråga?', 'Mitt svar.'), text('Tre.')]),
      theirs: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Deras svar.'), text('Tre.')]),
      headline: 'Min rubrik',
      blocks: ['Ett.', 'Fråga?|Deras svar.', 'Tre.'],
      conflicts: ['blocks.1.answer'],
    },
    {
      name: 'both made the same change: no conflict',
      mine: form('Samma', BASE.blocks),
      theirs: form('Samma', BASE.blocks),
      headline: 'Samma',
      blocks: ['Ett.', 'Fråga?|Svar.', 'Tre.'],
      conflicts: [],
    },
    {
      name: 'I added a block after block 1, they edited block 3: both kept, mine in its place',
      mine: form('Rubrik', [text('Ett.'), text('Nytt.'), qa('Fråga?', 'Svar.'), text('Tre.')]),
      theirs: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar.'), text('Tre, ändrad.')]),
      headline: 'Rubrik',
      blocks: ['Ett.', 'Nytt.', 'Fråga?|Svar.', 'Tre, ändrad.'],
      conflicts: [],
    },
    {
      name: 'I removed block 1 and edited block 3, they edited block 2',
      mine: form('Rubrik', [qa('Fråga?', 'Svar.'), text('Tre, min.')]),
      theirs: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar, deras.'), text('Tre.')]),
      headline: 'Rubrik',
      blocks: ['Fråga?|Svar, deras.', 'Tre, min.'],
      conflicts: [],
    },
    {
      name: 'they removed a block I edited: mine comes back, marked',
      mine: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar.'), text('Tre, min.')]),
      theirs: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar.')]),
      headline: 'Rubrik',
      blocks: ['Ett.', 'Fråga?|Svar.', 'Tre, min.'],
      conflicts: ['blocks.2.markdown'],
    },
    {
      name: 'I removed a block they edited: theirs stays, marked',
      mine: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar.')]),
      theirs: form('Rubrik', [text('Ett.'), qa('Fråga?', 'Svar.'), text('Tre, deras.')]),
      headline: 'Rubrik',
      blocks: ['Ett.', 'Fråga?|Svar.', 'Tre, deras.'],
      conflicts: ['blocks.2.markdown'],
    },
    {
      name: 'they only pinned or moved it (same text): mine wins whole, order too',
      mine: form('Min', [text('Tre.'), text('Ett.'), qa('Fråga?', 'Svar.')]),
      theirs: BASE,
      headline: 'Min',
      blocks: ['Tre.', 'Ett.', 'Fråga?|Svar.'],
      conflicts: [],
    },
    {
      name: 'a browser’s CRLF and stray spaces are no change',
      mine: form(' Rubrik ', [text('Ett.\r\n'), qa('Fråga?', 'Svar.'), text('Tre.')]),
      theirs: form('Rubrik', [text('Ett, deras.'), qa('Fråga?', 'Svar.'), text('Tre.')]),
      headline: 'Rubrik',
      blocks: ['Ett, deras.', 'Fråga?|Svar.', 'Tre.'],
      conflicts: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const merged = mergeUpdateForms(BASE, c.mine, c.theirs);
      assert.equal(merged.form.headline, c.headline);
      assert.deepEqual(markdowns(merged.form), c.blocks);
      assert.deepEqual(
        merged.conflicts.map((conflict) => conflict.name),
        c.conflicts,
      );
    });
  }

  it('a conflict carries my text and a readable label', () => {
    const mine = form('Rubrik', [text('Ett.'), qa('Fråga?', 'Mitt svar.'), text('Tre.')]);
    const theirs = form('Rubrik', [text('Ett.'), qa('Fråga?', 'Deras svar.'), text('Tre.')]);
    const [conflict] = mergeUpdateForms(BASE, mine, theirs).conflicts;
    assert.equal(conflict?.mine, 'Mitt svar.');
    assert.equal(conflict?.label, 'Block 2 (Question and answer), answer');
  });

  it('the headline changed on both sides is a conflict with my headline', () => {
    const merged = mergeUpdateForms(BASE, form('Min', BASE.blocks), form('Deras', BASE.blocks));
    assert.equal(merged.form.headline, 'Deras');
    assert.deepEqual(merged.conflicts, [
      { name: 'headline', label: 'Headline', mine: 'Min', note: merged.conflicts[0]?.note },
    ]);
  });
});

describe('alignBlocks', () => {
  it('pairs unchanged blocks by content and changed ones by position between them', () => {
    const base = [text('a'), text('b'), text('c')];
    assert.deepEqual(alignBlocks(base, [text('a'), text('B'), text('c')]), [0, 1, 2]);
    assert.deepEqual(alignBlocks(base, [text('b'), text('c')]), [1, 2]);
    assert.deepEqual(alignBlocks(base, [text('a'), text('new'), text('b'), text('c')]), [0, null, 1, 2]);
    assert.deepEqual(
      alignBlocks(base, [qa('q', 'a'), text('b'), text('c')]),
      [null, 1, 2],
      'types must agree',
    );
  });
});

describe('the base form round trip', () => {
  it('serialises compactly and parses back; other shapes are refused', () => {
    const json = serialiseBaseForm(BASE);
    assert.deepEqual(parseBaseForm(json), BASE);
    assert.doesNotMatch(json, /"source"/, 'only the fields of each block type');
    for (const bad of [
      '',
      'null',
      '[]',
      '{"date":1}',
      '{"date":"","time":"","headline":"","blocks":[{"type":"video"}]}',
    ])
      assert.equal(parseBaseForm(bad), undefined, bad);
  });
});

describe('describeDifferences', () => {
  it('lists changed fields with a word diff and blocks found on one side only', () => {
    const mine = form('Min rubrik', [
      text('Ett.'),
      qa('Fråga?', 'Svar, längre.'),
      text('Tre.'),
      text('Fyra.'),
    ]);
    const diffs = describeDifferences(BASE, mine);
    assert.deepEqual(
      diffs.map((d) => d.label),
      ['Headline', 'Block 2 (Question and answer), answer', 'Your block 4 (Text): only in your version'],
    );
    assert.deepEqual(diffs[1]?.parts, [
      { op: 'same', text: 'Svar' },
      { op: 'ins', text: ', längre' },
      { op: 'same', text: '.' },
    ]);
    assert.deepEqual(describeDifferences(BASE, BASE), []);
  });
});
