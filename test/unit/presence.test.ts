import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PresenceBoard, presenceOf } from '../../src/live/presence.js';
import { manualClock } from '../helpers/app.js';

const ANNA = { id: 1, name: 'Anna Berg' };
const BO = { id: 2, name: 'Bo Ek' };

describe('the presence board', () => {
  it('lists the others on an article, not oneself and not other articles', () => {
    const { clock } = manualClock();
    const board = new PresenceBoard(clock);
    board.touch(10, ANNA, null);
    board.touch(10, BO, 7);
    board.touch(11, BO, null);
    assert.deepEqual(
      board.others(10, ANNA.id).map((e) => [e.name, e.updateId]),
      [['Bo Ek', 7]],
    );
    assert.deepEqual(
      board.others(10, BO.id).map((e) => [e.name, e.updateId]),
      [['Anna Berg', null]],
    );
    assert.deepEqual(board.others(12, ANNA.id), []);
  });

  it('keeps "since" across heartbeats and forgets whoever is silent for more than 45 s', () => {
    const { clock, advance } = manualClock('2026-12-08T13:02:00.000Z');
    const board = new PresenceBoard(clock);
    board.touch(10, ANNA, 7);
    advance(30_000);
    board.touch(10, ANNA, 7);
    advance(30_000);
    assert.equal(board.others(10, BO.id)[0]?.since, '2026-12-08T13:02:00.000Z', 'seen 30 s ago: still here');
    advance(15_001);
    assert.deepEqual(board.others(10, BO.id), [], 'silent for 45 s: gone');
    board.touch(10, ANNA, 7);
    assert.equal(board.others(10, BO.id)[0]?.since, clock().toISOString(), 'back: a new "since"');
  });

  it('shows a person once: editing beats being on the desk, in another tab too', () => {
    const { clock, advance } = manualClock();
    const board = new PresenceBoard(clock);
    board.touch(10, ANNA, 7);
    advance(1000);
    board.touch(10, ANNA, null);
    assert.deepEqual(
      board.others(10, BO.id).map((e) => e.updateId),
      [7],
    );
    board.leave(10, ANNA.id, 7);
    assert.deepEqual(
      board.others(10, BO.id).map((e) => e.updateId),
      [null],
    );
  });

  it('one board per app context', () => {
    const { clock } = manualClock();
    const a = { clock };
    assert.equal(presenceOf(a), presenceOf(a));
    assert.notEqual(presenceOf(a), presenceOf({ clock }));
  });
});
