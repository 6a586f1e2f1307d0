import { createInMemoryTreasureStore, createRedisTreasureStore, type TreasureStore } from '@hunt/loot-store';
import type { Composition, ServiceContext } from '@hunt/service-kit';
import { startAwardRelay } from './award-relay';
import { createLootRoller } from './loot-roller';
import { startLootService } from './loot-service';
import { createLootMetrics } from './metrics';
import { claimRulesFrom } from './rules';

/**
 * The loot-service, composed once for the app and the embedded engine: its treasure store
 * (Redis, or in memory when embedded), the spawn consumer and hunt.loot.v1 gRPC, and the award
 * relay from the store's outbox to the bus. Closed in reverse: relay, consumer, bus, store.
 * `rollSecret` keys the loot roll (LOOT_ROLL_SECRET; loot-roller.ts); `serviceToken` is the one
 * every hunt.loot.v1 call must carry (LOOT_SERVICE_TOKEN; service-token-guard.ts).
 */
export const lootService: Composition<{ readonly rollSecret: string; readonly serviceToken: string }> = async (
  ctx,
  settings,
) => {
  const { core, logger } = ctx;
  const store = await openStore(ctx);
  const bus = await ctx.eventBus();
  const metrics = createLootMetrics(core.registry);
  const roller = createLootRoller({ secret: settings.rollSecret });
  const loot = await startLootService({
    loaded: core.loaded,
    store,
    bus,
    metrics,
    logger,
    roller,
    serviceToken: settings.serviceToken,
  });
  for (const closer of loot.closers) ctx.own(closer);
  const relay = startAwardRelay({ outbox: store.outbox, bus, metrics, logger });
  ctx.own({ name: 'award-relay', close: () => relay.close() });
  return {
    grpcServices: [loot.grpc],
    readiness: [
      { name: 'store', check: () => store.healthy() },
      { name: 'event-bus', check: () => bus.healthy() },
    ],
  };
};

async function openStore(ctx: ServiceContext): Promise<TreasureStore> {
  const { core, infra } = ctx;
  const rules = claimRulesFrom(core.loaded.config);
  const store =
    infra.kind === 'embedded'
      ? createInMemoryTreasureStore(rules, { configVersion: core.loaded.version })
      : await createRedisTreasureStore({
          url: infra.redisUrl,
          keyPrefix: infra.redisKeyPrefix,
          rules,
          configVersion: core.loaded.version,
          onConnectionError: (err) => ctx.outages.report('redis', err, 'redis connection error'),
        });
  ctx.own({ name: 'store', close: () => store.close() });
  return store;
}
