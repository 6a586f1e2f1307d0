export { makeTreasure, claimOf, T0, TEST_RULES } from './fixtures';
