import { requireInfraEnv } from '@hunt/event-bus/testing';
import { deleteRedisKeys } from '@hunt/loot-store/testing';
import { describeServiceConformance } from '@hunt/service-kit/testing';
import { after } from 'node:test';

const { redisUrl, kafkaBrokers } = requireInfraEnv();
const prefix = `test-conformance-${process.pid}`;

describeServiceConformance('loot-service', new URL('./main.ts', import.meta.url).pathname, {
  REDIS_URL: redisUrl,
  KAFKA_BROKERS: kafkaBrokers.join(','),
  REDIS_KEY_PREFIX: prefix,
});

// The app consumes the real spawn topic: whatever it materialised lives under its own prefix.
after(() => deleteRedisKeys(redisUrl, prefix));
