import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { createDifficulty, type ZoneDifficulty } from '@hunt/difficulty';
import type { CellId, ShardId } from '@hunt/world';

/** One zone's share of a shard during one minute. */
export interface PartRate {
  readonly zoneId: string;
  readonly cells: readonly CellId[];
  /** The zone's rate x (this part's area / the zone's area), treasures/s. */
  readonly ratePerS: number;
  readonly difficulty: ZoneDifficulty;
}

export interface ShardRates {
  readonly minute: number;
  /** What the curves ask of the whole shard, treasures/s (before ramp and cap). */
  readonly targetPerS: number;
  readonly parts: readonly PartRate[];
}

/**
 * The spawn rates of every shard, from libs/difficulty's per-zone rates spread over the zone's
 * cells by area: a shard holding a third of a zone's area spawns a third of the zone's treasures.
 * Memoised per shard for the minute (values resolve at whole minutes), so a tick allocates
 * nothing until the minute changes. Pure: config and time in, rates out.
 */
export function createShardRates(config: HuntConfig) {
  const world = worldOf(config);
  const difficulty = createDifficulty(config);
  const shards = new Map(world.shards.map((s) => [s.id, s]));
  const last = new Map<ShardId, ShardRates>();
  return {
    shardIds: Object.freeze(world.shards.map((s) => s.id)),
    /** The shard's rates at `timeMs`; undefined for a shard the world does not have. */
    at(shardId: ShardId, timeMs: number): ShardRates | undefined {
      const minute = Math.floor(timeMs / 60_000);
      const hit = last.get(shardId);
      if (hit?.minute === minute) return hit;
      const shard = shards.get(shardId);
      if (!shard) return undefined;
      const parts = shard.parts.map((p): PartRate => {
        const d = difficulty.at(p.zone.id, timeMs)!;
        return {
          zoneId: p.zone.id,
          cells: p.cells,
          ratePerS: (d.spawnRatePerS * p.areaKm2) / p.zone.areaKm2,
          difficulty: d,
        };
      });
      const rates = { minute, targetPerS: parts.reduce((s, p) => s + p.ratePerS, 0), parts };
      last.set(shardId, rates);
      return rates;
    },
  };
}

export type ShardRatesOf = ReturnType<typeof createShardRates>;

/** A part drawn with probability proportional to its rate (the first part when all are 0). */
export function pickPart(rates: ShardRates, u: number): PartRate {
  let x = u * rates.targetPerS;
  for (const part of rates.parts) {
    if (x < part.ratePerS) return part;
    x -= part.ratePerS;
  }
  return rates.parts.findLast((p) => p.ratePerS > 0) ?? rates.parts[0]!;
}
