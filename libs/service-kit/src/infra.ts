import type { EventBus } from '@hunt/event-bus';

/**
 * Where a service's state and events live. `real`: Redis and Kafka, scoped for this
 * deployment (the apps, and `npm start` with REDIS_URL and KAFKA_BROKERS). `embedded`: one
 * in-memory event bus that the engine shares between its services, and in-memory stores.
 */
export type Infra =
  | { readonly kind: 'embedded'; readonly bus: EventBus }
  | {
      readonly kind: 'real';
      readonly redisUrl: string;
      readonly kafkaBrokers: readonly string[];
      /** Every Redis key starts with `<redisKeyPrefix>:`. */
      readonly redisKeyPrefix: string;
      /** Every Kafka topic and group starts with `<kafkaTopicPrefix>.` (none when empty). */
      readonly kafkaTopicPrefix: string;
    };

export type RealInfra = Extract<Infra, { kind: 'real' }>;

/** The real infra from a validated environment (infraEnvShape, withDeploymentScope). */
export function infraFromEnv(env: {
  REDIS_URL: string;
  KAFKA_BROKERS: readonly string[];
  REDIS_KEY_PREFIX: string;
  KAFKA_TOPIC_PREFIX: string;
}): RealInfra {
  return {
    kind: 'real',
    redisUrl: env.REDIS_URL,
    kafkaBrokers: env.KAFKA_BROKERS,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    kafkaTopicPrefix: env.KAFKA_TOPIC_PREFIX,
  };
}
