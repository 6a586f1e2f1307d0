import { rollLoot, type ActiveTreasure, type ClaimRules } from '@hunt/loot-core';
import { ulid } from '@hunt/contracts';
import { shardAt } from '@hunt/world';

export const T0 = 1_800_000_000_000;

export const TEST_RULES: ClaimRules = {
  radiusM: 25,
  maxSpeedMps: 30,
  claimsPerMinute: 5,
  multiplier: { step: 0.5, max: 2, decayS: 10 },
  seasonId: 'test-season',
};

/** The config version the stores under test stamp on outbox entries (not the spawn's 7). */
export const TEST_CONFIG_VERSION = 3;

const TIERS = { common: { weight: 1, loot: [{ item: 'coin', weight: 1, value: 10 }] } };

/** A live treasure in zone alpha at (10.1, 20.1) (in its shard), spawned at T0 for 5 minutes, worth 10 points. */
export function makeTreasure(over: Partial<ActiveTreasure> = {}): ActiveTreasure {
  const treasureId = over.treasureId ?? ulid(T0);
  return {
    treasureId,
    zoneId: 'alpha',
    shardId: shardAt(10.1, 20.1),
    lat: 10.1,
    lng: 20.1,
    tier: 'common',
    spawnedAtMs: T0,
    expiresAtMs: T0 + 300_000,
    configVersion: 7,
    loot: rollLoot(TIERS, { value: 0, keyId: 'test' }, 'common', 7), // one item: any seed rolls it
    ...over,
  };
}

/** A claim of `t` standing on it. */
export const claimOf = (t: ActiveTreasure, playerId: string, nowMs = T0 + 1000) => ({
  playerId,
  treasureId: t.treasureId,
  zoneId: t.zoneId,
  shardId: t.shardId,
  lat: t.lat,
  lng: t.lng,
  nowMs,
});
