export { startLootHarness, type LootHarness } from './harness';
export { createLootClient, type LootClient } from './loot-client';
export { TEST_SERVICE_TOKEN } from './test-secrets';
