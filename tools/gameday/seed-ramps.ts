import type { HuntConfig } from '@hunt/config-schema';
import { connectRedis, waitReady } from '@hunt/redis-connection';
import { createShardRates } from '@hunt/spawn-core';
import { createRedisCoordination } from '@hunt/spawning';

const SEEDER = 'gameday-seed';

/**
 * Leaves every shard's ramp state as a spawner that has run the config for a while would: its
 * target rate at `atMs`, written through the spawner's own fenced coordination (take the
 * shard's lease, write, give it back). Without it a fresh world starts at the ramp floor and
 * needs minutes to reach its steady rate; the replay's steady phase must be steady from its
 * first second, as in production before a deploy.
 */
export async function seedRamps(opts: { redisUrl: string; keyPrefix: string; config: HuntConfig; atMs: number }) {
  const redis = connectRedis(opts.redisUrl, () => undefined);
  try {
    await waitReady(redis, 5_000);
    const store = createRedisCoordination(redis, opts.keyPrefix);
    const rates = createShardRates(opts.config);
    for (const shard of rates.shardIds) {
      const lease = await store.acquire(shard, SEEDER, 5_000);
      if (!lease) throw new Error(`seeding ramps: shard ${shard} is leased already (a spawner of this prefix runs?)`);
      await store.write(lease, SEEDER, { ratePerS: rates.at(shard, opts.atMs)!.targetPerS, atMs: opts.atMs });
      await store.release(lease, SEEDER);
    }
  } finally {
    redis.disconnect();
  }
}
