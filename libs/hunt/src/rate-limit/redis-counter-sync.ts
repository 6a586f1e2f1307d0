import type { RedisClient } from '@hunt/redis-connection';
import type { CounterSync } from './read-limiter';

/**
 * CounterSync on Redis: INCRBY + PEXPIRE per counter, all sent at once. Keys are
 * `<prefix>:rl:reads:{<player>:<second>}`; the hash tag keeps each counter's two commands in
 * one slot on a Redis Cluster. Not one pipeline object: on a cluster a pipeline must stay within
 * one node, and a batch's counters live on many; commands issued together still share each
 * connection's writes (no round trip between them).
 */
export function createRedisCounterSync(redis: RedisClient, keyPrefix: string): CounterSync {
  return {
    async add(entries, ttlMs) {
      return Promise.all(
        entries.map(async (e) => {
          const key = `${keyPrefix}:rl:reads:{${e.key}}`;
          const [total] = await Promise.all([redis.incrby(key, e.delta), redis.pexpire(key, ttlMs)]);
          return total;
        }),
      );
    },
  };
}
