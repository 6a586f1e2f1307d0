export { StoreUnavailableError, type TreasureStore, type AwardOutbox, type OutboxEntry } from './port';
export { createInMemoryTreasureStore } from './memory/memory-store';
export { createRedisTreasureStore } from './redis/redis-store';
