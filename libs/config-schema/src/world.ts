import { tileWorld, type AreaInput, type TilingProblem, type World } from '@hunt/world';
import type { HuntConfig } from './schema';

/** A zone's or region's modifiers as the schema outputs them. */
export type ZoneModifiers = HuntConfig['zones'][number]['modifiers'];

/** The parts of the parsed config the tiling reads. */
export interface CheckedWorld {
  regions: (AreaInput<ZoneModifiers> & { id: string })[];
  zones: (AreaInput<ZoneModifiers> & { region: string })[];
  limits: { max_cells: number };
}

// Tiled once per parsed config: validation tiles the very object that parseConfig then freezes
// and returns, so services reading `worldOf(config)` reuse that tiling.
const worlds = new WeakMap<object, World<ZoneModifiers>>();

/** Tiles the config while it is validated; returns the problems (none when it tiled). */
export function tileChecked(cfg: CheckedWorld): readonly TilingProblem[] {
  const tiling = tileWorld<ZoneModifiers>(cfg);
  if (tiling.world) worlds.set(cfg, tiling.world);
  return tiling.problems;
}

/**
 * The config's world: regions, zones (named ones, then each region's remainder), cells and
 * shards. A pure function of the config, computed at most once per config object.
 */
export function worldOf(config: HuntConfig): World<ZoneModifiers> {
  const known = worlds.get(config);
  if (known) return known;
  const tiling = tileWorld<ZoneModifiers>(config);
  if (!tiling.world) throw new Error(`config does not tile: ${tiling.problems[0]!.message}`); // parseConfig refuses such configs
  worlds.set(config, tiling.world);
  return tiling.world;
}
