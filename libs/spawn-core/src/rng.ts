/** Seeded randomness for spawn rolls: see libs/random. `seededRandom(n)` is mulberry32. */
export { mulberry32 as seededRandom, pickWeighted } from '@hunt/random';
