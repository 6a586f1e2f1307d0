import type { Composition, ServiceContext } from '@hunt/service-kit';
import { createMemoryCoordination } from './memory/memory-coordination';
import type { LeaseStore, RampStore } from './ports';
import { createRedisCoordination } from './redis/redis-coordination';
import type { SpawnerOptions } from './spawner';
import { startSpawnerService } from './spawner-service';

export interface SpawnerSettings {
  /** This replica's identity in leases; unique per replica (the pod name in Kubernetes). */
  readonly replicaId: string;
  /** Tuning of the spawner (DEFAULT_SPAWNER_OPTIONS otherwise); apps pass none. */
  readonly options?: Partial<SpawnerOptions>;
}

/**
 * The spawner, composed once for the app and the embedded engine: shard leases and ramp state
 * (Redis, or in memory when embedded) and spawning onto the bus. Ready while it can reach both.
 */
export const spawnerService: Composition<SpawnerSettings> = async (ctx, settings) => {
  const { coordination, reachable } = await openCoordination(ctx);
  const bus = await ctx.eventBus();
  const spawner = await startSpawnerService({
    core: ctx.core,
    bus,
    leases: coordination,
    ramps: coordination,
    replicaId: settings.replicaId,
    logger: ctx.logger,
    options: settings.options,
  });
  for (const closer of spawner.closers) ctx.own(closer);
  return {
    readiness: [
      { name: 'coordination', check: reachable },
      { name: 'event-bus', check: () => bus.healthy() },
    ],
  };
};

async function openCoordination(
  ctx: ServiceContext,
): Promise<{ coordination: LeaseStore & RampStore; reachable: () => boolean }> {
  if (ctx.infra.kind === 'embedded') return { coordination: createMemoryCoordination(), reachable: () => true };
  const redis = await ctx.redis({ ready: true });
  return {
    coordination: createRedisCoordination(redis, ctx.infra.redisKeyPrefix),
    reachable: () => redis.status === 'ready',
  };
}
