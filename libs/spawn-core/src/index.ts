/**
 * libs/spawn-core: the spawner's pure decisions (throttle, ramp, how many to spawn, what to
 * spawn, how many shards to own). No I/O and no clock: time is always an argument.
 */
export { createTokenBucket } from './token-bucket';
export { rampedRate } from './ramp';
export { createSpawnAccumulator, type SpawnAccumulator } from './spawn-plan';
export { seededRandom } from './rng';
export { rollTreasure } from './treasure';
export { fairShare } from './fair-share';
export { createShardRates, pickPart, type PartRate, type ShardRates, type ShardRatesOf } from './shard-rates';
