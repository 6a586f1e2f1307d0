import type { HuntConfig } from '@hunt/config-schema';
import { evaluateCurve } from './curve';
import { compileModel, type DifficultyModel, type ZoneModel } from './model';
import { minuteOfWeek } from './windows';

/** The game parameters of one zone during one UTC minute. Shared between callers: never mutate. */
export interface ZoneDifficulty {
  readonly zoneId: string;
  /** Unix minute these values hold for (values resolve at whole minutes). */
  readonly minute: number;
  /** Whether the minute lies inside [season.starts_at, season.ends_at). */
  readonly inSeason: boolean;
  /** Treasures per second to spawn in this zone; 0 outside a "closed" season. */
  readonly spawnRatePerS: number;
  /** Tier names, in the config's order; the index space of `rarityWeights`. */
  readonly tierNames: readonly string[];
  /** Probability of each tier for a new treasure; non-negative, summing to 1. */
  readonly rarityWeights: readonly number[];
  /** Factor on the points of a find (curve x open windows x zone modifier). */
  readonly lootMultiplier: number;
  /** Seconds over which the combo multiplier decays back to 1. */
  readonly multiplierDecayS: number;
}

/** Evaluates difficulty for one config. Create with `createDifficulty(config)`. */
export interface Difficulty {
  /** The zone's parameters at `timeMs` (Unix ms, UTC); undefined for an unknown zone id. */
  at(zoneId: string, timeMs: number): ZoneDifficulty | undefined;
  readonly zoneIds: readonly string[];
}

const models = new WeakMap<HuntConfig, Difficulty>();

/**
 * Pure and deterministic: the same config, zone and minute always give the same values. The
 * config is compiled once (memoised per config object); each zone keeps its last minute's
 * result, so calls on the request path allocate nothing until the minute changes.
 */
export function createDifficulty(config: HuntConfig): Difficulty {
  const cached = models.get(config);
  if (cached) return cached;
  const model = compileModel(config);
  // One slot per zone: the result of the zone's last evaluated minute.
  const last: (ZoneDifficulty | undefined)[] = new Array<ZoneDifficulty | undefined>(model.zones.size).fill(undefined);
  const difficulty: Difficulty = {
    zoneIds: Object.freeze([...model.zones.keys()]),
    at(zoneId, timeMs) {
      const minute = Math.floor(timeMs / 60_000);
      const zone = model.zones.get(zoneId);
      if (!zone) return undefined;
      const hit = last[zone.index];
      if (hit !== undefined && hit.minute === minute) return hit;
      const result = evaluate(model, zone, minute);
      last[zone.index] = result;
      return result;
    },
  };
  models.set(config, difficulty);
  return difficulty;
}

/** Shorthand for one-off evaluations: `createDifficulty(config).at(zoneId, timeMs)`. */
export function difficultyAt(config: HuntConfig, zoneId: string, timeMs: number): ZoneDifficulty | undefined {
  return createDifficulty(config).at(zoneId, timeMs);
}

export function evaluate(model: DifficultyModel, zone: ZoneModel, minute: number): ZoneDifficulty {
  const inSeason = minute >= model.startMinute && minute < model.endMinute;
  // "hold" clamps to the season's edges; inside the season this changes nothing.
  const offset = Math.min(Math.max(minute - model.startMinute, 0), model.endMinute - model.startMinute);
  const week = minuteOfWeek(minute);
  const open = inSeason || !model.closedOffSeason;

  const tiers = model.tierNames.length;
  const weights: number[] = [];
  let sum = 0;
  for (let t = 0; t < tiers; t++) {
    const w = zone.tierWeights[t]! * evaluateCurve(model.rarity[t]!, offset);
    weights.push(w);
    sum += w;
  }
  for (let t = 0; t < tiers; t++) weights[t] = sum > 0 ? weights[t]! / sum : 1 / tiers;

  // Results are shared between callers (memoised per minute), hence read-only by type; they
  // are not frozen at run time because Object.freeze costs more than the whole evaluation.
  return {
    zoneId: zone.id,
    minute,
    inSeason,
    spawnRatePerS: open ? zone.baseRate * evaluateCurve(model.spawn, offset) * model.windows.spawn[week]! : 0,
    tierNames: model.tierNames,
    rarityWeights: weights,
    lootMultiplier: evaluateCurve(model.loot, offset) * model.windows.loot[week]! * zone.lootModifier,
    multiplierDecayS: model.decayBaseS * evaluateCurve(model.decay, offset),
  };
}
