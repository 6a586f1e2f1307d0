/**
 * The chart's data: each zone's spawn rate and the fleet's rarity mix over a time range,
 * computed with @hunt/difficulty at every UTC minute (values resolve per minute) and reduced
 * to buckets that keep each bucket's extremes, so a 1-hour happy hour survives any zoom.
 */
import type { HuntConfig } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';

const MINUTE_MS = 60_000;
/** Bucket sizes in minutes; each divides an hour or a day, so buckets from a whole hour keep to clock times. */
const BUCKET_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
export const MAX_POINTS_PER_SERIES = 2000;
/**
 * Above this range a bucket is at least one UTC day: a daily window (happy hour) then draws
 * as a band between each day's base and peak rather than a comb of pixel-wide spikes.
 */
export const DAILY_BUCKETS_ABOVE_MINUTES = 14 * 1440;

/** One bucket: the lowest and highest per-minute value within [t, t + bucket). */
export interface Bucket {
  readonly t: number;
  readonly min: number;
  readonly max: number;
}

export type Panel = 'spawn' | 'rarity';

export interface Series {
  /** `<panel>:<zone or tier>:<version index>`, unique in a chart. */
  readonly id: string;
  readonly panel: Panel;
  /** Zone id (spawn panel) or tier name (rarity panel). */
  readonly key: string;
  /** Index into ChartModel.versions: 0 the file, 1 the --vs file. */
  readonly version: number;
  readonly buckets: readonly Bucket[];
}

export interface VersionInput {
  /** How the chart names this config, e.g. its path. */
  readonly label: string;
  readonly config: HuntConfig;
}

export interface VersionMeta {
  readonly label: string;
  readonly version: number;
  readonly seasonId: string;
  readonly seasonStartMs: number;
  readonly seasonEndMs: number;
}

export interface ChartModel {
  readonly versions: readonly VersionMeta[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly bucketMinutes: number;
  /** Zones and tiers of all versions, first-seen order: their order in legend and palette. */
  readonly zones: readonly string[];
  readonly tiers: readonly string[];
  readonly series: readonly Series[];
}

/** The smallest aligned bucket that keeps a series at or under `maxPoints` points. */
export function chooseBucketMinutes(totalMinutes: number, maxPoints = MAX_POINTS_PER_SERIES): number {
  const needed = Math.max(Math.ceil(totalMinutes / maxPoints), totalMinutes > DAILY_BUCKETS_ABOVE_MINUTES ? 1440 : 1);
  return BUCKET_MINUTES.find((b) => b >= needed) ?? Math.ceil(needed / 1440) * 1440;
}

/** Samples [fromMs, toMs) for every version; `fromMs` and `toMs` are whole UTC minutes. */
export function buildChart(versions: readonly VersionInput[], fromMs: number, toMs: number): ChartModel {
  const minutes = Math.max(0, Math.round((toMs - fromMs) / MINUTE_MS));
  const bucketMinutes = chooseBucketMinutes(minutes);
  const series = versions.flatMap((v, i) =>
    sampleVersion(v.config, fromMs, minutes).map((s) => ({
      id: `${s.panel}:${s.key}:${i}`,
      panel: s.panel,
      key: s.key,
      version: i,
      buckets: reduceBuckets(s.values, fromMs, bucketMinutes),
    })),
  );
  const keys = (panel: Panel) => [...new Set(series.filter((s) => s.panel === panel).map((s) => s.key))];
  return {
    versions: versions.map(({ label, config }) => ({
      label,
      version: config.version,
      seasonId: config.season.id,
      seasonStartMs: Date.parse(config.season.starts_at),
      seasonEndMs: Date.parse(config.season.ends_at),
    })),
    fromMs,
    toMs,
    bucketMinutes,
    zones: keys('spawn'),
    tiers: keys('rarity'),
    series,
  };
}

/**
 * Per-minute values of one config. Rarity is each tier's share of all spawns across zones
 * (zone weights weighted by zone spawn rate); in a minute where nothing spawns (closed off
 * season) it is the plain mean over zones, so the line stays continuous.
 */
function sampleVersion(config: HuntConfig, fromMs: number, minutes: number) {
  const d = createDifficulty(config);
  const tiers = Object.keys(config.tiers);
  const spawn = d.zoneIds.map(() => new Float64Array(minutes));
  const rarity = tiers.map(() => new Float64Array(minutes));
  const weighted = new Float64Array(tiers.length);
  const plain = new Float64Array(tiers.length);
  for (let m = 0; m < minutes; m++) {
    const t = fromMs + m * MINUTE_MS;
    let total = 0;
    weighted.fill(0);
    plain.fill(0);
    d.zoneIds.forEach((zone, z) => {
      const p = d.at(zone, t)!;
      spawn[z]![m] = p.spawnRatePerS;
      total += p.spawnRatePerS;
      p.rarityWeights.forEach((w, k) => {
        weighted[k]! += w * p.spawnRatePerS;
        plain[k]! += w / d.zoneIds.length;
      });
    });
    for (let k = 0; k < tiers.length; k++) rarity[k]![m] = total > 0 ? weighted[k]! / total : plain[k]!;
  }
  return [
    ...d.zoneIds.map((key, z) => ({ panel: 'spawn' as const, key, values: spawn[z]! })),
    ...tiers.map((key, k) => ({ panel: 'rarity' as const, key, values: rarity[k]! })),
  ];
}

function reduceBuckets(values: Float64Array, fromMs: number, bucketMinutes: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = 0; start < values.length; start += bucketMinutes) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < Math.min(values.length, start + bucketMinutes); i++) {
      min = Math.min(min, values[i]!);
      max = Math.max(max, values[i]!);
    }
    buckets.push({ t: fromMs + start * MINUTE_MS, min, max });
  }
  return buckets;
}
