export { describeTreasureStoreContract } from './contract';
export { makeTreasure, claimOf, T0, TEST_RULES, TEST_CONFIG_VERSION } from './fixtures';
