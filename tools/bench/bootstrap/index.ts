/**
 * `npm run -s bench -- bootstrap`: how long a new hunt-api replica's nearby index takes to be
 * ready when the spawn topic holds BOOTSTRAP_MINUTES (default 30) of spawns at BOOTSTRAP_RATE
 * (default 500/s, city scale: 900K spawns; costs scale linearly with it) and the award topic one
 * award per 20 spawns, TTL 600 s. history.ts writes it into topics of this run's own prefix on
 * the real local Kafka; they are removed afterwards.
 *
 * Ready = the feed has handed the index every message it will read of that history (counted at
 * the index; the expected counts come from the generator, by message timestamp), then the
 * index must list exactly the live, unclaimed treasures. Each run is a new consumer group.
 * Emits one line per range:
 *  - bootstrap-bounded: the feed as it runs (spawns from now - ttl, awards 10 min earlier), with
 *    `kafkajs_ms`, the baseline: a bare kafkajs consumer (eachMessage doing nothing but count)
 *    reading the same range of both topics, placed at the same offsets by timestamp;
 *  - bootstrap-full: the same feed placed at the beginning of retention (a TTL reaching back
 *    past the first message), which is what its former fromBeginning subscription read;
 * then a `bootstrap` summary line. Runs: bounded, full, bounded (figures: the best run of each;
 * the `_runs` fields list all, with this process's and the other processes' CPU). About 1 min
 * on 2 quiet cores; up to 2.5 min when other tenants take most of them (BOOTSTRAP_RATE=250
 * halves it).
 */
import { randomUUID } from 'node:crypto';
import { LOOT_AWARDED_TOPIC, TREASURE_SPAWNED_TOPIC } from '@hunt/contracts';
import { createKafkaEventBus } from '@hunt/event-bus';
import { uniqueName } from '@hunt/event-bus/testing';
import { AWARD_LEAD_MS, createNearbyIndex, startNearbyFeed, type NearbyIndex } from '@hunt/hunt';
import { ensureInfra } from '@hunt/test-infra';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { BenchContext } from '../lib/bench-module';
import { deleteTopics } from '../lib/kafka-topics';
import { loadAverage1m, machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { topicsOf, writeHistory, type HistoryCounts } from './history';

const MINUTES = Number(process.env['BOOTSTRAP_MINUTES'] ?? 30);
const RATE = Number(process.env['BOOTSTRAP_RATE'] ?? 500);
const TTL_S = 600;
const PARTITIONS = 3;

interface Run {
  /** The baseline over the same range (the bounded one only: the full one would add ~15 s). */
  readonly kafkajsMs: number | null;
  readonly feedMs: number;
  /** This process's CPU and the rest of the machine's during the feed's run, in % of one core. */
  readonly ownCpuPct: number;
  /** This process's CPU seconds for it: the figure that other tenants' load disturbs least. */
  readonly ownCpuS: number;
  readonly otherCpuPct: number | null;
}

interface Range {
  readonly name: 'bounded' | 'full';
  readonly spawnFromMs: number;
  readonly awardFromMs: number;
  /** What the feed is told: the real TTL, or one reaching back past the whole history. */
  readonly ttlS: number;
}

export async function run(ctx: BenchContext): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS']?.split(',') ?? (await ensureInfra()).kafkaBrokers;
  const prefix = uniqueName('bench-bootstrap');
  const topics = topicsOf(prefix);
  const kafka = new Kafka({ brokers, clientId: 'bench-bootstrap', logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const bus = await createKafkaEventBus({
    brokers,
    clientId: 'bench-bootstrap',
    configVersion: 1,
    partitions: PARTITIONS,
    topicPrefix: prefix,
  });
  await producer.connect();
  try {
    const endMs = Date.now();
    await bus.ensureTopics([TREASURE_SPAWNED_TOPIC, LOOT_AWARDED_TOPIC]);
    ctx.log(`writing ${MINUTES} min of spawns at ${RATE}/s into ${topics.spawnTopic}`);
    const t0 = performance.now();
    const counts = await writeHistory(producer, {
      ...{ minutes: MINUTES, ratePerS: RATE, ttlS: TTL_S, endMs, partitions: PARTITIONS },
      ...topics,
    });
    const fillS = (performance.now() - t0) / 1000;
    ctx.log(`wrote ${counts.spawns} spawns and ${counts.awards} awards in ${fillS.toFixed(1)} s`);

    const ranges: Range[] = [
      {
        name: 'bounded',
        spawnFromMs: endMs - TTL_S * 1000,
        awardFromMs: endMs - TTL_S * 1000 - AWARD_LEAD_MS,
        ttlS: TTL_S,
      },
      { name: 'full', spawnFromMs: 0, awardFromMs: 0, ttlS: Math.ceil(endMs / 1000) },
    ];
    // The bounded range before and after the full one: other tenants' load shifts within a run.
    const runs: Record<Range['name'], Run[]> = { bounded: [], full: [] };
    for (const range of [ranges[0]!, ranges[1]!, ranges[0]!]) {
      const kafkajsMs = range.name === 'bounded' ? await bareConsumer(kafka, topics, range, counts) : null;
      const feed = await timeFeed(bus, range, counts, endMs);
      runs[range.name].push({ kafkajsMs, ...feed });
      ctx.log(`${range.name}: feed ${Math.round(feed.feedMs)} ms, bare kafkajs ${kafkajsMs?.toFixed(0) ?? '-'} ms`);
    }
    const best = (name: Range['name'], field: 'feedMs' | 'kafkajsMs') => {
      const ms = runs[name].flatMap((r) => r[field] ?? []);
      return ms.length > 0 ? Math.min(...ms) : null;
    };
    for (const range of ranges) {
      const events = counts.spawnsSince(range.spawnFromMs) + counts.awardsSince(range.awardFromMs);
      const list = (pick: (r: Run) => number | null) => runs[range.name].map((r) => String(pick(r))).join(' ');
      const [feedMs, kafkajsMs] = [best(range.name, 'feedMs')!, best(range.name, 'kafkajsMs')];
      ctx.emit({
        bench: `bootstrap-${range.name}`,
        ready_ms: Math.round(feedMs),
        ready_ms_runs: list((r) => Math.round(r.feedMs)),
        events_read: events,
        events_per_s: Math.round(events / (feedMs / 1000)),
        kafkajs_ms: kafkajsMs === null ? null : Math.round(kafkajsMs),
        kafkajs_ms_runs: kafkajsMs === null ? null : list((r) => Math.round(r.kafkajsMs!)),
        ratio: kafkajsMs === null ? null : Number((feedMs / kafkajsMs).toFixed(2)),
        own_cpu_s_runs: list((r) => r.ownCpuS),
        own_cpu_pct_runs: list((r) => r.ownCpuPct),
        other_cpu_pct_runs: list((r) => r.otherCpuPct),
      });
    }
    ctx.emit({
      bench: 'bootstrap',
      history_min: MINUTES,
      rate_per_s: RATE,
      ttl_s: TTL_S,
      partitions: PARTITIONS,
      spawns: counts.spawns,
      awards: counts.awards,
      live: counts.live,
      fill_s: Number(fillS.toFixed(1)),
      load_1m: loadAverage1m(),
      speedup: Number((best('full', 'feedMs')! / best('bounded', 'feedMs')!).toFixed(1)),
    });
  } finally {
    await bus.close();
    await producer.disconnect();
    await deleteTopics(brokers, prefix);
  }
}

/** A new replica's feed over the history: ms from startNearbyFeed until it handed over the range. */
async function timeFeed(
  bus: Parameters<typeof startNearbyFeed>[0]['bus'],
  range: Range,
  counts: HistoryCounts,
  endMs: number,
) {
  const expected = counts.spawnsSince(range.spawnFromMs) + counts.awardsSince(range.awardFromMs);
  const base = createNearbyIndex();
  let handed = 0;
  let done!: () => void;
  const complete = new Promise<void>((resolve) => (done = resolve));
  const count = () => void (++handed === expected && done());
  const index: NearbyIndex = {
    ...base,
    add: (...args: Parameters<NearbyIndex['add']>) => (base.add(...args), count()),
    claimed: (...args: Parameters<NearbyIndex['claimed']>) => (base.claimed(...args), count()),
  };
  const [cpu0, ticks0, t0] = [process.cpuUsage(), readCpuTicks(), performance.now()];
  const feed = await startNearbyFeed({
    bus,
    index,
    now: () => endMs,
    treasureTtlS: range.ttlS,
    groupId: `bench-${randomUUID()}`,
    sweepIntervalMs: 3_600_000,
  });
  await complete;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const machine = machineCpuPct(ticks0, readCpuTicks());
  await feed.close();
  if (handed !== expected || base.size() !== counts.live) {
    throw new Error(
      `${range.name}: the index got ${handed}/${expected} events and lists ${base.size()}, not ${counts.live}`,
    );
  }
  const ownCpuPct = Math.round(((cpu.user + cpu.system) / 1000 / ms) * 100);
  return {
    feedMs: ms,
    ownCpuPct,
    ownCpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    otherCpuPct: machine ? Math.max(0, machine.busy - ownCpuPct) : null,
  };
}

/** The baseline: a bare kafkajs consumer reading the same range, placed by the same lookup. */
async function bareConsumer(
  kafka: Kafka,
  topics: { spawnTopic: string; awardTopic: string },
  range: Range,
  counts: HistoryCounts,
) {
  const expected = counts.spawnsSince(range.spawnFromMs) + counts.awardsSince(range.awardFromMs);
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}`, maxWaitTimeInMs: 250 });
  let read = 0;
  let done!: () => void;
  const complete = new Promise<void>((resolve) => (done = resolve));
  const t0 = performance.now();
  await Promise.all([admin.connect(), consumer.connect()]);
  const starts = await Promise.all(
    [
      [topics.spawnTopic, range.spawnFromMs],
      [topics.awardTopic, range.awardFromMs],
    ].map(async ([topic, ms]) => ({
      topic: topic as string,
      offsets: await admin.fetchTopicOffsetsByTimestamp(topic as string, ms as number),
    })),
  );
  await consumer.subscribe({ topics: starts.map((s) => s.topic), fromBeginning: true });
  await consumer.run({ eachMessage: async () => void (++read === expected && done()) });
  for (const { topic, offsets } of starts) for (const p of offsets) consumer.seek({ topic, ...p });
  await complete;
  const ms = performance.now() - t0;
  await Promise.all([consumer.disconnect(), admin.disconnect()]);
  return ms;
}
