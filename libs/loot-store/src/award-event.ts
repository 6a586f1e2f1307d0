import type { LootAwardedV1 } from '@hunt/contracts';
import type { Award } from '@hunt/loot-core';

/**
 * The `hunt.loot-awarded.v1` value of an award. The Redis claim script builds the same JSON in
 * Lua (scripts.ts CLAIM); the contract suite checks both against this.
 */
export function awardEvent(a: Award): LootAwardedV1 {
  return {
    treasure_id: a.treasureId,
    zone_id: a.zoneId,
    player_id: a.playerId,
    season_id: a.seasonId,
    tier: a.tier,
    item: a.item,
    value: a.value,
    multiplier: a.multiplier,
    points: a.points,
    claimed_at: a.claimedAtMs,
    loot_config_version: a.lootConfigVersion,
    spawn_config_version: a.spawnConfigVersion,
  };
}
