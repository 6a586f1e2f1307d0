import { parseRedisTarget } from '@hunt/redis-connection';
import { Redis } from 'ioredis';

/**
 * CPU seconds (user + sys) the Redis server has used since it started (INFO cpu); for a
 * redis-cluster:// URL, the sum over the listed nodes (list them all to count the whole cluster).
 */
export async function redisCpuSeconds(url: string): Promise<number> {
  const target = parseRedisTarget(url);
  const servers = target.kind === 'single' ? [url] : target.nodes.map((n) => `redis://${n.host}:${n.port}`);
  const each = await Promise.all(servers.map(serverCpuSeconds));
  return each.reduce((a, b) => a + b, 0);
}

async function serverCpuSeconds(url: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true });
  redis.on('error', () => {}); // a failed INFO rejects below
  try {
    await redis.connect();
    const info = await redis.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
    return field('used_cpu_user') + field('used_cpu_sys');
  } finally {
    redis.disconnect();
  }
}
