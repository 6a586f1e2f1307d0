import { TREASURE_SPAWNED_TOPIC } from '@hunt/contracts';
import type { EventBus } from '@hunt/event-bus';
import type { Closer, Logger, ServiceCore } from '@hunt/service-kit';
import type { LeaseStore, RampStore } from './ports';
import { createSpawner, type Spawner, type SpawnerOptions } from './spawner';

/**
 * The spawner as a service component: creates the topic, starts spawning, and on close stops
 * spawning, flushes the publish buffer (until 1.5 s before the 5 s shutdown budget runs out) and
 * releases its leases so another replica takes the shards over at once.
 */
export async function startSpawnerService(deps: {
  core: Pick<ServiceCore, 'loaded' | 'registry'>;
  bus: Pick<EventBus, 'publish' | 'ensureTopics'>;
  leases: LeaseStore;
  ramps: RampStore;
  replicaId: string;
  logger: Logger;
  now?: () => number;
  options?: Partial<SpawnerOptions>;
  topic?: string;
}): Promise<{ spawner: Spawner; closers: readonly Closer[] }> {
  await deps.bus.ensureTopics([deps.topic ?? TREASURE_SPAWNED_TOPIC]);
  const now = deps.now ?? Date.now;
  const spawner = createSpawner({
    config: deps.core.loaded.config,
    bus: deps.bus,
    leases: deps.leases,
    ramps: deps.ramps,
    registry: deps.core.registry,
    replicaId: deps.replicaId,
    now,
    random: Math.random,
    logger: deps.logger,
    options: deps.options,
    topic: deps.topic,
  });
  await spawner.start();
  deps.logger.info({ replicaId: deps.replicaId, shards: spawner.ownedShards() }, 'spawner started');
  return {
    spawner,
    closers: [
      {
        name: 'spawner',
        close: async () => {
          const { unflushed } = await spawner.stop(now() + 3000);
          if (unflushed > 0) deps.logger.warn({ unflushed }, 'shutdown: events not flushed to Kafka were dropped');
        },
      },
    ],
  };
}
