import type { Acknowledgement, HuntConfig } from '@hunt/config-schema';
import type { ChangedKey } from './changed-keys';
import type { RateProfile, SeasonProfile } from './season-profile';

/** A change that breaks a [limits] guardrail of the base config. */
export interface Violation {
  readonly rule: 'bus-capacity' | 'rate-growth' | 'decay-speed' | 'limits-changed';
  /** What grew, for rate-growth: `region:<id>` or `zone:<id>`. */
  readonly subject?: string;
  readonly message: string;
  /** The changed keys that cause it; all must be acknowledged in [release] to waive it. */
  readonly keys: readonly ChangedKey[];
  readonly acknowledged: boolean;
}

export interface Side {
  readonly config: HuntConfig;
  readonly profile: SeasonProfile;
}

/**
 * Keys that move spawn rates. A zone's rate is density x its area x its modifier, so the
 * shapes of zones and regions (their cells) count as much as the density: a redrawn polygon or
 * a zone handed its region's cells is caught through the rates it changes.
 */
const GLOBAL_SPAWN_KEYS =
  /^(spawn\.base_density_per_km2_s|curves\.spawn_rate|windows|season\.(starts_at|ends_at|off_season)|limits\.max_window_stack)/;
const AREA_SPAWN_KEYS = /^(regions|zones)\.(\d+)(\.(bounds|polygon|region|id|modifiers\.spawn_rate)|$)/;
const DECAY_KEYS = /^(multiplier\.decay_s|curves\.multiplier_decay)/;
/** A region's violation names at most this many of its zones; the rest are counted. */
const ZONES_NAMED = 5;

/**
 * The guardrails are the BASE file's limits: a change cannot loosen the rule it is judged by.
 * Changing a limit is itself a violation that must be acknowledged.
 */
export function checkGuardrails(base: Side, next: Side, changes: readonly ChangedKey[]): Violation[] {
  const limits = base.config.limits;
  const spawnKeys = changes.filter((c) => GLOBAL_SPAWN_KEYS.test(c.key) || AREA_SPAWN_KEYS.test(c.key));
  const found: Omit<Violation, 'acknowledged'>[] = [];

  if (next.profile.peakTotalRate > limits.bus_events_per_s) {
    found.push({
      rule: 'bus-capacity',
      message: `peak spawn demand ${fmt(next.profile.peakTotalRate)} events/s (at ${next.profile.peakTotalAt}) exceeds limits.bus_events_per_s ${limits.bus_events_per_s}`,
      keys: spawnKeys,
    });
  }
  found.push(...rateGrowth(base, next, changes));
  const decaySpeedup = growth(1 / base.profile.decayRange[0], 1 / next.profile.decayRange[0]);
  if (decaySpeedup > limits.max_rate_change_ratio) {
    found.push({
      rule: 'decay-speed',
      message: `combo multiplier decays x${fmt(decaySpeedup)} faster (shortest decay ${fmt(base.profile.decayRange[0])} s -> ${fmt(next.profile.decayRange[0])} s), exceeding limits.max_rate_change_ratio ${limits.max_rate_change_ratio}`,
      keys: changes.filter((c) => DECAY_KEYS.test(c.key)),
    });
  }
  for (const change of changes.filter((c) => c.key.startsWith('limits.'))) {
    found.push({
      rule: 'limits-changed',
      message: `guardrail ${change.key} changed ${show(change.from)} -> ${show(change.to)}`,
      keys: [change],
    });
  }
  const acks = next.config.release?.acknowledge ?? [];
  return found.map((v) => ({ ...v, acknowledged: v.keys.length > 0 && v.keys.every((k) => acknowledges(acks, k)) }));
}

/**
 * Regions and zones (present on both sides) whose peak or mean rate grows past the ratio. A
 * region over the limit is one violation naming its zones over it (the story's change triples
 * every zone: four lines, not one per zone); a zone over the limit in a region that is not is
 * its own violation. New zones are judged through their region (they take its cells).
 */
function rateGrowth(base: Side, next: Side, changes: readonly ChangedKey[]): Omit<Violation, 'acknowledged'>[] {
  const ratio = base.config.limits.max_rate_change_ratio;
  const over = (list: readonly RateProfile[], before: readonly RateProfile[]) =>
    new Map(
      list.flatMap((now) => {
        const old = before.find((b) => b.id === now.id);
        const grown = old && exceeded(old, now, ratio);
        return grown ? [[now.id, grown] as const] : [];
      }),
    );
  const regions = over(next.profile.regions, base.profile.regions);
  const zones = over(next.profile.zones, base.profile.zones);
  const regionOf = (zoneId: string) => next.profile.zones.find((z) => z.id === zoneId)!.regionId;
  const limit = `exceeds limits.max_rate_change_ratio ${ratio}`;
  const found: Omit<Violation, 'acknowledged'>[] = [];
  for (const [id, g] of regions) {
    const inside = [...zones]
      .filter(([z]) => regionOf(z) === id)
      .map(([z, zg]) => `${zoneName(next, z)} x${fmt(zg.ratio)}`);
    const named =
      inside.length > ZONES_NAMED ? [...inside.slice(0, ZONES_NAMED), `${inside.length - ZONES_NAMED} more`] : inside;
    found.push({
      rule: 'rate-growth',
      subject: `region:${id}`,
      message: `region ${id}: ${g.text} ${limit}${named.length > 0 ? `; zones over it: ${named.join(', ')}` : ''}`,
      keys: keysOfRegion(base.config, next.config, id, changes),
    });
  }
  for (const [id, g] of zones) {
    const region = regionOf(id);
    if (regions.has(region)) continue;
    found.push({
      rule: 'rate-growth',
      subject: `zone:${id}`,
      message: `zone ${zoneName(next, id)}: ${g.text} ${limit}`,
      keys: keysOfRegion(base.config, next.config, region, changes),
    });
  }
  return found;
}

/** The first of peak and mean that grows past the ratio, as "peak spawn rate a -> b events/s (xr)". */
function exceeded(old: RateProfile, now: RateProfile, ratio: number): { ratio: number; text: string } | undefined {
  for (const [what, a, b] of [
    ['peak', old.peakRate, now.peakRate],
    ['mean', old.meanRate, now.meanRate],
  ] as const) {
    const r = growth(a, b);
    if (r > ratio) return { ratio: r, text: `${what} spawn rate ${fmt(a)} -> ${fmt(b)} events/s (x${fmt(r)})` };
  }
  return undefined;
}

/** A remainder zone is named after its region; say so, or "zone berlin" reads like the region. */
const zoneName = (s: Side, id: string) =>
  s.profile.zones.find((z) => z.id === id)?.remainder ? `${id} (rest of the region)` : id;

/**
 * The changed keys that can move a region's rates: the global spawn keys, the region's own
 * shape and modifier, and every zone in it on either side (a zone's cells come out of the
 * region's remainder).
 */
function keysOfRegion(a: HuntConfig, b: HuntConfig, regionId: string, changes: readonly ChangedKey[]): ChangedKey[] {
  const indices = (c: HuntConfig) => ({
    regions: new Set(c.regions.flatMap((r, i) => (r.id === regionId ? [i] : []))),
    zones: new Set(c.zones.flatMap((z, i) => (z.region === regionId ? [i] : []))),
  });
  const [ia, ib] = [indices(a), indices(b)];
  return changes.filter((c) => {
    if (GLOBAL_SPAWN_KEYS.test(c.key)) return true;
    const m = AREA_SPAWN_KEYS.exec(c.key);
    if (!m) return false;
    const [kind, i] = [m[1] as 'regions' | 'zones', Number(m[2])];
    return ia[kind].has(i) || ib[kind].has(i);
  });
}

function acknowledges(acks: readonly Acknowledgement[], change: ChangedKey): boolean {
  return acks.some((a) => a.key === change.key && a.from === change.from && a.to === change.to);
}

/** How many times larger `now` is than `old`; Infinity from zero to positive. */
function growth(old: number, now: number): number {
  if (now <= old) return 1;
  return old > 0 ? now / old : Infinity;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number(n.toPrecision(4)).toString();
}

export function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}
