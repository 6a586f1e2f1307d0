import type { Redis } from 'ioredis';
import type { CounterSync } from './read-limiter';

/**
 * CounterSync on Redis: one pipeline of INCRBY + PEXPIRE per batch. Keys are
 * `<prefix>:rl:reads:{<player>:<second>}`; the hash tag keeps each counter's two commands in
 * one slot on a Redis Cluster.
 */
export function createRedisCounterSync(redis: Redis, keyPrefix: string): CounterSync {
  return {
    async add(entries, ttlMs) {
      const pipeline = redis.pipeline();
      for (const e of entries) {
        const key = `${keyPrefix}:rl:reads:{${e.key}}`;
        pipeline.incrby(key, e.delta).pexpire(key, ttlMs);
      }
      const results = (await pipeline.exec()) ?? [];
      return entries.map((_, i) => {
        const [err, total] = results[i * 2] ?? [new Error('redis: no reply')];
        if (err) throw err;
        return Number(total);
      });
    },
  };
}
