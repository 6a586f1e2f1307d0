import { createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { closeRedis, connectRedis, waitReady, type RedisClient } from '@hunt/redis-connection';
import type { Infra } from './infra';
import type { Closer } from './lifecycle';
import type { Logger } from './logger';
import { createOutageLog, type OutageLog } from './outage-log';
import type { ServiceCore } from './service-core';

/**
 * What a service's composition gets: its config core, logger and infra, and the one way to open
 * (and later close) its event bus and Redis connection. Everything opened through it, or handed
 * to `own`, is closed in reverse order when the service stops.
 */
export interface ServiceContext {
  readonly service: string;
  readonly core: ServiceCore;
  readonly logger: Logger;
  /** Expected dependency failures, logged once per cause per interval (see createOutageLog). */
  readonly outages: OutageLog;
  readonly infra: Infra;
  /** Registers something the composition opened; closed in reverse order of registration. */
  own(closer: Closer): void;
  /**
   * This service's event bus: its own Kafka client stamped with its config version and feeding
   * its staleness and its registry's `kafka_consumer_lag` of every group it subscribes (real), or
   * the engine's shared in-memory bus (embedded; the engine closes it).
   */
  eventBus(): Promise<EventBus>;
  /**
   * A Redis connection of this service (real infra only); with `ready`, waits up to 5 s for it.
   * Fails fast while Redis is away and reconnects by itself (libs/redis-connection).
   */
  redis(opts?: { ready?: boolean }): Promise<RedisClient>;
}

/** A service context and the closers it collected, in opening order. */
export function createServiceContext(opts: {
  service: string;
  core: ServiceCore;
  logger: Logger;
  infra: Infra;
}): ServiceContext & { readonly closers: readonly Closer[] } {
  const { service, core, logger, infra } = opts;
  const closers: Closer[] = [];
  const outages = createOutageLog(logger);
  const own = (closer: Closer) => void closers.push(closer);
  const real = () => {
    if (infra.kind !== 'real') throw new Error(`${service}: Redis and Kafka need the real infra`);
    return infra;
  };
  return {
    service,
    core,
    logger,
    outages,
    infra,
    closers,
    own,
    async eventBus() {
      if (infra.kind === 'embedded') return infra.bus;
      const bus = await createKafkaEventBus({
        brokers: infra.kafkaBrokers,
        topicPrefix: infra.kafkaTopicPrefix,
        clientId: service,
        configVersion: core.loaded.version,
        observeVersion: (v) => core.staleness.observeVersion(v),
        onTransientError: (err) => outages.report('kafka', err, 'kafka: handling failed; redelivering'),
        consumerLag: {
          registry: core.registry,
          onRefreshError: (err) =>
            outages.report(
              'kafka-lag',
              err,
              'kafka: consumer lag refresh failed; kafka_consumer_lag keeps its last values for 60 s',
            ),
        },
      });
      own({ name: 'kafka', close: () => bus.close() });
      return bus;
    },
    async redis(o = {}) {
      const client = connectRedis(real().redisUrl, (err) => outages.report('redis', err, 'redis connection error'));
      own({ name: 'redis', close: () => closeRedis(client) });
      if (o.ready) await waitReady(client, 5000);
      return client;
    },
  };
}
