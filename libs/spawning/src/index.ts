export { spawnerService } from './spawner-composition';
export { createMemoryCoordination } from './memory/memory-coordination';
export { createSpawner } from './spawner';
export { createRedisCoordination } from './redis/redis-coordination';
