import { randomPointInCell, type CellId } from '@hunt/world';
import { pickWeighted } from './rng';

/** The parts of a new treasure that are decided by chance. */
export interface RolledTreasure {
  readonly lat: number;
  readonly lng: number;
  readonly tier: string;
}

/**
 * Rolls a treasure in one of the cells (uniform: cells have nearly equal areas), at a point
 * uniform over that cell (libs/world; rounded to 1e-6 degrees, and always inside the cell, so
 * the treasure's shard is the cell's), with its tier drawn from the zone's current rarity weights.
 */
export function rollTreasure(
  cells: readonly CellId[],
  tierNames: readonly string[],
  rarity: readonly number[],
  random: () => number,
): RolledTreasure {
  const cell = cells[Math.min(cells.length - 1, Math.floor(random() * cells.length))]!;
  return { ...randomPointInCell(cell, random), tier: tierNames[pickWeighted(rarity, random())]! };
}
