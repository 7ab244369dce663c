import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  insertionIndex,
  moved,
  needsRenumber,
  positionBetween,
  renumbered,
} from '../../src/domain/ordering.js';

describe('positionBetween', () => {
  const cases: [number | undefined, number | undefined, number][] = [
    [undefined, undefined, 1024],
    [undefined, 1024, 0],
    [1024, undefined, 2048],
    [1024, 2048, 1536],
    [1, 2, 1.5],
  ];
  for (const [before, after, expected] of cases) {
    it(`when between ${before} and ${after}, then ${expected}`, () => {
      assert.equal(positionBetween(before, after), expected);
    });
  }
});

describe('renumbering', () => {
  it('when neighbours are closer than the minimum gap, then a renumber is needed', () => {
    assert.equal(needsRenumber(1, 1 + 1e-9), true);
    assert.equal(needsRenumber(1, 2), false);
    assert.equal(needsRenumber(undefined, 2), false);
  });

  it('when renumbered, then the order is kept with even steps', () => {
    const items = [
      { id: 7, position: 0.1 },
      { id: 3, position: 0.1000001 },
      { id: 9, position: 5 },
    ];
    assert.deepEqual(
      renumbered(items).map((i) => [i.id, i.position]),
      [
        [7, 1024],
        [3, 2048],
        [9, 3072],
      ],
    );
  });
});

describe('insertionIndex', () => {
  const list = [{ datedAt: '2026-12-08' }, { datedAt: '2026-12-06' }, { datedAt: '2026-12-02' }];
  it('when newer than all, then first', () => assert.equal(insertionIndex(list, '2026-12-09'), 0));
  it('when between, then before the first older one', () =>
    assert.equal(insertionIndex(list, '2026-12-07'), 1));
  it('when older than all, then last', () => assert.equal(insertionIndex(list, '2026-12-01'), 3));
  it('when equal to one, then after it', () => assert.equal(insertionIndex(list, '2026-12-06'), 2));
});

describe('moved', () => {
  it('when moved up, then it swaps with the one above', () =>
    assert.deepEqual(moved(['a', 'b', 'c'], 2, -1), ['a', 'c', 'b']));
  it('when moved down, then it swaps with the one below', () =>
    assert.deepEqual(moved(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']));
  it('when already at the top, then the same list comes back', () => {
    const list = ['a', 'b'];
    assert.equal(moved(list, 0, -1), list);
  });
});
