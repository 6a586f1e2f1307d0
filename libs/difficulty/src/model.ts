import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { compileCurve, type CompiledCurve } from './curve';
import { compileWindows, type WindowTable } from './windows';

/** One zone's constant factors, resolved once per config. */
export interface ZoneModel {
  readonly id: string;
  readonly index: number;
  /** base_density_per_km2_s x the zone's area (its cells) x its spawn modifier: treasures/s before curves and windows. */
  readonly baseRate: number;
  readonly lootModifier: number;
  /** Tier weight x the zone's rarity modifier, in `tierNames` order. */
  readonly tierWeights: Float64Array;
}

/** Everything evaluation needs, precomputed from a config so each call is arithmetic only. */
export interface DifficultyModel {
  readonly startMinute: number;
  readonly endMinute: number;
  readonly closedOffSeason: boolean;
  readonly tierNames: readonly string[];
  readonly zones: ReadonlyMap<string, ZoneModel>;
  readonly spawn: CompiledCurve;
  readonly loot: CompiledCurve;
  readonly decay: CompiledCurve;
  readonly rarity: readonly CompiledCurve[];
  readonly decayBaseS: number;
  readonly windows: WindowTable;
}

export function compileModel(config: HuntConfig): DifficultyModel {
  const tierNames = Object.freeze(Object.keys(config.tiers));
  const zones = new Map<string, ZoneModel>();
  // Named zones and each region's remainder (see libs/world): every playable cell spawns.
  worldOf(config).zones.forEach((zone, index) => {
    zones.set(zone.id, {
      id: zone.id,
      index,
      baseRate: config.spawn.base_density_per_km2_s * zone.areaKm2 * zone.modifiers.spawn_rate,
      lootModifier: zone.modifiers.loot_multiplier,
      tierWeights: Float64Array.from(tierNames, (t) => config.tiers[t]!.weight * (zone.modifiers.rarity[t] ?? 1)),
    });
  });
  return {
    startMinute: Math.floor(Date.parse(config.season.starts_at) / 60_000),
    endMinute: Math.floor(Date.parse(config.season.ends_at) / 60_000),
    closedOffSeason: config.season.off_season === 'closed',
    tierNames,
    zones,
    spawn: compileCurve(config.curves.spawn_rate),
    loot: compileCurve(config.curves.loot_multiplier),
    decay: compileCurve(config.curves.multiplier_decay),
    rarity: tierNames.map((t) => compileCurve(config.curves.rarity?.[t])),
    decayBaseS: config.multiplier.decay_s,
    windows: compileWindows(config.windows, config.limits.max_window_stack),
  };
}
