import { requireInfraEnv, uniqueName } from '@hunt/event-bus/testing';
import { describeServiceConformance } from '@hunt/service-kit/testing';

const { redisUrl, kafkaBrokers } = requireInfraEnv();

describeServiceConformance('hunt-api', new URL('./main.ts', import.meta.url).pathname, {
  REDIS_URL: redisUrl,
  KAFKA_BROKERS: kafkaBrokers.join(','),
  REDIS_KEY_PREFIX: uniqueName('test-hunt-api'),
  JWT_SECRET: 'conformance-secret-at-least-32-characters',
  // Nothing listens here: the API must still start and be ready (claims would answer 503).
  LOOT_GRPC_ADDRESS: '127.0.0.1:1',
});
