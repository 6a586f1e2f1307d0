export {
  CELL_RESOLUTION,
  SHARD_RESOLUTION,
  cellAt,
  cellAreaKm2,
  cellBoundary,
  cellCenter,
  shardAt,
  shardOfCell,
} from './cells';
export type { CellId, LatLng, ShardId } from './cells';
export { boxRing, ringOf, ringProblems } from './geometry';
export type { Bounds, ShapeProblem } from './geometry';
export { randomPointInCell } from './sample';
export { tileWorld } from './tiling';
export type {
  AreaInput,
  ShardPart,
  Tiling,
  TilingProblem,
  World,
  WorldInput,
  WorldRegion,
  WorldShard,
  WorldZone,
} from './tiling';
