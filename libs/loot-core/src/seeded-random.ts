import { hashSeed, mulberry32 } from '@hunt/random';

/**
 * The generator of reproducible loot rolls: the same seed string (treasure id and config
 * version) always yields the same sequence, so support can replay any disputed roll. Not
 * cryptographic: the outcome is fixed at spawn time either way.
 */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashSeed(seed));
}

export { hashSeed };
