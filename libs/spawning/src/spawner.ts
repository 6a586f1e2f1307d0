import { ulid } from '@hunt/contracts';
import type { HuntConfig } from '@hunt/config-schema';
import type { EventBus } from '@hunt/event-bus';
import { createOutageLog } from '@hunt/service-kit';
import {
  createShardRates,
  createSpawnAccumulator,
  createTokenBucket,
  pickPart,
  rampedRate,
  rollTreasure,
  type PartRate,
  type SpawnAccumulator,
} from '@hunt/spawn-core';
import type { Registry } from 'prom-client';
import { createLeaseKeeper } from './lease-keeper';
import { createSpawnerMetrics } from './metrics';
import { createPublishBuffer } from './publish-buffer';
import type { LeaseStore, RampState, RampStore } from './ports';

export interface SpawnerOptions {
  /** How often shards spawn (ms). */
  readonly tickMs: number;
  readonly leaseTtlMs: number;
  /** Spawned events the publish buffer holds while Kafka is slow or down. */
  readonly bufferCapacity: number;
  /** Events the publish buffer hands to the bus before Kafka acknowledged them (the bus batches). */
  readonly maxInFlight: number;
  /** Seconds of this replica's cap that may leave in one burst. */
  readonly burstSeconds: number;
  /** Rate a shard without ramp history may start at, events/s. */
  readonly rampFloorPerS: number;
  /**
   * Harness only (the game day's unguarded replay, tools/gameday/unguarded-spawner.ts): publish
   * what the curves ask, at once and uncapped: no fleet cap (no token bucket) and no ramp. It
   * shows what the guards prevent. Never read from the TOML or the environment, so no
   * deployment can switch its guards off.
   */
  readonly unguarded: boolean;
}

export const DEFAULT_SPAWNER_OPTIONS: SpawnerOptions = {
  tickMs: 250,
  leaseTtlMs: 6000,
  bufferCapacity: 100_000,
  maxInFlight: 5000,
  burstSeconds: 0.5,
  rampFloorPerS: 1,
  unguarded: false,
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
 * The spawner: for every shard it holds a lease on, each tick asks for the shard's rate now (its
 * zones' libs/difficulty rates, spread over their cells by area), limits rises to the [limits]
 * ramp, spawns what is due, passes it through the token bucket (the fleet cap split over live
 * replicas) and hands it to the bounded publish buffer. Each treasure lands in a zone drawn by
 * rate, in a cell of that zone inside the shard, at a point inside that cell; it is keyed by its
 * shard on the bus.
 * `tick` and `maintainLeases` are public so tests drive them on a controlled clock; `start`
 * runs them on timers.
 */
export function createSpawner(deps: SpawnerDeps) {
  const o = { ...DEFAULT_SPAWNER_OPTIONS, ...deps.options };
  const { config, now } = deps;
  const rates = createShardRates(config);
  const metrics = createSpawnerMetrics(deps.registry);
  const keeper = createLeaseKeeper({
    store: deps.leases,
    replicaId: deps.replicaId,
    shards: rates.shardIds,
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
  const capShare = () =>
    o.unguarded ? Infinity : config.spawn.throttle_cap_per_s / Math.max(1, keeper.liveReplicas().length);
  const bucket = createTokenBucket({ ratePerS: capShare(), burst: capShare() * o.burstSeconds, nowMs: now() });
  const ramp = new Map<string, RampState>();
  const accumulators = new Map<string, SpawnAccumulator>();
  const timers: NodeJS.Timeout[] = [];
  let lastTick = now();
  let lastRampWrite = 0;

  /** Per zone over this replica's shards in this tick: what the curves ask and what is published. */
  const zoneRates = new Map<string, { target: number; published: number }>();

  function spawnShard(shardId: string, t: number, dtMs: number) {
    const p = rates.at(shardId, t)!;
    const last = ramp.get(shardId);
    const rate = o.unguarded
      ? p.targetPerS
      : rampedRate({
          targetPerS: p.targetPerS,
          lastPerS: last?.ratePerS,
          lastAtMs: last?.atMs,
          nowMs: t,
          rampPerMinute: config.limits.ramp_per_minute,
          floorPerS: o.rampFloorPerS,
        });
    ramp.set(shardId, { ratePerS: rate, atMs: t });
    const published = p.targetPerS > 0 ? rate / p.targetPerS : 0;
    for (const part of p.parts) {
      const z = zoneRates.get(part.zoneId) ?? zoneRates.set(part.zoneId, { target: 0, published: 0 }).get(part.zoneId)!;
      z.target += part.ratePerS;
      z.published += part.ratePerS * published;
    }
    const acc = accumulators.get(shardId) ?? accumulators.set(shardId, createSpawnAccumulator()).get(shardId)!;
    const due = acc.due(rate, dtMs);
    if (due === 0) return;
    const granted = o.unguarded ? due : bucket.take(due, t);
    // Every due treasure draws its zone, so what the cap refuses is counted against the zones
    // that asked for it; only the granted ones are rolled (position, tier, id).
    const events = [];
    for (let i = 0; i < due; i++) {
      const part: PartRate = pickPart(p, deps.random());
      if (i >= granted) {
        metrics.throttled.inc({ zone: part.zoneId });
        continue;
      }
      const d = part.difficulty;
      events.push({
        treasure_id: ulid(t, deps.random),
        zone_id: part.zoneId,
        ...rollTreasure(part.cells, d.tierNames, d.rarityWeights, deps.random),
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
      [...keeper.held].map(([shard, h]) => {
        const state = ramp.get(shard);
        return state ? deps.ramps.write(h.lease, deps.replicaId, state) : Promise.resolve(false);
      }),
    );
  }

  const spawner = {
    metrics,
    buffer,
    ownedShards: () => [...keeper.held.keys()].filter((s) => keeper.owns(s)).sort(),
    /** One spawning round at now(); shards without a valid lease are skipped. */
    async tick(): Promise<void> {
      const t = Math.floor(now());
      const dt = Math.min(Math.max(0, t - lastTick), 5 * o.tickMs); // no catch-up burst after a pause
      lastTick = t;
      zoneRates.clear();
      for (const shard of spawner.ownedShards()) spawnShard(shard, t, dt);
      metrics.targetRate.reset();
      metrics.publishedRate.reset();
      for (const [zone, r] of zoneRates) {
        metrics.targetRate.set({ zone }, r.target);
        metrics.publishedRate.set({ zone }, r.published);
      }
      if (t - lastRampWrite >= 1000) await persistRamps(t);
    },
    /** Renews, rebalances and acquires leases; loads the ramp state of shards taken over. */
    async maintainLeases(): Promise<void> {
      try {
        const { acquired, lost, failures } = await keeper.maintain();
        for (const err of failures)
          outages.report('leases', err, 'lease maintenance failed; shards stop spawning when their leases run out');
        for (const shard of lost) ramp.delete(shard);
        for (const lease of acquired) {
          const state = await deps.ramps.read(lease.shard);
          if (state) ramp.set(lease.shard, state);
          else ramp.delete(lease.shard);
        }
      } catch (err) {
        outages.report('leases', err, 'lease maintenance failed; shards stop spawning when their leases run out');
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
