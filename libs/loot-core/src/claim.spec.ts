import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideClaim, type ClaimRules, type StoredTreasure } from './claim';
import { distanceM } from './geo';
import { INITIAL_MULTIPLIER } from './multiplier';

const rules: ClaimRules = {
  radiusM: 25,
  maxSpeedMps: 30,
  claimsPerMinute: 3,
  multiplier: { step: 0.5, max: 4, decayS: 10 },
  seasonId: 's',
};
const treasure: StoredTreasure = {
  treasureId: 'T',
  zoneId: 'alpha',
  shardId: 's1',
  lat: 10.1,
  lng: 20.1,
  tier: 'common',
  spawnedAtMs: 0,
  expiresAtMs: 60_000,
  configVersion: 7,
  loot: { item: 'coin', value: 5, tier: 'common', configVersion: 7, rollKeyId: 'k1', fallback: false },
};
const cmd = { playerId: 'p1', treasureId: 'T', zoneId: 'alpha', shardId: 's1', lat: 10.1, lng: 20.1, nowMs: 1_000 };
const fresh = { multiplier: INITIAL_MULTIPLIER };

describe('decideClaim', () => {
  test('each rejection has its own reason', () => {
    const reason = (t: StoredTreasure | undefined, over: Partial<typeof cmd> = {}, attempts = 1, player = {}) => {
      const r = decideClaim(t, { ...fresh, ...player }, attempts, { ...cmd, ...over }, rules).outcome;
      return r.kind === 'rejected' ? r.reason : r.kind;
    };
    assert.equal(reason(undefined), 'not-found');
    assert.equal(reason(treasure, {}, 4), 'rate-limited');
    assert.equal(reason(treasure, { nowMs: 60_000 }), 'expired');
    assert.equal(reason(treasure, { lat: 10.1003 }), 'too-far');
    assert.equal(reason(treasure, {}, 1, { last: { lat: 11, lng: 20.1, atMs: 0 } }), 'implausible-movement');
    assert.equal(reason(treasure), 'won');
  });

  test('the winner retrying gets the same award; anyone else gets already-claimed', () => {
    const won = decideClaim(treasure, fresh, 1, cmd, rules).outcome;
    assert.equal(won.kind, 'won');
    const claimed = { ...treasure, award: won.kind === 'won' ? won.award : undefined };
    assert.deepEqual(decideClaim(claimed, fresh, 99, cmd, rules).outcome, { ...won, replayed: true });
    assert.deepEqual(decideClaim(claimed, fresh, 1, { ...cmd, playerId: 'p2' }, rules).outcome, {
      kind: 'rejected',
      reason: 'already-claimed',
    });
  });

  test('distance is haversine metres', () => {
    assert.ok(Math.abs(distanceM(0, 0, 0, 1) - 111_195) < 1);
  });
});
