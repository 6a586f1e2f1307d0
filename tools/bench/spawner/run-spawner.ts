/**
 * One spawner replica (createSpawner, the app's default options unless given) publishing into the
 * real Kafka for a measured window, on a clock that starts at a chosen instant of the season and
 * runs at wall speed. What is measured comes from the bench's own instruments, not the
 * spawner's counters:
 * - a ledger of the events Kafka acknowledged (a bus wrapper), counted by the tick that spawned
 *   them (their spawned_at), so the published rate is exact over whole ticks;
 * - the coordination store wrapped to count lease and ramp calls (counting-coordination.ts);
 * - tick() wrapped to time its CPU on this thread (process.threadCpuUsage) while it rolls,
 *   encodes and hands the events to the bus.
 * Each shard's ramp is seeded at its target, as a replica taking over from one that ran at that
 * rate finds it, so the window measures the steady state, not the climb.
 */
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import type { TreasureSpawnedV1 } from '@hunt/contracts';
import { createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { createShardRates, seededRandom } from '@hunt/spawn-core';
import { createMemoryCoordination, createSpawner } from '@hunt/spawning';
import type { Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { messagesOn } from '../lib/kafka-topics';
import { totalRate } from '../lib/shipped-world';
import { encodedSpawn } from './bare-producer';
import { countingCoordination, type Coordination, type CoordinationCall } from './counting-coordination';

type SpawnerOptions = NonNullable<Parameters<typeof createSpawner>[0]['options']>;

export interface SpawnerRunSpec {
  readonly label: string;
  readonly config: HuntConfig;
  readonly brokers: readonly string[];
  /** Topic prefix of this bench run (its topics are deleted afterwards). */
  readonly topicPrefix: string;
  readonly partitions: number;
  readonly startAtMs: number;
  readonly warmupS: number;
  readonly seconds: number;
  readonly options?: Partial<SpawnerOptions>;
  /** Keep up to this many acknowledged events, encoded, for the bare producer to replay. */
  readonly capture?: number;
}

export interface SpawnerRunResult {
  /** What the curves ask of the world during the window, events/s. */
  readonly targetPerS: number;
  /** Acknowledged events of the window's ticks / the time those ticks cover. */
  readonly publishedPerS: number;
  /** Acknowledged events per second of wall time in the window (what the bus took). */
  readonly ackedPerS: number;
  readonly ticks: number;
  readonly tickCpuUs: number;
  readonly ownedShards: number;
  readonly ownedCells: number;
  readonly coordinationCallsPerS: Record<CoordinationCall, number>;
  /** This process's CPU in the window (spawner, bus and kafkajs), % of one core. */
  readonly cpuPct: number;
  readonly dropped: number;
  readonly throttled: number;
  /** Messages on the topic after the run, and the ledger's count: equal unless Kafka duplicated. */
  readonly onTopic: number;
  readonly ledger: number;
  readonly captured: readonly Message[];
}

export async function runSpawner(spec: SpawnerRunSpec): Promise<SpawnerRunResult> {
  const { config } = spec;
  const wall0 = performance.now();
  const now = () => spec.startAtMs + (performance.now() - wall0);
  const topic = `spawned-${spec.label}`;
  const bus = await createKafkaEventBus({
    brokers: spec.brokers,
    topicPrefix: spec.topicPrefix,
    clientId: `bench-spawner-${spec.label}`,
    configVersion: config.version,
    partitions: spec.partitions,
  });
  await bus.ensureTopics([topic]);
  const ledger = createLedger(bus, config.version, spec.capture ?? 0);
  const raw = createMemoryCoordination(now);
  await seedRamps(raw, config, spec.startAtMs);
  const coordination = countingCoordination(raw);
  const spawner = createSpawner({
    config,
    bus: ledger.bus,
    leases: coordination.store,
    ramps: coordination.store,
    registry: new Registry(),
    replicaId: 'bench',
    now,
    random: seededRandom(1),
    logger: { warn: () => {} },
    topic,
    options: spec.options,
  });
  const cellsOf = new Map(worldOf(config).shards.map((s) => [s.id, s.cellCount]));
  const window = { on: false, ticks: 0, cpuUs: 0 };
  // Replaced before start(): the spawner's timer calls spawner.tick() through the object.
  const tick = spawner.tick.bind(spawner);
  spawner.tick = async () => {
    const c0 = process.threadCpuUsage();
    const done = tick();
    const c = process.threadCpuUsage(c0);
    if (window.on) {
      window.ticks++;
      window.cpuUs += c.user + c.system;
    }
    await done;
  };
  const total = async (name: 'dropped' | 'throttled') =>
    (await spawner.metrics[name].get()).values.reduce((a, v) => a + v.value, 0);

  const measure = async () => {
    await sleep(spec.warmupS * 1000);
    const owned = spawner.ownedShards();
    const [calls0, cpu0, acked0, t0] = [coordination.counts(), process.cpuUsage(), ledger.acked(), performance.now()];
    const from = now();
    window.on = true;
    await sleep(spec.seconds * 1000);
    window.on = false;
    const to = now();
    const [calls1, cpu, acked1, t1] = [
      coordination.counts(),
      process.cpuUsage(cpu0),
      ledger.acked(),
      performance.now(),
    ];
    const wallS = (t1 - t0) / 1000;
    return {
      targetPerS: totalRate(config, from),
      publishedPerS: ledger.ratePerS(from, to),
      ackedPerS: (acked1 - acked0) / wallS,
      ticks: window.ticks,
      tickCpuUs: window.cpuUs,
      ownedShards: owned.length,
      ownedCells: owned.reduce((n, s) => n + (cellsOf.get(s) ?? 0), 0),
      coordinationCallsPerS: Object.fromEntries(
        Object.entries(calls1).map(([k, n]) => [k, (n - calls0[k as CoordinationCall]) / wallS]),
      ) as Record<CoordinationCall, number>,
      cpuPct: ((cpu.user + cpu.system) / 1000 / (t1 - t0)) * 100,
      dropped: await total('dropped'),
      throttled: await total('throttled'),
    };
  };

  await spawner.start();
  const measured = await measure().finally(async () => {
    await spawner.stop(now() + 3000);
    await bus.close();
  });
  return {
    ...measured,
    onTopic: await messagesOn(spec.brokers, `${spec.topicPrefix}.${topic}`),
    ledger: ledger.acked(),
    captured: ledger.captured,
  };
}

/** The bus, wrapped to record every acknowledged spawn by its spawned_at (one tick each). */
function createLedger(bus: EventBus, configVersion: number, capture: number) {
  const byTick = new Map<number, number>();
  const captured: Message[] = [];
  let acked = 0;
  const ledgerBus: Pick<EventBus, 'publish'> = {
    publish: async (request) => {
      await bus.publish(request);
      const e = request.value as TreasureSpawnedV1;
      byTick.set(e.spawned_at, (byTick.get(e.spawned_at) ?? 0) + 1);
      acked++;
      if (captured.length < capture) captured.push(encodedSpawn(request.key, e, configVersion));
    },
  };
  return {
    bus: ledgerBus,
    captured,
    acked: () => acked,
    /**
     * The rate over the ticks in [fromMs, toMs): the events of ticks after the first one, over
     * the time from the first tick to the last (each tick spawns what is due since the previous).
     */
    ratePerS(fromMs: number, toMs: number): number {
      const ticks = [...byTick.keys()].filter((t) => t >= fromMs && t < toMs).sort((a, b) => a - b);
      if (ticks.length < 2) return 0;
      const events = ticks.slice(1).reduce((n, t) => n + byTick.get(t)!, 0);
      return events / ((ticks.at(-1)! - ticks[0]!) / 1000);
    },
  };
}

/** Every shard's ramp at its target at `atMs`, written under a lease as a previous replica would. */
async function seedRamps(store: Coordination, config: HuntConfig, atMs: number): Promise<void> {
  const rates = createShardRates(config);
  for (const shard of rates.shardIds) {
    const lease = await store.acquire(shard, 'bench-seed', 60_000);
    if (!lease) throw new Error(`seeding the ramp of ${shard}: lease taken`);
    await store.write(lease, 'bench-seed', { ratePerS: rates.at(shard, atMs)!.targetPerS, atMs });
    await store.release(lease, 'bench-seed');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
