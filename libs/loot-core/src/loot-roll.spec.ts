import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rollLoot, type LootSeed, type LootTier } from './loot-roll';

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
// The edge makes seeds with an HMAC (libs/loot loot-roller.spec.ts covers that part); any
// 32-bit values do here.
const seeds: LootSeed[] = Array.from({ length: 4000 }, (_, i) => ({ value: i, keyId: 'k1' }));

describe('rollLoot', () => {
  test('the same seed always rolls the same item, recording the key id and config version', () => {
    for (const seed of seeds.slice(0, 200)) {
      assert.deepEqual(rollLoot(tiers, seed, 'common', 7), rollLoot(tiers, { ...seed }, 'common', 7));
    }
    const roll = rollLoot(tiers, seeds[0]!, 'common', 7);
    assert.deepEqual([roll.rollKeyId, roll.configVersion], ['k1', 7]);
  });

  test('a known roll stays fixed across releases (operators replay disputed rolls)', () => {
    const values = [0, 1, 2, 3, 0xdeadbeef, 0x7fffffff, 0x80000000, 0xffffffff];
    assert.deepEqual(
      values.map((value) => rollLoot(tiers, { value, keyId: 'k1' }, 'common', 7).item),
      ['coin', 'coin', 'coin', 'coin', 'map', 'coin', 'map', 'map'],
    );
  });

  test('items come out in proportion to their weights', () => {
    const maps = seeds.filter((seed) => rollLoot(tiers, seed, 'common', 7).item === 'map').length;
    assert.ok(Math.abs(maps / seeds.length - 0.25) < 0.03, `map share ${maps / seeds.length}`);
  });

  test('an unknown tier (newer config) falls back to the most common tier, flagged', () => {
    const roll = rollLoot(tiers, seeds[0]!, 'legendary', 9);
    assert.equal(roll.tier, 'common');
    assert.equal(roll.fallback, true);
    assert.equal(rollLoot(tiers, seeds[0]!, 'rare', 9).fallback, false);
  });
});
