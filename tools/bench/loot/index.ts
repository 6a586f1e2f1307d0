/**
 * `npm run -s bench -- loot`: how fast the loot-service materialises spawns into real Redis,
 * against what the spawner publishes at the shipped world's peak.
 *
 * The loot-service's parts (startLootHarness: spawn consumer, gRPC, award relay; its own key
 * prefix, topics and consumer group) over the shipped config. With its consumer stopped, its spawn
 * topic is filled with LOOT_SPAWNS (default 30,000: about 23 s of the peak) spawn events drawn as
 * the spawner draws them at the peak (zones, cells, tiers; keyed by shard, through the bus);
 * then the consumer starts and drains that backlog: materialised/s from the first stored spawn to
 * the last (the group's join is left out), as a ratio to the spawner's output at the peak.
 * CPU per spawn over the drain (the group's join included): this process's, and the Redis server's
 * (INFO cpu; the server may serve others on a shared box). Baseline in the same run: a bare kafkajs
 * consumer draining the same topic the plainest way that still stores every spawn (eachMessage,
 * one Redis SET per message, one round trip each); the service hands Redis a batch at a time.
 */
import { uniqueName, waitFor } from '@hunt/event-bus/testing';
import { treasureSpawnedV1 } from '@hunt/contracts';
import { startLootHarness } from '@hunt/loot/testing';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { seededRandom } from '@hunt/spawn-core';
import { ensureInfra } from '@hunt/test-infra';
import { shardAt } from '@hunt/world';
import { Redis } from 'ioredis';
import { redisCpuSeconds } from '../lib/redis-cpu';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import type { BenchContext } from '../lib/bench-module';
import { loadAverage1m, machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { drawSpawns, peakOf, SHIPPED_CONFIG_FILE } from '../lib/shipped-world';
import { round } from '../lib/stats';

const SPAWNS = Number(process.env['LOOT_SPAWNS'] || 30_000);
/** Spawns checked in the store after the drain (the bench's own ledger, not the service's counter). */
const CHECKED = 200;

export async function run(ctx: BenchContext): Promise<void> {
  const infra = await ensureInfra({ log: (m) => ctx.log(m) });
  const harness = await startLootHarness({
    redisUrl: infra.redisUrl,
    kafkaBrokers: infra.kafkaBrokers,
    configText: readFileSync(SHIPPED_CONFIG_FILE, 'utf8'),
  });
  const bareKeys = uniqueName('bench-loot-bare');
  try {
    const { config } = harness.core.loaded;
    const peak = peakOf(config);
    const spawns = drawSpawns({
      config,
      rateAtMs: peak.atMs,
      count: SPAWNS,
      random: seededRandom(7),
      spawnedAt: () => Date.now(),
    });
    const materialised = async () => {
      const metric = await harness.core.registry.getSingleMetric('loot_spawns_total')!.get();
      return metric.values.reduce((n, v) => n + v.value, 0);
    };
    await harness.restartConsumer(async () => {
      ctx.log(`filling ${harness.topics.spawned} with ${SPAWNS} spawns of the peak (${Math.round(peak.ratePerS)}/s)`);
      for (let i = 0; i < spawns.length; i += 1000) {
        await Promise.all(
          spawns.slice(i, i + 1000).map((value) =>
            harness.bus.publish({
              topic: harness.topics.spawned,
              key: shardAt(value.lat, value.lng),
              schema: treasureSpawnedV1,
              value,
            }),
          ),
        );
      }
    });
    const redisCpu0 = await redisCpuSeconds(infra.redisUrl);
    const [ticks0, cpu0] = [readCpuTicks(), process.cpuUsage()];
    const loot = await drainRate(ctx, 'loot-service', SPAWNS, materialised);
    const machine = machineCpuPct(ticks0, readCpuTicks());
    const cpu = process.cpuUsage(cpu0);
    const redisCpu = (await redisCpuSeconds(infra.redisUrl)) - redisCpu0;
    const results = Object.fromEntries(
      (await harness.core.registry.getSingleMetric('loot_spawns_total')!.get()).values.map((v) => [
        `result_${String(v.labels['result'])}`,
        v.value,
      ]),
    );
    const now = Date.now();
    const sample = Array.from({ length: CHECKED }, (_, i) => spawns[Math.floor((i * spawns.length) / CHECKED)]!);
    const states = await Promise.all(
      sample.map((s) => harness.store.treasureState(shardAt(s.lat, s.lng), s.treasure_id, now)),
    );
    const live = states.filter((s) => s === 'live').length;
    if (live !== CHECKED) throw new Error(`only ${live} of ${CHECKED} sampled spawns are live in the store`);

    const bare = await bareDrain(ctx, infra, harness.topics.spawned, bareKeys, SPAWNS);
    ctx.emit({
      bench: 'loot',
      spawns: SPAWNS,
      materialised_per_s: Math.round(loot.perS),
      spawner_peak_per_s: Math.round(peak.ratePerS),
      ratio: round(loot.perS / peak.ratePerS, 2),
      bare_consumer_per_s: Math.round(bare.perS),
      bare_ratio: round(loot.perS / bare.perS, 2),
      drain_s: round(loot.seconds, 1),
      cpu_us_per_spawn: round((cpu.user + cpu.system) / SPAWNS, 1),
      redis_cpu_us_per_spawn: round((redisCpu * 1e6) / SPAWNS, 1),
      ...results,
      sampled_live: `${live}/${CHECKED}`,
      machine_busy_pct: machine?.busy ?? null,
      load_avg_1m: loadAverage1m(),
    });
  } finally {
    await harness.close();
    await deleteRedisKeys(infra.redisUrl, bareKeys);
  }
}

/** Polls `count()` until it reaches `total`; the rate from its first rise to the end. */
async function drainRate(ctx: BenchContext, label: string, total: number, count: () => Promise<number>) {
  let first: { n: number; at: number } | undefined;
  await waitFor(
    `${label} to store ${total} spawns`,
    async () => {
      const n = await count();
      if (n > 0 && !first) first = { n, at: performance.now() };
      return n >= total;
    },
    180_000,
  );
  const seconds = (performance.now() - first!.at) / 1000;
  const perS = (total - first!.n) / seconds;
  ctx.log(`${label}: ${total} spawns in ${seconds.toFixed(1)} s after the first, ${Math.round(perS)}/s`);
  return { perS, seconds };
}

/** The baseline: a bare kafkajs consumer storing each message with one Redis SET. */
async function bareDrain(
  ctx: BenchContext,
  infra: { redisUrl: string; kafkaBrokers: readonly string[] },
  topic: string,
  keyPrefix: string,
  total: number,
) {
  const redis = new Redis(infra.redisUrl);
  redis.on('error', (err) => ctx.log(`bare consumer: redis: ${err.message}`));
  const kafka = new Kafka({
    clientId: 'bench-loot-bare',
    brokers: [...infra.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: keyPrefix, maxWaitTimeInMs: 250 });
  let stored = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        await redis.set(`${keyPrefix}:${message.key?.toString()}:${message.offset}`, message.value!, 'PX', 600_000);
        stored++;
      },
    });
    return await drainRate(ctx, 'bare consumer', total, async () => stored);
  } finally {
    await consumer.disconnect();
    redis.disconnect();
  }
}
