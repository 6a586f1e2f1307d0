import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLedger } from './ledger';

const T0 = 1_800_000_000_000;
/** Two points in different shards (H3 res 7 parents are ~2.6 km across). */
const SHARD_A = { lat: 52.52, lng: 13.4 };
const SHARD_B = { lat: 53.55, lng: 9.99 };
const spawn = (where: { lat: number; lng: number }, atMs: number, version: number) => ({
  ...where,
  spawned_at: atMs,
  config_version: version,
});

describe('game-day ledger', () => {
  test('a treasure won by two players is a double winner; a replayed win of the same player is not', () => {
    const ledger = createLedger(() => T0);
    ledger.won('t1', 'ada', false, 1);
    ledger.won('t1', 'ada', true, 2);
    ledger.won('t2', 'ada', false, 2);
    assert.equal(ledger.verdicts().doubleWinners, 0);
    ledger.won('t2', 'bob', false, 3);
    assert.equal(ledger.verdicts().doubleWinners, 1);
    assert.equal(ledger.verdicts().claimsWon, 3);
  });

  test('a won claim without its award (for that player) on the topic is lost', () => {
    const ledger = createLedger(() => T0);
    ledger.won('t1', 'ada', false, 1);
    ledger.won('t2', 'bob', false, 1);
    assert.equal(ledger.awardsMissing(), 2);
    ledger.award('t1', 'ada');
    ledger.award('t2', 'eve'); // an award naming someone else does not count for bob
    assert.deepEqual([ledger.awardsMissing(), ledger.verdicts().awardsLost, ledger.verdicts().awardsSeen], [1, 1, 2]);
    ledger.award('t2', 'bob');
    assert.equal(ledger.verdicts().awardsLost, 0);
  });

  test('a shard whose spawns interleave two versions within 2 s is double-owned; a handover or a rollback is not', () => {
    const ledger = createLedger(() => T0);
    // Rollout: v3 hands shard A to v4 once; a v3 spawn from before the switch arrives late.
    ledger.spawn(spawn(SHARD_A, T0 + 1000, 3));
    ledger.spawn(spawn(SHARD_A, T0 + 1250, 3));
    ledger.spawn(spawn(SHARD_A, T0 + 1600, 4));
    ledger.spawn(spawn(SHARD_A, T0 + 1500, 3));
    ledger.spawn(spawn(SHARD_A, T0 + 1850, 4));
    // Rollback 40 s later: v3 takes it back for good.
    ledger.spawn(spawn(SHARD_A, T0 + 41_000, 3));
    ledger.spawn(spawn(SHARD_A, T0 + 41_250, 3));
    assert.equal(ledger.verdicts().zonesDoubleOwned, 0);
    // Shard B: both versions spawn in it at once.
    ledger.spawn(spawn(SHARD_B, T0 + 1000, 3));
    ledger.spawn(spawn(SHARD_B, T0 + 1100, 4));
    ledger.spawn(spawn(SHARD_B, T0 + 1250, 3));
    assert.equal(ledger.verdicts().zonesDoubleOwned, 1);
  });

  test('per-second books count spawns per version by spawn time, wins and listed refusals; before second 0 nothing', () => {
    let start = Number.POSITIVE_INFINITY;
    const ledger = createLedger(() => start);
    ledger.spawn(spawn(SHARD_A, T0 - 500, 3)); // before the replay: ownership only
    start = T0;
    ledger.spawn(spawn(SHARD_A, T0 + 100, 3));
    ledger.spawn(spawn(SHARD_A, T0 + 900, 3));
    ledger.spawn(spawn(SHARD_B, T0 + 1100, 4));
    ledger.won('t1', 'ada', false, 1.5);
    ledger.listedRefused('pending', 1.7);
    ledger.listedRefused('not-found', 1.9);
    assert.deepEqual(ledger.second(0), { spawnsPerS: { '3': 2 }, claimsWon: 0, listedNotFound: 0 });
    assert.deepEqual(ledger.second(1), { spawnsPerS: { '4': 1 }, claimsWon: 1, listedNotFound: 2 });
    assert.deepEqual(ledger.second(7), { spawnsPerS: {}, claimsWon: 0, listedNotFound: 0 });
    assert.deepEqual([ledger.verdicts().listedNotFound, ledger.verdicts().listedPending], [1, 1]);
  });
});
