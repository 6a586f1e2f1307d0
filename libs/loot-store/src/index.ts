export {
  StoreUnavailableError,
  type TreasureStore,
  type PlayerView,
  type LeaderboardEntry,
  type MaterialiseResult,
  type AwardOutbox,
  type OutboxEntry,
  type OutboxReadOptions,
} from './port';
export { awardEvent } from './award-event';
export { createInMemoryTreasureStore } from './memory/memory-store';
export { createRedisTreasureStore, type RedisTreasureStoreOptions } from './redis/redis-store';
export { redisKeys } from './redis/keys';
