import { LOOT_AWARDED_TOPIC, TREASURE_SPAWNED_TOPIC, type GrpcServiceRegistration } from '@hunt/contracts';
import type { EventBus } from '@hunt/event-bus';
import type { TreasureStore } from '@hunt/loot-store';
import type { Closer, Logger } from '@hunt/service-kit';
import type { LoadedConfig } from '@hunt/static-config';
import { createClaimService } from './claim-service';
import { createLootGrpcService } from './grpc-service';
import type { LootRoller } from './loot-roller';
import type { LootMetrics } from './metrics';
import { createSpawnHandler } from './spawn-handler';

export const LOOT_CONSUMER_GROUP = 'loot-service';

export interface LootServiceDeps {
  readonly loaded: LoadedConfig;
  readonly store: TreasureStore;
  readonly bus: EventBus;
  readonly metrics: LootMetrics;
  /** The keyed loot roll of spawns (createLootRoller). */
  readonly roller: LootRoller;
  /** The token every hunt.loot.v1 call must carry (LOOT_SERVICE_TOKEN; service-token-guard.ts). */
  readonly serviceToken: string;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Consumer group of the spawn subscription (tests give each run its own). */
  readonly groupId?: string;
  /** Topic names; default the contract's. Tests give each run its own. */
  readonly topics?: { readonly spawned: string; readonly awarded: string };
}

export interface LootService {
  readonly grpc: GrpcServiceRegistration;
  /** The spawn consumer, to close in reverse order with the rest of the service. */
  readonly closers: readonly Closer[];
}

/**
 * The loot-service's own parts over the given adapters (Redis + Kafka, or the embedded ones):
 * ensures its topics, subscribes to spawns and builds the gRPC service.
 * It closes only what it started; the caller closes the store and the bus it created. The award
 * relay (startAwardRelay) is wired by the caller beside it.
 */
export async function startLootService(deps: LootServiceDeps): Promise<LootService> {
  const now = deps.now ?? Date.now;
  const { store, bus, logger, loaded, metrics, roller } = deps;
  const topics = deps.topics ?? { spawned: TREASURE_SPAWNED_TOPIC, awarded: LOOT_AWARDED_TOPIC };
  await bus.ensureTopics([topics.spawned, topics.awarded]);
  const subscription = await bus.subscribe({
    groupId: deps.groupId ?? LOOT_CONSUMER_GROUP,
    fromBeginning: true,
    handlers: [createSpawnHandler({ store, loaded, now, metrics, roller, topic: topics.spawned })],
  });
  const claims = createClaimService({ store, now, metrics, logger });
  return {
    grpc: createLootGrpcService({
      claims,
      store,
      seasonId: loaded.config.season.id,
      now,
      serviceToken: deps.serviceToken,
      metrics,
    }),
    closers: [{ name: 'spawn-consumer', close: () => subscription.close() }],
  };
}
