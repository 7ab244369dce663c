import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputMemo, memoised, samePlainData, StringMemo } from '../../src/render/memo.js';

describe('StringMemo', () => {
  it('keeps values by key and counts the characters of both', () => {
    const memo = new StringMemo(100);
    assert.equal(memo.get('a'), undefined);
    assert.equal(memo.set('a', 'alpha'), 'alpha');
    assert.equal(memo.get('a'), 'alpha');
    assert.equal(memo.size, 6);
    memo.set('a', 'beta'); // replaced, not counted twice
    assert.equal(memo.size, 5);
  });

  it('when full, then the least recently used entries go first and the bound holds', () => {
    const memo = new StringMemo(30);
    memo.set('k1', 'v'.repeat(8)); // 10 characters each
    memo.set('k2', 'v'.repeat(8));
    memo.set('k3', 'v'.repeat(8));
    memo.get('k1'); // used again: k2 is now the oldest
    memo.set('k4', 'v'.repeat(8));
    assert.equal(memo.get('k2'), undefined);
    assert.ok(memo.get('k1'));
    assert.ok(memo.get('k3'));
    assert.ok(memo.get('k4'));
    assert.equal(memo.size, 30);
  });

  it('when one value alone is over the bound, then it is returned but not kept', () => {
    const memo = new StringMemo(10);
    memo.set('small', 'x');
    assert.equal(memo.set('big', 'y'.repeat(20)), 'y'.repeat(20));
    assert.equal(memo.get('big'), undefined);
    assert.ok(memo.size <= 10);
  });
});

describe('memoised', () => {
  it('calls the function once per input while the input is kept', () => {
    let calls = 0;
    const upper = memoised((s) => {
      calls += 1;
      return s.toUpperCase();
    }, 100);
    assert.equal(upper('dateline'), 'DATELINE');
    assert.equal(upper('dateline'), 'DATELINE');
    assert.equal(calls, 1);
    assert.equal(upper(''), '');
    assert.equal(upper(''), '');
    assert.equal(calls, 2, 'an empty result is kept too');
  });
});

describe('samePlainData', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    [
      'equal nested data',
      { a: [1, { b: 'x', c: null }], d: true },
      { a: [1, { b: 'x', c: null }], d: true },
      true,
    ],
    ['a changed string deep down', { a: [{ b: 'x' }] }, { a: [{ b: 'y' }] }, false],
    ['an extra field', { a: 1 }, { a: 1, b: undefined }, false],
    ['another field of the same count', { a: 1 }, { b: 1 }, false],
    ['null against an object', { a: null }, { a: {} }, false],
    ['an array against an object', [], {}, false],
    ['a longer array', [1, 2], [1, 2, 3], false],
    ['1 and "1"', 1, '1', false],
  ];
  for (const [name, a, b, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(samePlainData(a, b), expected);
      assert.equal(samePlainData(b, a), expected);
    });
  }
});

describe('InputMemo', () => {
  it('when the input is equal in every field, then the kept result is used; when it differs, then it is made again', () => {
    const memo = new InputMemo<{ text: string; tags: string[] }>(1000);
    let made = 0;
    const make = (input: { text: string }) => () => {
      made += 1;
      return input.text.toUpperCase();
    };
    const first = { text: 'ett', tags: ['a'] };
    assert.equal(memo.get('k', first, make(first)), 'ETT');
    const copy = { text: 'ett', tags: ['a'] };
    assert.equal(memo.get('k', copy, make(copy)), 'ETT');
    assert.equal(made, 1);
    const changed = { text: 'ett', tags: ['b'] };
    assert.equal(memo.get('k', changed, make(changed)), 'ETT');
    assert.equal(made, 2, 'a change anywhere in the input makes it again');
    const other = { text: 'två', tags: ['b'] };
    assert.equal(memo.get('k', other, make(other)), 'TVÅ');
  });

  it('is bounded, counting each result twice for the input kept beside it', () => {
    const memo = new InputMemo<number>(100);
    for (let i = 0; i < 50; i += 1) memo.get(`key ${i}`, i, () => 'x'.repeat(20));
    assert.ok(memo.size <= 100, `${memo.size}`);
    assert.ok(memo.size >= 2 * 20);
  });
});
