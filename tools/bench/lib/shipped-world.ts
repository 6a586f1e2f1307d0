/**
 * The shipped world (config/hunt.toml) as the benchmarks meet it: its base and peak instants, its
 * total spawn rate at an instant, and spawn events drawn exactly as the spawner draws them
 * (libs/spawn-core: a shard by rate, a zone of it by rate, a cell of that zone, a point in the
 * cell), so a benchmark's treasures lie where players would find them.
 */
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { ulid, type TreasureSpawnedV1 } from '@hunt/contracts';
import { createShardRates, pickPart, rollTreasure } from '@hunt/spawn-core';
import { randomPointInCell } from '@hunt/world';
import { join } from 'node:path';
import { profileSeason } from '../../hunt-config/impact/season-profile';

export const SHIPPED_CONFIG_FILE = join(import.meta.dirname, '../../../config/hunt.toml');

/** Noon of the season's first day: the base rate, no window open (tools/engine/world-density.spec.ts). */
export const baseInstant = (config: HuntConfig): number => Date.parse(config.season.starts_at) + 12 * 3600_000;

/** What the curves ask of the whole world at `atMs`, spawns/s (before ramp and cap). */
export function totalRate(config: HuntConfig, atMs: number): number {
  const rates = createShardRates(config);
  return rates.shardIds.reduce((sum, shard) => sum + rates.at(shard, atMs)!.targetPerS, 0);
}

/**
 * The season's busiest minute and its demand, as `hunt-config diff` reports them (sampled every
 * minute): in the shipped config the late-season curve during happy hour.
 */
export function peakOf(config: HuntConfig): { atMs: number; ratePerS: number } {
  const profile = profileSeason(config);
  return { atMs: Date.parse(profile.peakTotalAt), ratePerS: profile.peakTotalRate };
}

/**
 * `count` spawn events drawn from the world's rates at `rateAtMs`; `spawnedAt(i)` stamps the
 * i-th (expires_at = spawned_at + ttl, as the spawner sets it).
 */
export function drawSpawns(opts: {
  config: HuntConfig;
  rateAtMs: number;
  count: number;
  random: () => number;
  spawnedAt: (i: number) => number;
}): TreasureSpawnedV1[] {
  const { config, random } = opts;
  const rates = createShardRates(config);
  const shards = rates.shardIds.map((id) => rates.at(id, opts.rateAtMs)!);
  const total = shards.reduce((sum, s) => sum + s.targetPerS, 0);
  const ttlMs = config.spawn.treasure_ttl_s * 1000;
  return Array.from({ length: opts.count }, (_, i) => {
    let x = random() * total;
    const shard = shards.find((s) => (x -= s.targetPerS) < 0) ?? shards[shards.length - 1]!;
    const part = pickPart(shard, random());
    const t = Math.floor(opts.spawnedAt(i));
    return {
      treasure_id: ulid(t, random),
      zone_id: part.zoneId,
      ...rollTreasure(part.cells, part.difficulty.tierNames, part.difficulty.rarityWeights, random),
      spawned_at: t,
      expires_at: t + ttlMs,
      config_version: config.version,
    };
  });
}

/** `count` points uniform over the playable area (a random cell, a random point in it). */
export function playablePoints(config: HuntConfig, count: number, random: () => number) {
  const cells = worldOf(config).zones.flatMap((z) => z.cells);
  return Array.from({ length: count }, () => randomPointInCell(cells[Math.floor(random() * cells.length)]!, random));
}
