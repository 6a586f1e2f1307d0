import { cellArea, cellToBoundary, cellToLatLng, cellToParent, latLngToCell, polygonToCells, UNITS } from 'h3-js';

/**
 * The one module that knows the cell library. The world is tiled with H3 (h3-js, Uber's
 * hierarchical hexagons, compiled from the reference C library): hexagons have one distance to
 * every neighbour, so a density per cell is a density per km² everywhere, and a cell's parent
 * names a contiguous area, which is what a shard must be. S2 (square cells on a cube) would do
 * the hierarchy as well, but its cells vary more in area and its JS ports are less kept.
 *
 * Both resolutions are engine constants, not config: every service derives a treasure's cell
 * and shard from its position, so they must agree without asking each other.
 */

/** Cells are the spawn unit: res 9, 0.105 km² on average (edge about 174 m). */
export const CELL_RESOLUTION = 9;
/** Shards are res-7 parents: 5.16 km² on average, 49 cells when fully playable. */
export const SHARD_RESOLUTION = 7;

/** An H3 index as 15 hex digits, e.g. `891f1d48943ffff`. */
export type CellId = string;
export type ShardId = string;

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** The cell a position lies in. */
export const cellAt = (lat: number, lng: number): CellId => latLngToCell(lat, lng, CELL_RESOLUTION);

/**
 * The shard of a cell: its res-7 parent. A shard is defined through the cell (not as the res-7
 * cell of the position), because H3 children do not tile their parent exactly.
 */
export const shardOfCell = (cell: CellId): ShardId => cellToParent(cell, SHARD_RESOLUTION);

/** The shard a position belongs to: what the loot store's hash tags and Kafka keys use. */
export const shardAt = (lat: number, lng: number): ShardId => shardOfCell(cellAt(lat, lng));

/** Cells whose centre lies inside the ring (closed, counter-clockwise, no holes). */
export function cellsInRing(ring: readonly LatLng[]): CellId[] {
  return polygonToCells(
    ring.map((p) => [p.lat, p.lng]),
    CELL_RESOLUTION,
  );
}

export const cellAreaKm2 = (cell: CellId): number => cellArea(cell, UNITS.km2);

export function cellCenter(cell: CellId): LatLng {
  const [lat, lng] = cellToLatLng(cell);
  return { lat, lng };
}

/** The cell's hexagon (or pentagon) vertices, counter-clockwise, not closed. */
export function cellBoundary(cell: CellId): LatLng[] {
  return cellToBoundary(cell).map(([lat, lng]) => ({ lat, lng }));
}
