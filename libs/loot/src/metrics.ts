import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The loot-service's own RED metrics, on the service's registry (never the global one). Created
 * once per service (lootService) and handed to the parts that count: the consumer, claims, the
 * service token guard and the award relay.
 */
export function createLootMetrics(registry: Registry) {
  return {
    claims: new Counter({
      name: 'loot_claims_total',
      help: 'Claims by outcome (won, replayed, a rejection reason, invalid, unavailable)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    claimDuration: new Histogram({
      name: 'loot_claim_duration_seconds',
      help: 'Claim latency inside the service (the atomic store step, award outbox append included)',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    unauthenticated: new Counter({
      name: 'loot_grpc_unauthenticated_total',
      help: 'hunt.loot.v1 calls refused UNAUTHENTICATED, by reason (missing: no bearer service token; wrong: another token)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    spawns: new Counter({
      name: 'loot_spawns_total',
      help: 'Spawn events materialised, by result (created, duplicate, expired)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    newestSpawn: new Gauge({
      name: 'loot_newest_spawn_timestamp_seconds',
      help: 'Spawn time (Unix s) of the newest spawn event this replica stored; time() minus it is how far materialisation lags',
      registers: [registry],
    }),
    unknownTier: new Counter({
      name: 'loot_unknown_tier_total',
      help: 'Spawns whose tier this config does not know (newer config); rolled from the fallback tier',
      registers: [registry],
    }),
    relayPublished: new Counter({
      name: 'loot_award_relay_published_total',
      help: 'Award events the relay moved from the outbox to Kafka (acked by Kafka, then removed)',
      registers: [registry],
    }),
    relayErrors: new Counter({
      name: 'loot_award_relay_errors_total',
      help: 'Relay rounds that failed, by stage (read, publish, ack); each is retried with backoff',
      labelNames: ['stage'] as const,
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'loot_award_outbox_depth',
      help: 'Award events in the outbox not yet acked by Kafka (refreshed by the relay every second)',
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: 'loot_award_outbox_oldest_age_seconds',
      help: 'Age of the oldest award event waiting in the outbox, 0 when empty (refreshed by the relay every second)',
      registers: [registry],
    }),
  };
}

export type LootMetrics = ReturnType<typeof createLootMetrics>;
