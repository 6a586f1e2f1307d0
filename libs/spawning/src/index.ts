export { spawnerService } from './spawner-composition';
export { createMemoryCoordination } from './memory/memory-coordination';
export { createSpawner } from './spawner';
