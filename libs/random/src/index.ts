/**
 * libs/random: small seeded generators for anything that must be replayable (loot rolls,
 * spawn rolls in tests and benchmarks). Same seed, same sequence, on every machine and Node
 * version (32-bit integer arithmetic only). Not cryptographic: where players must not predict
 * an outcome, the seed itself must be secret (loot rolls are seeded with a keyed HMAC at the
 * edge, libs/loot/src/loot-roller.ts), never derived from public values alone.
 */

/** mulberry32 from a 32-bit seed: a function yielding floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index chosen by weight (weights non-negative, positive sum) using `r` in [0, 1). */
export function pickWeighted(weights: readonly number[], r: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = r * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  // Floating-point rounding can leave x at ~0 after the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}
