import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The spawner's own metrics (names are part of the alerting contract in deploy/prometheus). */
export function createSpawnerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    spawned: new Counter({
      name: 'spawner_spawned_total',
      help: 'Treasures spawned and published',
      labelNames: ['zone', 'tier'] as const,
      registers,
    }),
    throttled: new Counter({
      name: 'spawner_throttled_total',
      help: 'Treasures the curves asked for but the bus throttle refused (dropped, never queued)',
      labelNames: ['zone'] as const,
      registers,
    }),
    dropped: new Counter({
      name: 'spawner_dropped_total',
      help: 'Spawned treasures lost before Kafka accepted them: buffer_full or expired (Kafka down too long)',
      labelNames: ['reason'] as const,
      registers,
    }),
    publishedRate: new Gauge({
      name: 'spawner_published_rate_per_second',
      help: 'Rate this replica publishes per zone after ramp, events/s',
      labelNames: ['zone'] as const,
      registers,
    }),
    targetRate: new Gauge({
      name: 'spawner_target_rate_per_second',
      help: 'Rate the difficulty curves ask for per zone, events/s',
      labelNames: ['zone'] as const,
      registers,
    }),
    cap: new Gauge({
      name: 'spawner_throttle_cap_per_second',
      help: "This replica's share of the fleet-wide spawn cap, events/s",
      registers,
    }),
    produceSeconds: new Histogram({
      name: 'spawner_produce_duration_seconds',
      help: 'Time from handing an event to the bus until all in-sync replicas acknowledged it',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    bufferDepth: new Gauge({ name: 'spawner_buffer_depth', help: 'Spawned events waiting for Kafka', registers }),
    leasesHeld: new Gauge({ name: 'spawner_leases_held', help: 'Zones this replica owns', registers }),
    liveReplicas: new Gauge({
      name: 'spawner_live_replicas',
      help: 'Spawner replicas this replica sees alive',
      registers,
    }),
  };
}

export type SpawnerMetrics = ReturnType<typeof createSpawnerMetrics>;
