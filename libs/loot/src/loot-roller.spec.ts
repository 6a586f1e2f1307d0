import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32 } from '@hunt/random';
import { createLootRoller } from './loot-roller';
import { TEST_ROLL_SECRET } from './testing/test-secrets';

const ids = Array.from({ length: 4000 }, (_, i) => `01J${String(i).padStart(23, '0')}`);
const sample = ids.slice(0, 200);
const roller = createLootRoller({ secret: TEST_ROLL_SECRET });
const other = createLootRoller({ secret: 'another-roll-secret-also-32-bytes-or-more' });

/** Ten equally likely items: two independent rolls agree 10% of the time by chance. */
const even = {
  common: { weight: 1, loot: Array.from({ length: 10 }, (_, i) => ({ item: `item-${i}`, weight: 1, value: i })) },
};
/** The case of the issue: one treasure in 20 holds the 1,000-point item. */
const jackpot = {
  common: {
    weight: 1,
    loot: [
      { item: 'coin', weight: 19, value: 5 },
      { item: 'jackpot', weight: 1, value: 1000 },
    ],
  },
};

/**
 * What a player could compute before rolls were keyed: the seed was FNV-1a of the public
 * `treasureId:configVersion`, then the first mulberry32 draw picked by weight.
 */
function unkeyedRoll(table: typeof jackpot, treasureId: string, configVersion: number): string {
  const seed = `${treasureId}:${configVersion}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let ticket = mulberry32(h >>> 0)() * 20;
  for (const entry of table.common.loot) {
    if (ticket < entry.weight) return entry.item;
    ticket -= entry.weight;
  }
  return 'jackpot';
}

const differing = (a: (id: string) => string, b: (id: string) => string) => sample.filter((id) => a(id) !== b(id));

describe('the keyed loot roll', () => {
  test('the same treasure id, config version and secret always roll the same loot', () => {
    const again = createLootRoller({ secret: TEST_ROLL_SECRET });
    for (const id of sample) assert.deepEqual(roller.roll(even, id, 'common', 7), again.roll(even, id, 'common', 7));
  });

  test('the seed is the HMAC-SHA256 operators can recompute (here: openssl dgst -sha256 -hmac)', () => {
    // printf '%s' '01J00000000000000000000000:7' | openssl dgst -sha256 -hmac "$TEST_ROLL_SECRET" → 7b38b1e5...
    assert.deepEqual(roller.seed(ids[0]!, 7), { value: 0x7b38b1e5, keyId: '43fb2182' });
    // printf '%s' "$TEST_ROLL_SECRET" | sha256sum → 43fb2182...
    assert.equal(roller.roll(even, ids[0]!, 'common', 7).rollKeyId, '43fb2182');
    assert.notEqual(other.keyId, roller.keyId);
  });

  test('another secret rolls differently on most treasures', () => {
    const seeds = differing(
      (id) => String(roller.seed(id, 7).value),
      (id) => String(other.seed(id, 7).value),
    );
    assert.equal(seeds.length, sample.length, 'every seed differs');
    const items = differing(
      (id) => roller.roll(even, id, 'common', 7).item,
      (id) => other.roll(even, id, 'common', 7).item,
    );
    // Chance alone makes 90% differ; "most" is asserted with a wide margin.
    assert.ok(items.length > 150, `${items.length} of ${sample.length} items differ`);
  });

  test('the config version is part of the seed', () => {
    const items = differing(
      (id) => roller.roll(even, id, 'common', 7).item,
      (id) => roller.roll(even, id, 'common', 8).item,
    );
    assert.ok(items.length > 150, `${items.length} of ${sample.length} items differ`);
  });

  test('without the secret, the unkeyed derivation predicts the jackpot no better than chance', () => {
    const predicted = ids.filter((id) => unkeyedRoll(jackpot, id, 7) === 'jackpot');
    assert.ok(predicted.length > 150, `the unkeyed roll picks ${predicted.length} treasures`);
    const hits = predicted.filter((id) => roller.roll(jackpot, id, 'common', 7).item === 'jackpot').length;
    // Chance is 1 in 20 (about 10 hits here); an unkeyed seed would hit every one of them.
    assert.ok(hits / predicted.length < 0.15, `${hits} of ${predicted.length} predicted jackpots are real`);
    const real = ids.filter((id) => roller.roll(jackpot, id, 'common', 7).item === 'jackpot').length;
    assert.ok(Math.abs(real / ids.length - 0.05) < 0.015, `jackpot share ${real / ids.length}`);
  });

  test('a secret shorter than 32 bytes is refused', () => {
    assert.throws(() => createLootRoller({ secret: 'x'.repeat(31) }), /at least 32 bytes/);
    assert.equal(createLootRoller({ secret: 'é'.repeat(16) }).keyId.length, 8, '32 bytes of UTF-8 suffice');
  });
});
