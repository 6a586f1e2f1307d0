import { Cluster, Redis } from 'ioredis';
import { closeRedis, parseRedisTarget, waitReady } from '../index';

/**
 * Deletes every key under `prefix:` (SCAN + UNLINK; never FLUSHDB a shared server). `url` is a
 * REDIS_URL of either form; on a cluster every primary is scanned (each holds its own slots).
 */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const target = parseRedisTarget(url);
  const client =
    target.kind === 'single'
      ? new Redis(url, { maxRetriesPerRequest: 1 })
      : new Cluster(
          target.nodes.map((n) => ({ ...n })),
          { redisOptions: { maxRetriesPerRequest: 1 } },
        );
  client.on('error', () => {});
  try {
    await waitReady(client, 10_000);
    const servers = client instanceof Cluster ? client.nodes('master') : [client];
    for (const server of servers) {
      for await (const keys of server.scanStream({ match: `${prefix}:*`, count: 500 })) {
        // One key at a time through the client: on a cluster, keys of one scan page live in many slots.
        await Promise.all((keys as string[]).map((key) => client.unlink(key)));
      }
    }
  } finally {
    await closeRedis(client);
  }
}

/**
 * The Redis Cluster of the tests (REDIS_CLUSTER_URL, `redis-cluster://host:port,...`, started by
 * `npm test`). Throws when it is missing: a test is never skipped for want of a server.
 */
export function testRedisClusterUrl(): string {
  const url = process.env['REDIS_CLUSTER_URL'];
  if (!url) {
    throw new Error(
      'Redis Cluster tests need REDIS_CLUSTER_URL: run them with `npm test`, or `npm run -s infra -- up --with redis-cluster` and export the REDIS_CLUSTER_URL it prints',
    );
  }
  return url;
}

/**
 * The Redis servers every Redis-backed contract suite runs against: the single server
 * (REDIS_URL) and the Redis Cluster (testRedisClusterUrl), both started by `npm test`.
 */
export function redisTestTargets(): { name: 'redis' | 'redis cluster'; url: string }[] {
  const single = process.env['REDIS_URL'];
  if (!single) throw new Error('Redis integration tests need REDIS_URL: run them with `npm test`');
  return [
    { name: 'redis', url: single },
    { name: 'redis cluster', url: testRedisClusterUrl() },
  ];
}
