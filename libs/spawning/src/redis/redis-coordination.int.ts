import { after } from 'node:test';
import { randomUUID } from 'node:crypto';
import { closeRedis, connectRedis, waitReady, type RedisClient } from '@hunt/redis-connection';
import { deleteRedisKeys, redisTestTargets } from '@hunt/redis-connection/testing';
import { describeCoordinationContract } from '../testing/coordination-contract';
import { createRedisCoordination } from './redis-coordination';

const clients: RedisClient[] = [];
const scopes: { url: string; prefix: string }[] = [];
after(async () => {
  for (const { url, prefix } of scopes) await deleteRedisKeys(url, prefix);
  await Promise.all(clients.map((c) => closeRedis(c)));
});

for (const { name, url } of redisTestTargets()) {
  describeCoordinationContract(name, async () => {
    const redis = connectRedis(url, () => {});
    await waitReady(redis, 5000);
    clients.push(redis);
    const prefix = `test-${randomUUID()}`;
    scopes.push({ url, prefix });
    return createRedisCoordination(redis, prefix);
  });
}
