import { createKafkaEventBus } from '@hunt/event-bus';
import { claimRulesFrom, startAwardRelay, startLootService } from '@hunt/loot';
import { createRedisTreasureStore } from '@hunt/loot-store';
import { bootService, createOutageLog } from '@hunt/service-kit';
import { envSchema } from './env';

const SERVICE = 'loot-service';

// Wiring only: everything else lives in libs/loot and libs/loot-store.
await bootService(
  { service: SERVICE, envSchema, appDir: import.meta.dirname },
  async ({ env, logger, core, closers, listen }) => {
    const outages = createOutageLog(logger);
    const store = await createRedisTreasureStore({
      url: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
      rules: claimRulesFrom(core.loaded.config),
      configVersion: core.loaded.version,
      onConnectionError: (err) => outages.report('redis', err, 'redis connection error'),
    });
    closers.push({ name: 'redis', close: () => store.close() });
    const bus = await createKafkaEventBus({
      brokers: env.KAFKA_BROKERS,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      clientId: SERVICE,
      configVersion: core.loaded.version,
      observeVersion: (v) => core.staleness.observeVersion(v),
      onTransientError: (err) => outages.report('kafka', err, 'spawn handling failed; redelivering'),
    });
    closers.push({ name: 'kafka', close: () => bus.close() });
    const loot = await startLootService({ loaded: core.loaded, store, bus, registry: core.registry, logger });
    closers.push(...loot.closers);
    // Award events go from the Redis outbox to Kafka; stopped after gRPC, before the bus and store.
    const relay = startAwardRelay({ outbox: store.outbox, bus, registry: core.registry, logger });
    closers.push({ name: 'award-relay', close: () => relay.stop() });

    await listen({
      grpcServices: [loot.grpc],
      readiness: [
        { name: 'redis', check: () => store.healthy() },
        { name: 'kafka', check: () => bus.healthy() },
      ],
    });
  },
);
