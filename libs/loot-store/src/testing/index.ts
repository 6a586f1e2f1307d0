export { makeTreasure, claimOf, T0, TEST_RULES } from './fixtures';
/** The documented key layout (redis/keys.ts), for tests that place data on a cluster's nodes. */
export { bucketOf, redisKeys } from '../redis/keys';
