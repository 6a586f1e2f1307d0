export { describeCoordinationContract, type Coordination } from './coordination-contract';
export { manualClock, spawnerTestConfig, testSpawner, counterTotal, SEASON_MS, LIVE_SEASON } from './spawner-harness';
