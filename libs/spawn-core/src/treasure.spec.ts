import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { pickWeighted, seededRandom } from './rng';
import { rollTreasure } from './treasure';
import { fairShare } from './zone-share';

const bounds = { min_lat: 10, min_lng: 20, max_lat: 10.5, max_lng: 20.5 };

describe('rolling treasures', () => {
  test('property: positions stay inside the bounds; tiers come from positive weights', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 2, maxLength: 2 }),
        (seed, w) => {
          fc.pre(w[0]! + w[1]! > 0);
          const t = rollTreasure(bounds, ['a', 'b'], w, seededRandom(seed));
          assert.ok(t.lat >= 10 && t.lat <= 10.5 && t.lng >= 20 && t.lng <= 20.5);
          assert.ok(w[['a', 'b'].indexOf(t.tier)]! > 0);
        },
      ),
    );
  });

  test('the same seed rolls the same treasure', () => {
    assert.deepEqual(
      rollTreasure(bounds, ['a', 'b'], [1, 1], seededRandom(42)),
      rollTreasure(bounds, ['a', 'b'], [1, 1], seededRandom(42)),
    );
  });

  test('tier frequencies follow the weights', () => {
    const random = seededRandom(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[pickWeighted([0.7, 0.25, 0.05], random())]!++;
    [0.7, 0.25, 0.05].forEach((p, i) => assert.ok(Math.abs(counts[i]! / 30_000 - p) < 0.01, `tier ${i}: ${counts[i]}`));
  });
});

describe('fair share of zones', () => {
  test('spreads zones evenly; shares add up to the zone count', () => {
    const ids = ['r1', 'r2', 'r3'];
    assert.deepEqual(
      ids.map((id) => fairShare(7, ids, id)),
      [3, 2, 2],
    );
    assert.equal(fairShare(3, [], 'solo'), 3);
  });
});
