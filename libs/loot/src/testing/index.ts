export { createLootClient, type LootClient } from './loot-client';
export { startLootHarness, deleteTopics, type LootHarness } from './harness';
export { claimOf, grpcCode, spawnEvent } from './spawn-fixtures';
