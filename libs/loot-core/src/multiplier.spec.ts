import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { currentMultiplier, INITIAL_MULTIPLIER, scoreFind } from './multiplier';

const rules = { step: 0.5, max: 2, decayS: 10 };

describe('combo multiplier', () => {
  test('steps up per find up to max; points use the multiplier held before the find', () => {
    let state = INITIAL_MULTIPLIER;
    const points: number[] = [];
    for (let i = 0; i < 4; i++) {
      const find = scoreFind(state, 1_000_000 + i, 10, rules);
      points.push(find.points);
      state = find.next;
    }
    assert.deepEqual(points, [10, 15, 20, 20]);
    assert.equal(state.value, 2);
  });

  test('decays linearly back to 1 over decay_s without a find', () => {
    const state = { value: 2, atMs: 0 };
    assert.equal(currentMultiplier(state, 0, rules), 2);
    assert.equal(currentMultiplier(state, 5_000, rules), 1.5);
    assert.equal(currentMultiplier(state, 10_000, rules), 1);
    assert.equal(currentMultiplier(state, 99_000, rules), 1);
  });
});
