/**
 * The map's data, in degrees: each region's outline, its named zones' shapes and its cells with
 * the spawn density of their zone at one instant (from @hunt/difficulty: rate / zone area, so
 * a cell's shade is treasures per km² per second wherever it is). No pixels here: layout.ts
 * projects, svg.ts writes.
 */
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import { cellBoundary, ringOf, type LatLng } from '@hunt/world';

export interface MapCell {
  readonly id: string;
  readonly zoneId: string;
  /** The hexagon's vertices, not closed. */
  readonly boundary: readonly LatLng[];
  /** Treasures per km² per second of the cell's zone at the instant. */
  readonly density: number;
}

export interface MapZone {
  readonly id: string;
  readonly name: string;
  /** The designer's shape (bounds or polygon) as a closed ring. */
  readonly ring: readonly LatLng[];
  readonly cellCount: number;
  readonly ratePerS: number;
  readonly density: number;
}

export interface MapRegion {
  readonly id: string;
  readonly name: string;
  readonly ring: readonly LatLng[];
  readonly cellCount: number;
  readonly areaKm2: number;
  /** Spawns/s of all its zones (named ones and its rest) at the instant. */
  readonly ratePerS: number;
  /** Named zones only; the rest of the region is drawn by its cells. */
  readonly zones: readonly MapZone[];
  readonly cells: readonly MapCell[];
}

export interface WorldMap {
  readonly label: string;
  readonly version: number;
  readonly atMs: number;
  readonly inSeason: boolean;
  readonly regions: readonly MapRegion[];
  readonly cellCount: number;
  readonly shardCount: number;
  readonly ratePerS: number;
  /** Highest cell density at the instant: the top of the colour scale. */
  readonly maxDensity: number;
}

export function buildWorldMap(config: HuntConfig, label: string, atMs: number): WorldMap {
  const world = worldOf(config);
  const d = createDifficulty(config);
  const rate = new Map(world.zones.map((z) => [z.id, d.at(z.id, atMs)!.spawnRatePerS]));
  const density = (zoneId: string) => rate.get(zoneId)! / world.zone(zoneId)!.areaKm2;
  const regions = world.regions.map((r): MapRegion => {
    const own = world.zones.filter((z) => z.regionId === r.id);
    return {
      id: r.id,
      name: r.name,
      ring: ringOf(config.regions.find((c) => c.id === r.id)!),
      cellCount: r.cellCount,
      areaKm2: r.areaKm2,
      ratePerS: own.reduce((sum, z) => sum + rate.get(z.id)!, 0),
      zones: own
        .filter((z) => !z.remainder)
        .map((z) => ({
          id: z.id,
          name: z.name,
          ring: ringOf(config.zones.find((c) => c.id === z.id)!),
          cellCount: z.cells.length,
          ratePerS: rate.get(z.id)!,
          density: density(z.id),
        })),
      cells: own.flatMap((z) =>
        z.cells.map((id) => ({ id, zoneId: z.id, boundary: cellBoundary(id), density: density(z.id) })),
      ),
    };
  });
  return {
    label,
    version: config.version,
    atMs,
    inSeason: world.zones.length > 0 && d.at(world.zones[0]!.id, atMs)!.inSeason,
    regions,
    cellCount: world.cellCount,
    shardCount: world.shards.length,
    ratePerS: regions.reduce((sum, r) => sum + r.ratePerS, 0),
    maxDensity: Math.max(0, ...world.zones.map((z) => density(z.id))),
  };
}
