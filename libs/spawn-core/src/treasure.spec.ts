import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { pickWeighted, seededRandom } from './rng';
import { cellAt } from '@hunt/world';
import { rollTreasure } from './treasure';
import { fairShare } from './fair-share';

const cells = [cellAt(52.52, 13.4), cellAt(52.53, 13.41), cellAt(48.14, 11.57)];

describe('rolling treasures', () => {
  test('property: positions lie in one of the cells; tiers come from positive weights', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 2, maxLength: 2 }),
        (seed, w) => {
          fc.pre(w[0]! + w[1]! > 0);
          const t = rollTreasure(cells, ['a', 'b'], w, seededRandom(seed));
          assert.ok(cells.includes(cellAt(t.lat, t.lng)), `${t.lat},${t.lng}`);
          assert.ok(w[['a', 'b'].indexOf(t.tier)]! > 0);
        },
      ),
    );
  });

  test('the same seed rolls the same treasure', () => {
    assert.deepEqual(
      rollTreasure(cells, ['a', 'b'], [1, 1], seededRandom(42)),
      rollTreasure(cells, ['a', 'b'], [1, 1], seededRandom(42)),
    );
  });

  test('tier frequencies follow the weights', () => {
    const random = seededRandom(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[pickWeighted([0.7, 0.25, 0.05], random())]!++;
    [0.7, 0.25, 0.05].forEach((p, i) => assert.ok(Math.abs(counts[i]! / 30_000 - p) < 0.01, `tier ${i}: ${counts[i]}`));
  });
});

describe('fair share of shards', () => {
  test('spreads shards evenly; shares add up to the shard count', () => {
    const ids = ['r1', 'r2', 'r3'];
    assert.deepEqual(
      ids.map((id) => fairShare(7, ids, id)),
      [3, 2, 2],
    );
    assert.equal(fairShare(3, [], 'solo'), 3);
  });
});
