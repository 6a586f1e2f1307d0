export { counterTotal, LIVE_SEASON, spawnerTestConfig } from './spawner-harness';
export { readSpawnedTopic, recordGenerated } from './spawn-ledger';
