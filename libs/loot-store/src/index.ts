export {
  StoreUnavailableError,
  type TreasureStore,
  type PlayerView,
  type LeaderboardEntry,
  type MaterialiseResult,
} from './port';
export { createInMemoryTreasureStore } from './memory/memory-store';
export { createRedisTreasureStore, type RedisTreasureStoreOptions } from './redis/redis-store';
export { redisKeys } from './redis/keys';
