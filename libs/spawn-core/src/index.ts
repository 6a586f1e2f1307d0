/**
 * libs/spawn-core: the spawner's pure decisions (throttle, ramp, how many to spawn, what to
 * spawn, how many zones to own). No I/O and no clock: time is always an argument.
 */
export { createTokenBucket, type TokenBucket } from './token-bucket';
export { rampedRate } from './ramp';
export { createSpawnAccumulator, type SpawnAccumulator } from './spawn-plan';
export { seededRandom, pickWeighted } from './rng';
export { rollTreasure, type Bounds, type RolledTreasure } from './treasure';
export { fairShare } from './zone-share';
