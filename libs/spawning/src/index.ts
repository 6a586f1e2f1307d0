export { spawnerService, type SpawnerSettings } from './spawner-composition';
export { CoordinationUnavailableError, type Lease, type LeaseStore, type RampState, type RampStore } from './ports';
export { createMemoryCoordination } from './memory/memory-coordination';
export { createRedisCoordination } from './redis/redis-coordination';
export { createSpawner, DEFAULT_SPAWNER_OPTIONS, type Spawner, type SpawnerDeps, type SpawnerOptions } from './spawner';
export { startSpawnerService } from './spawner-service';
