/**
 * The chart's data: each region's spawn rate, the busiest named zones' and the fleet's rarity
 * mix over a time range, computed with @hunt/difficulty at every UTC minute (values resolve per
 * minute) and reduced to buckets that keep each bucket's extremes, so a 1-hour happy hour
 * survives any zoom. One line per region and a handful of zones stay readable for any world;
 * `hunt-config diff` has every zone's numbers.
 */
import { worldOf, type HuntConfig } from '@hunt/config-schema';
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
/** Named zones drawn: the busiest by peak rate in the range (a region's rest is its region's line). */
export const TOP_ZONES = 5;

/** One bucket: the lowest and highest per-minute value within [t, t + bucket). */
export interface Bucket {
  readonly t: number;
  readonly min: number;
  readonly max: number;
}

export type Panel = 'region' | 'zone' | 'rarity';

export interface Series {
  /** `<panel>:<zone or tier>:<version index>`, unique in a chart. */
  readonly id: string;
  readonly panel: Panel;
  /** Region id, zone id or tier name, after the panel. */
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
  /** Regions, drawn zones and tiers of all versions, first-seen order: their order in legend and palette. */
  readonly regions: readonly string[];
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
  const sampled = versions.flatMap((v, i) =>
    sampleVersion(v.config, fromMs, minutes, bucketMinutes).map((s) => ({
      id: `${s.panel}:${s.key}:${i}`,
      panel: s.panel,
      key: s.key,
      version: i,
      buckets: s.buckets,
    })),
  );
  const top = busiest(sampled.filter((s) => s.panel === 'zone'));
  const series = sampled.filter((s) => s.panel !== 'zone' || top.has(s.key));
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
    regions: keys('region'),
    zones: keys('zone'),
    tiers: keys('rarity'),
    series,
  };
}

/** The TOP_ZONES zone ids with the highest peak in any version. */
function busiest(zones: readonly Series[]): Set<string> {
  const peak = new Map<string, number>();
  for (const s of zones) peak.set(s.key, Math.max(peak.get(s.key) ?? 0, ...s.buckets.map((b) => b.max)));
  return new Set(
    [...peak]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_ZONES)
      .map(([key]) => key),
  );
}

/**
 * Bucketed values of one config: every region (the sum of its zones in each minute), every
 * named zone, and each tier's share of all spawns across zones (zone weights weighted by zone
 * spawn rate); in a minute where nothing spawns (closed off season) the share is the plain mean
 * over zones, so the line stays continuous. Buckets fill as minutes pass: memory is per bucket,
 * not per minute, whatever the number of zones.
 */
function sampleVersion(config: HuntConfig, fromMs: number, minutes: number, bucketMinutes: number) {
  const d = createDifficulty(config);
  const world = worldOf(config);
  const tiers = Object.keys(config.tiers);
  const named = world.zones.filter((z) => !z.remainder);
  const regionOf = world.zones.map((z) => world.regions.findIndex((r) => r.id === z.regionId));
  const namedIndex = world.zones.map((z) => named.indexOf(z));
  const buckets = Math.ceil(minutes / bucketMinutes);
  const region = world.regions.map(() => new Extremes(buckets));
  const zone = named.map(() => new Extremes(buckets));
  const rarity = tiers.map(() => new Extremes(buckets));
  const regionMinute = new Float64Array(world.regions.length);
  const weighted = new Float64Array(tiers.length);
  const plain = new Float64Array(tiers.length);
  for (let m = 0; m < minutes; m++) {
    const t = fromMs + m * MINUTE_MS;
    const b = Math.floor(m / bucketMinutes);
    let total = 0;
    regionMinute.fill(0);
    weighted.fill(0);
    plain.fill(0);
    world.zones.forEach((z, i) => {
      const p = d.at(z.id, t)!;
      total += p.spawnRatePerS;
      regionMinute[regionOf[i]!]! += p.spawnRatePerS;
      if (namedIndex[i]! >= 0) zone[namedIndex[i]!]!.add(b, p.spawnRatePerS);
      p.rarityWeights.forEach((w, k) => {
        weighted[k]! += w * p.spawnRatePerS;
        plain[k]! += w / world.zones.length;
      });
    });
    region.forEach((r, i) => r.add(b, regionMinute[i]!));
    rarity.forEach((r, k) => r.add(b, total > 0 ? weighted[k]! / total : plain[k]!));
  }
  const out = (panel: Panel, key: string, e: Extremes) => ({ panel, key, buckets: e.buckets(fromMs, bucketMinutes) });
  return [
    ...world.regions.map((r, i) => out('region', r.id, region[i]!)),
    ...named.map((z, i) => out('zone', z.id, zone[i]!)),
    ...tiers.map((key, k) => out('rarity', key, rarity[k]!)),
  ];
}

/** Lowest and highest value per bucket. */
class Extremes {
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(size: number) {
    this.min = new Float64Array(size).fill(Infinity);
    this.max = new Float64Array(size).fill(-Infinity);
  }

  add(bucket: number, value: number): void {
    if (value < this.min[bucket]!) this.min[bucket] = value;
    if (value > this.max[bucket]!) this.max[bucket] = value;
  }

  buckets(fromMs: number, bucketMinutes: number): Bucket[] {
    return Array.from(this.min, (min, i) => ({ t: fromMs + i * bucketMinutes * MINUTE_MS, min, max: this.max[i]! }));
  }
}
