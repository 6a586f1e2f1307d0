import { after } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { describeCoordinationContract } from '../testing/coordination-contract';
import { connectRedis, waitReady } from '@hunt/redis-connection';
import { createRedisCoordination } from './redis-coordination';

const url = process.env['REDIS_URL'];
if (!url) throw new Error('REDIS_URL is not set: run the tests with `npm test` (it starts Redis via tools/infra)');

const clients: Redis[] = [];
const prefixes: string[] = [];
after(async () => {
  const [redis] = clients;
  for (const prefix of prefixes) {
    const stale = await redis!.keys(`${prefix}:*`);
    if (stale.length > 0) await redis!.del(...stale);
  }
  await Promise.all(clients.map((c) => c.quit()));
});

describeCoordinationContract('redis', async () => {
  const redis = connectRedis(url, () => {});
  await waitReady(redis, 5000);
  clients.push(redis);
  const prefix = `test-${randomUUID()}`;
  prefixes.push(prefix);
  return createRedisCoordination(redis, prefix);
});
