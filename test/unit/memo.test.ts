import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoised, StringMemo } from '../../src/render/memo.js';

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
