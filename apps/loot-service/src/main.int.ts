import { requireInfraEnv } from '@hunt/event-bus/testing';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { describeServiceConformance } from '@hunt/service-kit/testing';
import { after } from 'node:test';

const { redisUrl, kafkaBrokers } = requireInfraEnv();
const prefix = `test-conformance-${process.pid}`;

describeServiceConformance('loot-service', new URL('./main.ts', import.meta.url).pathname, {
  REDIS_URL: redisUrl,
  KAFKA_BROKERS: kafkaBrokers.join(','),
  REDIS_KEY_PREFIX: prefix,
  KAFKA_TOPIC_PREFIX: prefix,
  LOOT_ROLL_SECRET: 'conformance-roll-secret-at-least-32-bytes',
});

// Its own deployment scope (Redis keys and Kafka topics); the keys are removed afterwards.
after(() => deleteRedisKeys(redisUrl, prefix));
