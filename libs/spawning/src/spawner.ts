import { ulid } from '@hunt/contracts';
import type { HuntConfig } from '@hunt/config-schema';
import { createDifficulty } from '@hunt/difficulty';
import type { EventBus } from '@hunt/event-bus';
import { createOutageLog } from '@hunt/service-kit';
import {
  createSpawnAccumulator,
  createTokenBucket,
  rampedRate,
  rollTreasure,
  type SpawnAccumulator,
} from '@hunt/spawn-core';
import type { Registry } from 'prom-client';
import { createLeaseKeeper } from './lease-keeper';
import { createSpawnerMetrics } from './metrics';
import { createPublishBuffer } from './publish-buffer';
import type { LeaseStore, RampState, RampStore } from './ports';

export interface SpawnerOptions {
  /** How often zones spawn (ms). */
  readonly tickMs: number;
  readonly leaseTtlMs: number;
  /** Spawned events the publish buffer holds while Kafka is slow or down. */
  readonly bufferCapacity: number;
  /** Events the publish buffer hands to the bus before Kafka acknowledged them (the bus batches). */
  readonly maxInFlight: number;
  /** Seconds of this replica's cap that may leave in one burst. */
  readonly burstSeconds: number;
  /** Rate a zone without ramp history may start at, events/s. */
  readonly rampFloorPerS: number;
}

export const DEFAULT_SPAWNER_OPTIONS: SpawnerOptions = {
  tickMs: 250,
  leaseTtlMs: 6000,
  bufferCapacity: 100_000,
  maxInFlight: 5000,
  burstSeconds: 0.5,
  rampFloorPerS: 1,
};

export interface SpawnerDeps {
  readonly config: HuntConfig;
  readonly bus: Pick<EventBus, 'publish'>;
  readonly leases: LeaseStore;
  readonly ramps: RampStore;
  readonly registry: Registry;
  readonly replicaId: string;
  readonly now: () => number;
  readonly random: () => number;
  readonly logger: { warn(obj: object, msg: string): void };
  readonly options?: Partial<SpawnerOptions>;
  /** Default `hunt.treasure-spawned.v1`; tests use a topic of their own. */
  readonly topic?: string;
}

/**
 * The spawner: for every zone it holds a lease on, each tick asks libs/difficulty for the zone's
 * rate now, limits rises to the [limits] ramp, spawns what is due, passes it through the
 * token bucket (the fleet cap split over live replicas) and hands it to the bounded publish buffer.
 * `tick` and `maintainLeases` are public so tests drive them on a controlled clock; `start`
 * runs them on timers.
 */
export function createSpawner(deps: SpawnerDeps) {
  const o = { ...DEFAULT_SPAWNER_OPTIONS, ...deps.options };
  const { config, now } = deps;
  const difficulty = createDifficulty(config);
  const zones = new Map(config.zones.map((z) => [z.id, z]));
  const metrics = createSpawnerMetrics(deps.registry);
  const keeper = createLeaseKeeper({
    store: deps.leases,
    replicaId: deps.replicaId,
    zones: difficulty.zoneIds,
    ttlMs: o.leaseTtlMs,
    now,
  });
  const outages = createOutageLog(deps.logger);
  const buffer = createPublishBuffer({
    bus: deps.bus,
    topic: deps.topic,
    capacity: o.bufferCapacity,
    maxInFlight: o.maxInFlight,
    metrics,
    now,
    onPublishError: (err) => outages.report('kafka', err, 'kafka publish failed; retrying'),
  });
  const capShare = () => config.spawn.throttle_cap_per_s / Math.max(1, keeper.liveReplicas().length);
  const bucket = createTokenBucket({ ratePerS: capShare(), burst: capShare() * o.burstSeconds, nowMs: now() });
  const ramp = new Map<string, RampState>();
  const accumulators = new Map<string, SpawnAccumulator>();
  const timers: NodeJS.Timeout[] = [];
  let lastTick = now();
  let lastRampWrite = 0;

  function spawnZone(zoneId: string, t: number, dtMs: number) {
    const p = difficulty.at(zoneId, t)!;
    const last = ramp.get(zoneId);
    const rate = rampedRate({
      targetPerS: p.spawnRatePerS,
      lastPerS: last?.ratePerS,
      lastAtMs: last?.atMs,
      nowMs: t,
      rampPerMinute: config.limits.ramp_per_minute,
      floorPerS: o.rampFloorPerS,
    });
    ramp.set(zoneId, { ratePerS: rate, atMs: t });
    metrics.targetRate.set({ zone: zoneId }, p.spawnRatePerS);
    metrics.publishedRate.set({ zone: zoneId }, rate);
    const acc = accumulators.get(zoneId) ?? accumulators.set(zoneId, createSpawnAccumulator()).get(zoneId)!;
    const due = acc.due(rate, dtMs);
    const granted = bucket.take(due, t);
    if (due > granted) metrics.throttled.inc({ zone: zoneId }, due - granted);
    const zone = zones.get(zoneId)!;
    const events = [];
    for (let i = 0; i < granted; i++) {
      const rolled = rollTreasure(zone.bounds, p.tierNames, p.rarityWeights, deps.random);
      events.push({
        treasure_id: ulid(t, deps.random),
        zone_id: zoneId,
        ...rolled,
        spawned_at: t,
        expires_at: t + config.spawn.treasure_ttl_s * 1000,
        config_version: config.version,
      });
    }
    buffer.push(events);
  }

  async function persistRamps(t: number) {
    lastRampWrite = t;
    await Promise.allSettled(
      [...keeper.held].map(([zone, h]) => {
        const state = ramp.get(zone);
        return state ? deps.ramps.write(h.lease, deps.replicaId, state) : Promise.resolve(false);
      }),
    );
  }

  const spawner = {
    metrics,
    buffer,
    ownedZones: () => [...keeper.held.keys()].filter((z) => keeper.owns(z)).sort(),
    /** One spawning round at now(); zones without a valid lease are skipped. */
    async tick(): Promise<void> {
      const t = Math.floor(now());
      const dt = Math.min(Math.max(0, t - lastTick), 5 * o.tickMs); // no catch-up burst after a pause
      lastTick = t;
      for (const zone of spawner.ownedZones()) spawnZone(zone, t, dt);
      if (t - lastRampWrite >= 1000) await persistRamps(t);
    },
    /** Renews, rebalances and acquires leases; loads the ramp state of zones taken over. */
    async maintainLeases(): Promise<void> {
      try {
        const { acquired, lost } = await keeper.maintain();
        for (const zone of lost) ramp.delete(zone);
        for (const lease of acquired) {
          const state = await deps.ramps.read(lease.zone);
          if (state) ramp.set(lease.zone, state);
          else ramp.delete(lease.zone);
        }
      } catch (err) {
        outages.report('leases', err, 'lease maintenance failed; zones stop spawning when their leases run out');
      }
      bucket.setRate(capShare(), now());
      metrics.cap.set(capShare());
      metrics.leasesHeld.set(keeper.held.size);
      metrics.liveReplicas.set(keeper.liveReplicas().length);
    },
    async start(): Promise<void> {
      await spawner.maintainLeases();
      lastTick = now();
      // A failing round is logged and the next one runs on schedule: a timer callback must
      // never reject (an unhandled rejection would take the whole process down).
      const every = (ms: number, what: string, fn: () => Promise<void>) => {
        let running = false;
        timers.push(
          setInterval(() => {
            if (running) return;
            running = true;
            fn()
              .catch((err: unknown) => outages.report(what, err, `spawner ${what} failed`))
              .finally(() => (running = false));
          }, ms),
        );
      };
      every(o.tickMs, 'tick', () => spawner.tick());
      every(o.leaseTtlMs / 3, 'lease maintenance', () => spawner.maintainLeases());
    },
    /**
     * Stops every timer at once, without flushing or releasing: what a crash looks like to the
     * other replicas (their leases take over when these expire). For tests and fatal errors.
     */
    async halt(): Promise<void> {
      for (const t of timers) clearInterval(t);
      await buffer.close();
    },
    /** Stops spawning, flushes what it can until `deadlineMs`, writes ramps, releases leases. */
    async stop(deadlineMs: number): Promise<{ unflushed: number }> {
      for (const t of timers) clearInterval(t);
      await buffer.flush(deadlineMs);
      await buffer.close();
      const unflushed = buffer.depth(); // after close: what was in flight and then failed counts too
      if (unflushed > 0) metrics.dropped.inc({ reason: 'shutdown' }, unflushed);
      await persistRamps(now()).catch(() => undefined);
      await keeper.releaseAll();
      return { unflushed };
    },
  };
  return spawner;
}

export type Spawner = ReturnType<typeof createSpawner>;
