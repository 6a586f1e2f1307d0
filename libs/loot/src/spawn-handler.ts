import { shardAt } from '@hunt/world';
import { treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import { defineHandler, type AnyEventHandler } from '@hunt/event-bus';
import type { TreasureStore } from '@hunt/loot-store';
import type { LoadedConfig } from '@hunt/static-config';
import type { LootRoller } from './loot-roller';
import type { LootMetrics } from './metrics';

/**
 * Materialises spawn events. The loot is rolled here, once, from this process's config and
 * stored with the treasure, so the claim is a single atomic store step and the roll is pinned to
 * (treasure id, loot config version, roll secret): the secret keeps players from predicting it.
 * A redelivered spawn keeps its first roll (materialise answers `duplicate`). A tier this
 * config does not know (a newer config spawned it) falls back to the most common tier and is
 * counted; the `config-version` header has already told staleness tracking about the newer
 * version. Store errors are thrown as transient: the bus redelivers the batch and its offsets are
 * committed only after the store has every write of it.
 */
export function createSpawnHandler(deps: {
  store: TreasureStore;
  loaded: LoadedConfig;
  now: () => number;
  metrics: LootMetrics;
  roller: LootRoller;
  topic: string;
}): AnyEventHandler {
  const { store, loaded, metrics, roller } = deps;
  let newestMs = 0;
  const materialise = async (event: TreasureSpawnedV1) => {
    const loot = roller.roll(loaded.config.tiers, event.treasure_id, event.tier, loaded.version);
    if (loot.fallback) metrics.unknownTier.inc();
    const result = await store.materialise(
      {
        treasureId: event.treasure_id,
        zoneId: event.zone_id,
        shardId: shardAt(event.lat, event.lng),
        lat: event.lat,
        lng: event.lng,
        tier: event.tier,
        spawnedAtMs: event.spawned_at,
        expiresAtMs: event.expires_at,
        configVersion: event.config_version,
        loot,
      },
      deps.now(),
    );
    metrics.spawns.inc({ result });
    if (event.spawned_at > newestMs) {
      newestMs = event.spawned_at;
      metrics.newestSpawn.set(newestMs / 1000);
    }
  };
  return defineHandler<TreasureSpawnedV1>({
    topic: deps.topic,
    schema: treasureSpawnedV1,
    // A batch at a time, all of it in flight at once: the Redis client's auto-pipelining sends
    // what one tick issues as one pipeline, so a batch costs about one round trip, not one per
    // spawn. Order inside a batch does not matter (materialise is per treasure id and never
    // overwrites). Batching in the bus rather than a store `materialiseMany`: the consumer had to
    // hand over a batch either way, and auto-pipelining already makes concurrent calls one
    // pipeline. Settling every call before throwing keeps a retry from overlapping the last try.
    async handleBatch(events) {
      const settled = await Promise.allSettled(events.map((e) => materialise(e.value)));
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    },
  });
}
