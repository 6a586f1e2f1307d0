import { requireInfraEnv, uniqueName } from '@hunt/event-bus/testing';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';

/**
 * A deployment scope of a test's own on the shared test servers: the environment that starts an
 * app there (REDIS_URL, KAFKA_BROKERS and the same unique REDIS_KEY_PREFIX and
 * KAFKA_TOPIC_PREFIX), and `cleanup`, which deletes the scope's Redis keys (never FLUSHDB).
 */
export function testDeployment(name: string) {
  const { redisUrl, kafkaBrokers } = requireInfraEnv();
  const prefix = uniqueName(name);
  return {
    prefix,
    env: {
      REDIS_URL: redisUrl,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_KEY_PREFIX: prefix,
      KAFKA_TOPIC_PREFIX: prefix,
    },
    cleanup: () => deleteRedisKeys(redisUrl, prefix),
  };
}
