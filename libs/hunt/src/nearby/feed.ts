import { hostname } from 'node:os';
import { shardAt } from '@hunt/world';
import { LOOT_AWARDED_TOPIC, lootAwardedV1, TREASURE_SPAWNED_TOPIC, treasureSpawnedV1 } from '@hunt/contracts';
import { defineHandler, type EventBus, type Subscription } from '@hunt/event-bus';
import type { NearbyIndex } from './nearby-index';

export interface NearbyFeedOptions {
  readonly bus: Pick<EventBus, 'subscribe' | 'ensureTopics'>;
  readonly index: NearbyIndex;
  readonly now: () => number;
  /** spawn.treasure_ttl_s of the config: how far back a live treasure's spawn can be. */
  readonly treasureTtlS: number;
  /** Default the contract's topics; tests give each run its own. */
  readonly topics?: { readonly spawned: string; readonly awarded: string };
  /** Default: unique per process (see below). */
  readonly groupId?: string;
  /** How often expired treasures and old tombstones are dropped (default 1000 ms). */
  readonly sweepIntervalMs?: number;
}

/**
 * How much earlier than the spawn topic the award topic starts: the index's tombstone window
 * (TOMBSTONE_MS in nearby-index.ts, which does not export it). A replica knows a claimed id for
 * that long after the treasure would have expired, so claim routing answers 409, not 404: a new
 * replica then knows the same claimed ids as one that has run for a while. It is also the slack
 * for the loot relay's clock, which stamps awards, running behind the spawner's.
 */
export const AWARD_LEAD_MS = 10 * 60_000;

export interface NearbyFeed {
  /**
   * The bootstrap is done: every spawn and award on the topics when the feed started, from its
   * start points on, is in the index (Subscription.caughtUp of its one subscription). Before,
   * the index misses treasures other replicas list. Latches; no I/O, so fit for readiness.
   */
  caughtUp(): boolean;
  close(): Promise<void>;
}

/**
 * Feeds a replica's nearby index from the spawn and award topics.
 *
 * Every replica needs every event (each holds the whole index), so each subscribes in a consumer
 * group of its own. A new replica bootstraps by replaying only what can still matter, placed by
 * message timestamp (the producer's send time), not from the beginning of retention:
 *  - spawns from now - treasure_ttl_s: a listed treasure has expires_at = spawned_at + ttl > now,
 *    and its event was sent at or after spawned_at by the same clock, so it is at or after the
 *    start; earlier spawn events are all expired. (The config's current TTL: had it been lowered
 *    within the old TTL, a replica started in that span misses treasures of the old one.)
 *  - awards from AWARD_LEAD_MS before that: a treasure's award is sent after its spawn (a claim
 *    needs the treasure), so for every replayed spawn that could be listed its award, if any, is
 *    replayed too, whichever arrives first (the index ignores a spawn after its award).
 * The cost is one abandoned consumer group per replica restart on the broker, which Kafka
 * expires after its offsets retention. Handlers never throw: an index update cannot fail, so no
 * message is ever redelivered or dead-lettered by this consumer.
 */
export async function startNearbyFeed(opts: NearbyFeedOptions): Promise<NearbyFeed> {
  const { index, now } = opts;
  const topics = opts.topics ?? { spawned: TREASURE_SPAWNED_TOPIC, awarded: LOOT_AWARDED_TOPIC };
  await opts.bus.ensureTopics([topics.spawned, topics.awarded]);
  const spawnStartMs = now() - opts.treasureTtlS * 1000;
  const subscription: Subscription = await opts.bus.subscribe({
    groupId: opts.groupId ?? `hunt-api-nearby-${hostname()}-${process.pid}-${now().toString(36)}`,
    startAt: {
      [topics.spawned]: { timestampMs: spawnStartMs },
      [topics.awarded]: { timestampMs: spawnStartMs - AWARD_LEAD_MS },
    },
    handlers: [
      defineHandler({
        topic: topics.spawned,
        schema: treasureSpawnedV1,
        handle: async (e) =>
          index.add(
            {
              id: e.treasure_id,
              zoneId: e.zone_id,
              shardId: shardAt(e.lat, e.lng),
              lat: e.lat,
              lng: e.lng,
              tier: e.tier,
              expiresAtMs: e.expires_at,
            },
            now(),
          ),
      }),
      defineHandler({
        topic: topics.awarded,
        schema: lootAwardedV1,
        handle: async (e) => index.claimed(e.treasure_id, now()),
      }),
    ],
  });
  const sweeper = setInterval(() => index.sweep(now()), opts.sweepIntervalMs ?? 1000);
  sweeper.unref();
  return {
    caughtUp: () => subscription.caughtUp(),
    async close() {
      clearInterval(sweeper);
      await subscription.close();
    },
  };
}
