import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rollLoot, type LootTier } from './loot-roll';

const tiers: Record<string, LootTier> = {
  common: {
    weight: 80,
    loot: [
      { item: 'coin', weight: 3, value: 5 },
      { item: 'map', weight: 1, value: 9 },
    ],
  },
  rare: { weight: 20, loot: [{ item: 'crown', weight: 1, value: 100 }] },
};
const ids = Array.from({ length: 4000 }, (_, i) => `01J${String(i).padStart(23, '0')}`);

describe('rollLoot', () => {
  test('the same treasure id and config version always roll the same item', () => {
    for (const id of ids.slice(0, 200)) {
      assert.deepEqual(rollLoot(tiers, id, 'common', 7), rollLoot(tiers, id, 'common', 7));
    }
  });

  test('a known roll stays fixed across releases (support replays disputed rolls)', () => {
    assert.deepEqual(
      ids.slice(0, 8).map((id) => rollLoot(tiers, id, 'common', 7).item),
      ['coin', 'coin', 'coin', 'coin', 'coin', 'map', 'coin', 'coin'],
    );
  });

  test('items come out in proportion to their weights', () => {
    const maps = ids.filter((id) => rollLoot(tiers, id, 'common', 7).item === 'map').length;
    assert.ok(Math.abs(maps / ids.length - 0.25) < 0.03, `map share ${maps / ids.length}`);
  });

  test('an unknown tier (newer config) falls back to the most common tier, flagged', () => {
    const roll = rollLoot(tiers, ids[0]!, 'legendary', 9);
    assert.equal(roll.tier, 'common');
    assert.equal(roll.fallback, true);
    assert.equal(rollLoot(tiers, ids[0]!, 'rare', 9).fallback, false);
  });
});
