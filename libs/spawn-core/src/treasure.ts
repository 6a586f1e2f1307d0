import { pickWeighted } from './rng';

export interface Bounds {
  readonly min_lat: number;
  readonly min_lng: number;
  readonly max_lat: number;
  readonly max_lng: number;
}

/** The parts of a new treasure that are decided by chance. */
export interface RolledTreasure {
  readonly lat: number;
  readonly lng: number;
  readonly tier: string;
}

/**
 * Rolls a treasure inside the zone's bounding box (uniform in lat/lng, rounded to 1e-6 degrees,
 * ~0.1 m) with its tier drawn from the zone's current rarity weights.
 */
export function rollTreasure(
  bounds: Bounds,
  tierNames: readonly string[],
  rarity: readonly number[],
  random: () => number,
): RolledTreasure {
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const lat = round(bounds.min_lat + random() * (bounds.max_lat - bounds.min_lat));
  const lng = round(bounds.min_lng + random() * (bounds.max_lng - bounds.min_lng));
  return {
    lat: Math.min(Math.max(lat, bounds.min_lat), bounds.max_lat),
    lng: Math.min(Math.max(lng, bounds.min_lng), bounds.max_lng),
    tier: tierNames[pickWeighted(rarity, random())]!,
  };
}
