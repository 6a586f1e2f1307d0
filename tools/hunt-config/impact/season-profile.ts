import type { HuntConfig } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';

const MINUTE_MS = 60_000;

/** What a config does over its season, sampled at every minute (values resolve per minute). */
export interface SeasonProfile {
  readonly zones: readonly ZoneProfile[];
  /** Highest fleet-wide spawn demand (sum over zones) in any minute, events/s. */
  readonly peakTotalRate: number;
  readonly peakTotalAt: string;
  readonly meanTotalRate: number;
  /** Season means, weighted by spawns where it matters. */
  readonly meanLootMultiplier: number;
  readonly meanRarity: Readonly<Record<string, number>>;
  readonly decayRange: readonly [number, number];
}

export interface ZoneProfile {
  readonly id: string;
  readonly peakRate: number;
  readonly peakAt: string;
  readonly meanRate: number;
}

/** Samples every minute from `fromMs` (default: season start) to `toMs` (default: season end). */
export function profileSeason(config: HuntConfig, fromMs?: number, toMs?: number): SeasonProfile {
  const d = createDifficulty(config);
  const start = fromMs ?? Date.parse(config.season.starts_at);
  const end = toMs ?? Date.parse(config.season.ends_at);
  const zones = d.zoneIds.map((id) => ({ id, peakRate: 0, peakAt: '', sum: 0 }));
  const tierNames = Object.keys(config.tiers);
  const raritySum = new Array<number>(tierNames.length).fill(0);
  let peakTotal = 0;
  let peakTotalAt = start;
  let total = 0;
  let lootWeighted = 0;
  let minutes = 0;
  let decayMin = Infinity;
  let decayMax = 0;
  for (let t = start; t < end; t += MINUTE_MS) {
    let minuteTotal = 0;
    for (const z of zones) {
      const p = d.at(z.id, t)!;
      minuteTotal += p.spawnRatePerS;
      z.sum += p.spawnRatePerS;
      if (p.spawnRatePerS > z.peakRate) {
        z.peakRate = p.spawnRatePerS;
        z.peakAt = new Date(t).toISOString();
      }
      lootWeighted += p.lootMultiplier * p.spawnRatePerS;
      p.rarityWeights.forEach((w, i) => (raritySum[i]! += w * p.spawnRatePerS));
      decayMin = Math.min(decayMin, p.multiplierDecayS);
      decayMax = Math.max(decayMax, p.multiplierDecayS);
    }
    if (minuteTotal > peakTotal) {
      peakTotal = minuteTotal;
      peakTotalAt = t;
    }
    total += minuteTotal;
    minutes++;
  }
  const spawns = total || 1;
  return {
    zones: zones.map((z) => ({
      id: z.id,
      peakRate: z.peakRate,
      peakAt: z.peakAt,
      meanRate: z.sum / Math.max(1, minutes),
    })),
    peakTotalRate: peakTotal,
    peakTotalAt: new Date(peakTotalAt).toISOString(),
    meanTotalRate: total / Math.max(1, minutes),
    meanLootMultiplier: total > 0 ? lootWeighted / spawns : 1,
    meanRarity: Object.fromEntries(tierNames.map((t, i) => [t, total > 0 ? raritySum[i]! / spawns : 0])),
    decayRange: [decayMin === Infinity ? config.multiplier.decay_s : decayMin, decayMax || config.multiplier.decay_s],
  };
}
