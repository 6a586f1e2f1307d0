export { describeCoordinationContract, type Coordination } from './coordination-contract';
export { manualClock, spawnerTestConfig, testSpawner, counterTotal, SEASON_MS, LIVE_SEASON } from './spawner-harness';
export { readSpawnedTopic, recordGenerated, type TopicMessage } from './spawn-ledger';
