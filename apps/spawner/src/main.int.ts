import { requireInfraEnv, uniqueName } from '@hunt/event-bus/testing';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { describeServiceConformance } from '@hunt/service-kit/testing';
import { after } from 'node:test';

const { redisUrl, kafkaBrokers } = requireInfraEnv();
// Its own deployment scope: leases and ramp state under this prefix, spawns on its own topics.
const prefix = uniqueName('test-spawner-app');

describeServiceConformance('spawner', new URL('./main.ts', import.meta.url).pathname, {
  REDIS_URL: redisUrl,
  KAFKA_BROKERS: kafkaBrokers.join(','),
  REDIS_KEY_PREFIX: prefix,
  KAFKA_TOPIC_PREFIX: prefix,
});

after(() => deleteRedisKeys(redisUrl, prefix));
