export { startLootHarness } from './harness';
