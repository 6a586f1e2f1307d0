import { createInMemoryEventBus, createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { claimRulesFrom } from '@hunt/loot';
import { createInMemoryTreasureStore, createRedisTreasureStore, type TreasureStore } from '@hunt/loot-store';
import { connectRedis, waitReady } from '@hunt/redis-connection';
import { createOutageLog, type Closer, type Logger, type ServiceCore } from '@hunt/service-kit';
import { createMemoryCoordination, createRedisCoordination, type LeaseStore, type RampStore } from '@hunt/spawning';
import type { Redis } from 'ioredis';

/** Where the engine keeps its state: embedded (in-process) or the real servers. */
export type Infra =
  | { kind: 'embedded' }
  | { kind: 'real'; redisUrl: string; kafkaBrokers: string[]; keyPrefix: string; topicPrefix: string };

/** The adapters of one service; `closers` are the ones created for it, in opening order. */
export interface ServiceAdapters {
  readonly bus: EventBus;
  readonly closers: Closer[];
}

/**
 * Creates each service's adapters behind the same ports the apps use. Embedded: ONE in-memory
 * event bus shared by the three services (so spawns reach loot and the API, and awards reach
 * the API), an in-memory treasure store and in-memory spawner coordination. Real: what each
 * app's main.ts creates, one Kafka client and one Redis connection per service.
 */
export function createAdapterFactory(infra: Infra, cores: readonly ServiceCore[], logger: Logger) {
  const outages = createOutageLog(logger);
  const shared =
    infra.kind === 'embedded'
      ? createInMemoryEventBus({
          configVersion: cores[0]!.loaded.version,
          // One bus for all: every service hears every stamp, as each would on Kafka.
          observeVersion: (v) => cores.forEach((c) => c.staleness.observeVersion(v)),
          onTransientError: (err) => outages.report('embedded-bus', err, 'embedded bus: handler failed; redelivering'),
        })
      : undefined;
  let sharedHandedOut = false;

  async function bus(core: ServiceCore, clientId: string): Promise<ServiceAdapters> {
    if (shared) {
      // Closed once, by the service that opened it first: closers run in reverse, so that one closes last.
      const first = !sharedHandedOut;
      sharedHandedOut = true;
      return { bus: shared, closers: first ? [{ name: 'embedded-bus', close: () => shared.close() }] : [] };
    }
    const real = infra as Extract<Infra, { kind: 'real' }>;
    const kafka = await createKafkaEventBus({
      brokers: real.kafkaBrokers,
      topicPrefix: real.topicPrefix,
      clientId,
      configVersion: core.loaded.version,
      observeVersion: (v) => core.staleness.observeVersion(v),
      onTransientError: (err) => outages.report(`kafka ${clientId}`, err, `kafka error (${clientId})`),
    });
    return { bus: kafka, closers: [{ name: 'kafka', close: () => kafka.close() }] };
  }

  async function redis(name: string): Promise<{ client: Redis; closer: Closer }> {
    const real = infra as Extract<Infra, { kind: 'real' }>;
    const client = connectRedis(real.redisUrl, (err) =>
      outages.report(`redis ${name}`, err, `redis connection error (${name})`),
    );
    await waitReady(client, 5000);
    return {
      client,
      closer: { name: 'redis', close: async () => void (await client.quit().catch(() => client.disconnect())) },
    };
  }

  return {
    bus,
    async lootStore(core: ServiceCore): Promise<{ store: TreasureStore; closer: Closer }> {
      const rules = claimRulesFrom(core.loaded.config);
      const store =
        infra.kind === 'embedded'
          ? createInMemoryTreasureStore(rules, { configVersion: core.loaded.version })
          : await createRedisTreasureStore({
              url: infra.redisUrl,
              keyPrefix: infra.keyPrefix,
              rules,
              configVersion: core.loaded.version,
              onConnectionError: (err) => outages.report('redis loot', err, 'loot redis connection error'),
            });
      return { store, closer: { name: 'store', close: () => store.close() } };
    },
    async coordination(): Promise<{ coordination: LeaseStore & RampStore; closers: Closer[] }> {
      if (infra.kind === 'embedded') return { coordination: createMemoryCoordination(), closers: [] };
      const r = await redis('spawner');
      return { coordination: createRedisCoordination(r.client, `${infra.keyPrefix}:`), closers: [r.closer] };
    },
    /** Shared rate-limit counters for the API; none embedded (one replica limits on its own). */
    async apiRedis(): Promise<{ redis?: { client: Redis; keyPrefix: string }; closers: Closer[] }> {
      if (infra.kind === 'embedded') return { closers: [] };
      const r = await redis('hunt-api');
      return { redis: { client: r.client, keyPrefix: infra.keyPrefix }, closers: [r.closer] };
    },
  };
}
