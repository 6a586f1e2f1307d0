export { describeTreasureStoreContract } from './contract';
export { makeTreasure, claimOf, T0, TEST_RULES } from './fixtures';
export { deleteRedisKeys } from './cleanup';
