/**
 * A small deterministic generator for reproducible loot rolls: the same seed string always
 * yields the same sequence, on every machine and Node version (32-bit integer arithmetic only).
 * Not cryptographic: rolls must be replayable by support, not unpredictable to players who
 * already know the treasure id (the outcome is fixed at spawn time either way).
 */

/** FNV-1a over the UTF-16 code units of `seed`, as an unsigned 32-bit integer. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: returns a function yielding floats in [0, 1). */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
