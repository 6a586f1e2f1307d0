import { cellAreaKm2, cellsInRing, shardOfCell, type CellId, type LatLng, type ShardId } from './cells';
import { ringOf, ringProblems, type Bounds } from './geometry';

/** A region or zone as the config writes it: exactly one of `bounds` or `polygon`. */
export interface AreaInput<M> {
  readonly id: string;
  readonly name: string;
  readonly bounds?: Bounds;
  readonly polygon?: readonly LatLng[];
  readonly modifiers: M;
}

export interface WorldInput<M> {
  readonly regions: readonly AreaInput<M>[];
  readonly zones: readonly (AreaInput<M> & { readonly region: string })[];
  readonly limits: { readonly max_cells: number };
}

/**
 * A zone as the engine runs it: a designer's named zone, or the remainder of a region (the
 * region's cells no named zone covers; it carries the region's id, name and modifiers), so every
 * playable cell belongs to exactly one zone and treasures appear anywhere that is playable.
 */
export interface WorldZone<M> {
  readonly id: string;
  readonly name: string;
  readonly regionId: string;
  /** Position in `World.zones`: named zones in config order, then remainders in region order. */
  readonly index: number;
  readonly remainder: boolean;
  readonly modifiers: M;
  readonly cells: readonly CellId[];
  readonly areaKm2: number;
}

export interface WorldRegion {
  readonly id: string;
  readonly name: string;
  readonly cellCount: number;
  readonly areaKm2: number;
  /** Its zones' ids, named ones first, the remainder (if any cell is left) last. */
  readonly zoneIds: readonly string[];
}

/** The cells of one zone inside one shard. */
export interface ShardPart<M> {
  readonly zone: WorldZone<M>;
  readonly cells: readonly CellId[];
  readonly areaKm2: number;
}

/** A parent cell's playable cells: the unit of spawner leases, Kafka keys and Redis hash tags. */
export interface WorldShard<M> {
  readonly id: ShardId;
  readonly parts: readonly ShardPart<M>[];
  readonly cellCount: number;
}

export interface World<M> {
  readonly regions: readonly WorldRegion[];
  readonly zones: readonly WorldZone<M>[];
  /** Sorted by id, so every replica lists them in the same order. */
  readonly shards: readonly WorldShard<M>[];
  readonly cellCount: number;
  readonly areaKm2: number;
  zone(id: string): WorldZone<M> | undefined;
  zoneOfCell(cell: CellId): WorldZone<M> | undefined;
}

export interface TilingProblem {
  /** From the config's root, e.g. `['zones', 2, 'polygon', 4]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type Tiling<M> =
  | { readonly world: World<M>; readonly problems: readonly [] }
  | { readonly world?: undefined; readonly problems: readonly TilingProblem[] };

/** A cell's average area at the cell resolution, for the cheap size check before tiling. */
const AVG_CELL_KM2 = 0.1053325;
const KM_PER_DEG = 111.195;

/**
 * Tiles the playable world into cells: a pure function of the regions and zones (the same input
 * gives the same cells, zones and shards). A cell is playable when its centre lies inside a
 * region; it belongs to the named zone whose polygon contains its centre, else to the region's
 * remainder. The rules, each reported at the key that breaks them: rings valid (see
 * ringProblems), every region and zone at least one cell, zones inside their region (every cell
 * of a zone is a cell of its region), no two zones and no two regions sharing a cell, and at
 * most `limits.max_cells` cells in all (checked on an estimate first, so a country-sized typo
 * is refused in microseconds instead of tiled).
 */
export function tileWorld<M>(input: WorldInput<M>): Tiling<M> {
  const problems: TilingProblem[] = [];
  const areas = [
    ...input.regions.map((r, i) => ({ key: 'regions', i, area: r })),
    ...input.zones.map((z, i) => ({ key: 'zones', i, area: z })),
  ];
  for (const { key, i, area } of areas) {
    if (area.polygon)
      for (const p of ringProblems(area.polygon)) problems.push({ path: [key, i, ...p.path], message: p.message });
  }
  if (problems.length > 0) return { problems };
  const estimate = input.regions.reduce((sum, r) => sum + estimatedCells(ringOf(r)), 0);
  if (estimate > 10 * input.limits.max_cells)
    return {
      problems: [
        { path: ['limits', 'max_cells'], message: tooMany(Math.round(estimate), input.limits.max_cells, 'about ') },
      ],
    };

  const regionOfCell = new Map<CellId, number>();
  const regionCells = input.regions.map((region, i) => {
    const cells = cellsInRing(ringOf(region));
    if (cells.length === 0)
      problems.push({
        path: ['regions', i],
        message: `region "${region.id}" covers no cell: draw it larger than one cell (about ${AVG_CELL_KM2.toFixed(3)} km²)`,
      });
    const shared = countShared(cells, regionOfCell, i);
    for (const [other, n] of shared)
      problems.push({
        path: ['regions', i],
        message: `region "${region.id}" shares ${n} cells with regions[${other}] ("${input.regions[other]!.id}"): regions may not overlap`,
      });
    return new Set(cells);
  });
  const total = regionOfCell.size;
  if (total > input.limits.max_cells)
    problems.push({ path: ['limits', 'max_cells'], message: tooMany(total, input.limits.max_cells, '') });

  const zoneOfCell = new Map<CellId, number>();
  const regionIndex = new Map(input.regions.map((r, i) => [r.id, i]));
  const zoneCells = input.zones.map((zone, i) => {
    const r = regionIndex.get(zone.region);
    if (r === undefined) {
      problems.push({
        path: ['zones', i, 'region'],
        message: `no region named "${zone.region}" (regions: ${input.regions.map((x) => x.id).join(', ')})`,
      });
      return [];
    }
    const cells = cellsInRing(ringOf(zone));
    if (cells.length === 0)
      problems.push({
        path: ['zones', i],
        message: `zone "${zone.id}" covers no cell: draw it larger than one cell (about ${AVG_CELL_KM2.toFixed(3)} km²)`,
      });
    const outside = cells.filter((c) => !regionCells[r]!.has(c)).length;
    if (outside > 0)
      problems.push({
        path: ['zones', i],
        message: `${outside} of zone "${zone.id}"'s ${cells.length} cells lie outside its region "${zone.region}": zones must lie inside their region`,
      });
    for (const [other, n] of countShared(cells, zoneOfCell, i))
      problems.push({
        path: ['zones', i],
        message: `zone "${zone.id}" shares ${n} cells with zones[${other}] ("${input.zones[other]!.id}"): zones may not overlap`,
      });
    return cells;
  });
  if (problems.length > 0) return { problems };
  return { world: assemble(input, regionOfCell, zoneOfCell, zoneCells), problems: [] };
}

function assemble<M>(
  input: WorldInput<M>,
  regionOfCell: Map<CellId, number>,
  zoneOfCell: Map<CellId, number>,
  zoneCells: CellId[][],
): World<M> {
  const area = (cells: readonly CellId[]) => cells.reduce((sum, c) => sum + cellAreaKm2(c), 0);
  const zones: WorldZone<M>[] = input.zones.map((z, index) => ({
    id: z.id,
    name: z.name,
    regionId: z.region,
    index,
    remainder: false,
    modifiers: z.modifiers,
    cells: zoneCells[index]!,
    areaKm2: area(zoneCells[index]!),
  }));
  const rest = input.regions.map((): CellId[] => []);
  for (const [cell, r] of regionOfCell) if (!zoneOfCell.has(cell)) rest[r]!.push(cell);
  input.regions.forEach((region, r) => {
    if (rest[r]!.length === 0) return;
    const cells = rest[r]!.sort();
    zones.push({
      id: region.id,
      name: region.name,
      regionId: region.id,
      index: zones.length,
      remainder: true,
      modifiers: region.modifiers,
      cells,
      areaKm2: area(cells),
    });
  });
  const byCell = new Map<CellId, WorldZone<M>>();
  for (const zone of zones) for (const cell of zone.cells) byCell.set(cell, zone);

  const shardCells = new Map<ShardId, Map<WorldZone<M>, CellId[]>>();
  for (const zone of zones) {
    for (const cell of zone.cells) {
      const shard = shardOfCell(cell);
      const parts = shardCells.get(shard) ?? shardCells.set(shard, new Map()).get(shard)!;
      (parts.get(zone) ?? parts.set(zone, []).get(zone)!).push(cell);
    }
  }
  const shards = [...shardCells.keys()].sort().map((id): WorldShard<M> => {
    const parts = [...shardCells.get(id)!].map(([zone, cells]) => ({ zone, cells, areaKm2: area(cells) }));
    return { id, parts, cellCount: parts.reduce((n, p) => n + p.cells.length, 0) };
  });
  const regions = input.regions.map((region): WorldRegion => {
    const own = zones.filter((z) => z.regionId === region.id);
    return {
      id: region.id,
      name: region.name,
      cellCount: own.reduce((n, z) => n + z.cells.length, 0),
      areaKm2: own.reduce((sum, z) => sum + z.areaKm2, 0),
      zoneIds: own.map((z) => z.id),
    };
  });
  const zoneById = new Map(zones.map((z) => [z.id, z]));
  return {
    regions,
    zones,
    shards,
    cellCount: byCell.size,
    areaKm2: zones.reduce((sum, z) => sum + z.areaKm2, 0),
    zone: (id) => zoneById.get(id),
    zoneOfCell: (cell) => byCell.get(cell),
  };
}

/** Records each cell's owner; returns, per earlier owner, how many of `cells` it already had. */
function countShared(cells: readonly CellId[], owners: Map<CellId, number>, self: number): Map<number, number> {
  const shared = new Map<number, number>();
  for (const cell of cells) {
    const owner = owners.get(cell);
    if (owner === undefined) owners.set(cell, self);
    else shared.set(owner, (shared.get(owner) ?? 0) + 1);
  }
  return shared;
}

/** Planar area of the ring's bounding box over the average cell: an upper bound on its cells, roughly. */
function estimatedCells(ring: readonly LatLng[]): number {
  const lats = ring.map((p) => p.lat);
  const lngs = ring.map((p) => p.lng);
  const midLat = ((Math.min(...lats) + Math.max(...lats)) / 2) * (Math.PI / 180);
  const km2 =
    (Math.max(...lats) - Math.min(...lats)) *
    KM_PER_DEG *
    (Math.max(...lngs) - Math.min(...lngs)) *
    KM_PER_DEG *
    Math.cos(midLat);
  return km2 / AVG_CELL_KM2;
}

const tooMany = (cells: number, max: number, about: string) =>
  `the world tiles into ${about}${cells} cells, more than limits.max_cells (${max}): draw smaller regions or raise the limit (every cell costs spawner ticks and index memory)`;
