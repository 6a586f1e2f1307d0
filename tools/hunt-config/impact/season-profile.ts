import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';

const MINUTE_MS = 60_000;

/** What a config does over its season, sampled at every minute (values resolve per minute). */
export interface SeasonProfile {
  /** The world's zones: named ones in config order, then each region's remainder. */
  readonly zones: readonly ZoneProfile[];
  readonly regions: readonly RegionProfile[];
  /** Highest fleet-wide spawn demand (sum over zones) in any minute, events/s. */
  readonly peakTotalRate: number;
  readonly peakTotalAt: string;
  readonly meanTotalRate: number;
  /** Season means, weighted by spawns where it matters. */
  readonly meanLootMultiplier: number;
  readonly meanRarity: Readonly<Record<string, number>>;
  readonly decayRange: readonly [number, number];
}

/** One area's spawn rate over the season, events/s. */
export interface RateProfile {
  readonly id: string;
  readonly name: string;
  readonly cellCount: number;
  readonly areaKm2: number;
  readonly peakRate: number;
  readonly peakAt: string;
  readonly meanRate: number;
}

export interface ZoneProfile extends RateProfile {
  readonly regionId: string;
  /** The region's cells outside every named zone (its id is the region's). */
  readonly remainder: boolean;
}

/** A region's rate is the sum of its zones' in each minute (its peak is not the sum of their peaks). */
export type RegionProfile = RateProfile;

interface Accumulator {
  peakRate: number;
  peakAt: number;
  sum: number;
}

/** Samples every minute from `fromMs` (default: season start) to `toMs` (default: season end). */
export function profileSeason(config: HuntConfig, fromMs?: number, toMs?: number): SeasonProfile {
  const d = createDifficulty(config);
  const world = worldOf(config);
  const start = fromMs ?? Date.parse(config.season.starts_at);
  const end = toMs ?? Date.parse(config.season.ends_at);
  const newAcc = (): Accumulator => ({ peakRate: 0, peakAt: start, sum: 0 });
  const zones = world.zones.map(newAcc);
  const regions = world.regions.map(newAcc);
  const regionOfZone = world.zones.map((z) => world.regions.findIndex((r) => r.id === z.regionId));
  const regionMinute = new Float64Array(regions.length);
  const tierNames = Object.keys(config.tiers);
  const raritySum = new Array<number>(tierNames.length).fill(0);
  const fleet = newAcc();
  let lootWeighted = 0;
  let minutes = 0;
  let decayMin = Infinity;
  let decayMax = 0;
  for (let t = start; t < end; t += MINUTE_MS) {
    let minuteTotal = 0;
    regionMinute.fill(0);
    world.zones.forEach((zone, z) => {
      const p = d.at(zone.id, t)!;
      minuteTotal += p.spawnRatePerS;
      regionMinute[regionOfZone[z]!]! += p.spawnRatePerS;
      record(zones[z]!, p.spawnRatePerS, t);
      lootWeighted += p.lootMultiplier * p.spawnRatePerS;
      p.rarityWeights.forEach((w, i) => (raritySum[i]! += w * p.spawnRatePerS));
      decayMin = Math.min(decayMin, p.multiplierDecayS);
      decayMax = Math.max(decayMax, p.multiplierDecayS);
    });
    regions.forEach((r, i) => record(r, regionMinute[i]!, t));
    record(fleet, minuteTotal, t);
    minutes++;
  }
  const rates = (a: Accumulator) => ({
    peakRate: a.peakRate,
    peakAt: new Date(a.peakAt).toISOString(),
    meanRate: a.sum / Math.max(1, minutes),
  });
  const spawns = fleet.sum || 1;
  return {
    zones: world.zones.map((z, i) => ({
      id: z.id,
      name: z.name,
      regionId: z.regionId,
      remainder: z.remainder,
      cellCount: z.cells.length,
      areaKm2: z.areaKm2,
      ...rates(zones[i]!),
    })),
    regions: world.regions.map((r, i) => ({
      id: r.id,
      name: r.name,
      cellCount: r.cellCount,
      areaKm2: r.areaKm2,
      ...rates(regions[i]!),
    })),
    peakTotalRate: fleet.peakRate,
    peakTotalAt: new Date(fleet.peakAt).toISOString(),
    meanTotalRate: fleet.sum / Math.max(1, minutes),
    meanLootMultiplier: fleet.sum > 0 ? lootWeighted / spawns : 1,
    meanRarity: Object.fromEntries(tierNames.map((t, i) => [t, fleet.sum > 0 ? raritySum[i]! / spawns : 0])),
    decayRange: [decayMin === Infinity ? config.multiplier.decay_s : decayMin, decayMax || config.multiplier.decay_s],
  };
}

function record(a: Accumulator, rate: number, t: number): void {
  a.sum += rate;
  if (rate > a.peakRate) {
    a.peakRate = rate;
    a.peakAt = t;
  }
}
