import { hostname } from 'node:os';
import { LOOT_AWARDED_TOPIC, lootAwardedV1, TREASURE_SPAWNED_TOPIC, treasureSpawnedV1 } from '@hunt/contracts';
import { defineHandler, type EventBus, type Subscription } from '@hunt/event-bus';
import type { NearbyIndex } from './nearby-index';

export interface NearbyFeedOptions {
  readonly bus: Pick<EventBus, 'subscribe' | 'ensureTopics'>;
  readonly index: NearbyIndex;
  readonly now: () => number;
  /** Default the contract's topics; tests give each run its own. */
  readonly topics?: { readonly spawned: string; readonly awarded: string };
  /** Default: unique per process (see below). */
  readonly groupId?: string;
  /** How often expired treasures and old tombstones are dropped (default 1000 ms). */
  readonly sweepIntervalMs?: number;
}

/**
 * Feeds a replica's nearby index from the spawn and award topics.
 *
 * Every replica needs every event (each holds the whole index), so each subscribes in a consumer
 * group of its own, from the beginning. That is also how a new replica bootstraps: it replays
 * both topics and skips spawns that have already expired (and spawns whose award it has seen),
 * so the replay is bounded by the spawn topic's retention, which only has to exceed
 * spawn.treasure_ttl_s. The cost is one abandoned consumer group per replica restart on the
 * broker, which Kafka expires after its offsets retention. Handlers never throw: an index
 * update cannot fail, so no message is ever redelivered or dead-lettered by this consumer.
 */
export async function startNearbyFeed(opts: NearbyFeedOptions): Promise<{ close(): Promise<void> }> {
  const { index, now } = opts;
  const topics = opts.topics ?? { spawned: TREASURE_SPAWNED_TOPIC, awarded: LOOT_AWARDED_TOPIC };
  await opts.bus.ensureTopics([topics.spawned, topics.awarded]);
  const subscription: Subscription = await opts.bus.subscribe({
    groupId: opts.groupId ?? `hunt-api-nearby-${hostname()}-${process.pid}-${now().toString(36)}`,
    fromBeginning: true,
    handlers: [
      defineHandler({
        topic: topics.spawned,
        schema: treasureSpawnedV1,
        handle: async (e) =>
          index.add(
            { id: e.treasure_id, zoneId: e.zone_id, lat: e.lat, lng: e.lng, tier: e.tier, expiresAtMs: e.expires_at },
            now(),
          ),
      }),
      defineHandler({
        topic: topics.awarded,
        schema: lootAwardedV1,
        handle: async (e) => index.claimed(e.treasure_id, e.zone_id, now()),
      }),
    ],
  });
  const sweeper = setInterval(() => index.sweep(now()), opts.sweepIntervalMs ?? 1000);
  sweeper.unref();
  return {
    async close() {
      clearInterval(sweeper);
      await subscription.close();
    },
  };
}
