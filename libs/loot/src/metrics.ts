import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The loot-service's own RED metrics, on the service's registry (never the global one). A
 * metric already on the registry is reused, so a restarted consumer keeps counting in place.
 */
export function createLootMetrics(registry: Registry) {
  const once = <M>(name: string, make: () => M): M => (registry.getSingleMetric(name) as M | undefined) ?? make();
  return {
    claims: once(
      'loot_claims_total',
      () =>
        new Counter({
          name: 'loot_claims_total',
          help: 'Claims by outcome (won, replayed, a rejection reason, invalid, unavailable)',
          labelNames: ['outcome'] as const,
          registers: [registry],
        }),
    ),
    claimDuration: once(
      'loot_claim_duration_seconds',
      () =>
        new Histogram({
          name: 'loot_claim_duration_seconds',
          help: 'Claim latency inside the service (the atomic store step, award outbox append included)',
          buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
          registers: [registry],
        }),
    ),
    spawns: once(
      'loot_spawns_total',
      () =>
        new Counter({
          name: 'loot_spawns_total',
          help: 'Spawn events materialised, by result (created, duplicate, expired)',
          labelNames: ['result'] as const,
          registers: [registry],
        }),
    ),
    unknownTier: once(
      'loot_unknown_tier_total',
      () =>
        new Counter({
          name: 'loot_unknown_tier_total',
          help: 'Spawns whose tier this config does not know (newer config); rolled from the fallback tier',
          registers: [registry],
        }),
    ),
    relayPublished: once(
      'loot_award_relay_published_total',
      () =>
        new Counter({
          name: 'loot_award_relay_published_total',
          help: 'Award events the relay moved from the outbox to Kafka (acked by Kafka, then removed)',
          registers: [registry],
        }),
    ),
    relayErrors: once(
      'loot_award_relay_errors_total',
      () =>
        new Counter({
          name: 'loot_award_relay_errors_total',
          help: 'Relay rounds that failed, by stage (read, publish, ack); each is retried with backoff',
          labelNames: ['stage'] as const,
          registers: [registry],
        }),
    ),
    outboxDepth: once(
      'loot_award_outbox_depth',
      () =>
        new Gauge({
          name: 'loot_award_outbox_depth',
          help: 'Award events in the outbox not yet acked by Kafka (refreshed by the relay every second)',
          registers: [registry],
        }),
    ),
    outboxOldestAge: once(
      'loot_award_outbox_oldest_age_seconds',
      () =>
        new Gauge({
          name: 'loot_award_outbox_oldest_age_seconds',
          help: 'Age of the oldest award event waiting in the outbox, 0 when empty (refreshed by the relay every second)',
          registers: [registry],
        }),
    ),
    swept: once(
      'loot_expired_swept_total',
      () =>
        new Counter({
          name: 'loot_expired_swept_total',
          help: 'Expired treasures removed from the indexes',
          registers: [registry],
        }),
    ),
  };
}

export type LootMetrics = ReturnType<typeof createLootMetrics>;
