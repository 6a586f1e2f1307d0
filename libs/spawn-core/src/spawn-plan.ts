/**
 * How many treasures a zone spawns in a tick. Deterministic accumulation (not Poisson draws):
 * over any window the count is within one of rate x time, which makes "published counts match
 * the curve" testable and keeps the bus load flat. The fraction carries to the next tick.
 */
export interface SpawnAccumulator {
  /** Adds `ratePerS` x `dtMs` and returns the whole treasures now due. */
  due(ratePerS: number, dtMs: number): number;
}

export function createSpawnAccumulator(): SpawnAccumulator {
  let carry = 0;
  return {
    due(ratePerS, dtMs) {
      carry += Math.max(0, ratePerS) * (Math.max(0, dtMs) / 1000);
      const n = Math.floor(carry);
      carry -= n;
      return n;
    },
  };
}
