import { requireInfraEnv, uniqueName } from '@hunt/event-bus/testing';
import { describeServiceConformance } from '@hunt/service-kit/testing';

const { redisUrl, kafkaBrokers } = requireInfraEnv();
const prefix = uniqueName('test-hunt-api');

describeServiceConformance('hunt-api', new URL('./main.ts', import.meta.url).pathname, {
  REDIS_URL: redisUrl,
  KAFKA_BROKERS: kafkaBrokers.join(','),
  REDIS_KEY_PREFIX: prefix,
  KAFKA_TOPIC_PREFIX: prefix,
  JWT_SECRET: 'conformance-secret-at-least-32-characters',
  // Nothing listens here: the API must still start and be ready (claims would answer 503).
  LOOT_GRPC_ADDRESS: '127.0.0.1:1',
});
