/**
 * `npm run -s bench -- spawner`: one spawner replica over the shipped world (config/hunt.toml,
 * about 2,300 cells in 74 shards) publishing into the real local Kafka (tools/infra), each part
 * BENCH_SECONDS (default 15) after a 2 s warm-up; the baseline is a bare kafkajs producer sending
 * the spawner's own events in the same run (bare-producer.ts):
 * - spawner-peak: the season's busiest minute (late season, happy hour; about 1,300/s, under the
 *   1,600/s cap): published rate vs demand, lease and ramp calls per second, tick CPU per cell,
 *   and the process's CPU vs the bare producer's at the same rate with the same events.
 * - spawner-3x: the story's change (base_density_per_km2_s x3, about 3,900/s asked) at the same
 *   instant: the published rate must stay within 1 % of throttle_cap_per_s.
 * - spawner-max: the same world asking 80,000/s with no cap: the most events/s the spawner gets
 *   acknowledged, vs the bare producer's most with the same events.
 * - spawner-max-3broker: spawner-max on tools/infra's three-node Kafka (KRaft, RF 3,
 *   min.insync.replicas 2: every batch written to three logs, acknowledged by two), vs a bare
 *   producer on the same cluster, and `ratio_to_single_broker` against spawner-max of this run.
 */
import { parseConfig, type HuntConfig } from '@hunt/config-schema';
import { editConfigText } from '@hunt/config-schema/testing';
import { uniqueName } from '@hunt/event-bus/testing';
import { ensureInfra, ensureKafkaCluster, stopKafkaCluster } from '@hunt/test-infra';
import { readFileSync } from 'node:fs';
import type { BenchContext } from '../lib/bench-module';
import { deleteTopics } from '../lib/kafka-topics';
import { loadAverage1m, machineCpuPct, readCpuTicks } from '../lib/proc-stat';
import { peakOf, SHIPPED_CONFIG_FILE } from '../lib/shipped-world';
import { round } from '../lib/stats';
import { startBareProducer } from './bare-producer';
import { runSpawner, type SpawnerRunResult, type SpawnerRunSpec } from './run-spawner';

const SECONDS = Number(process.env['BENCH_SECONDS'] || 15);
const WARMUP_S = 2;
/** Partitions of hunt.treasure-spawned.v1 in deploy/k8s/base/kafka-topics.yaml. */
const PARTITIONS = 12;
const MAX_DEMAND_PER_S = 80_000;
/** The spawner's default tick (libs/spawning DEFAULT_SPAWNER_OPTIONS), for the paced baseline. */
const TICK_MS = 250;

export async function run(ctx: BenchContext): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS']?.split(',') ?? (await ensureInfra()).kafkaBrokers;
  const text = readFileSync(SHIPPED_CONFIG_FILE, 'utf8');
  const configWith = (edits: Record<string, string>): HuntConfig =>
    parseConfig(editConfigText(edits, text), SHIPPED_CONFIG_FILE);
  const shipped = configWith({});
  const density = shipped.spawn.base_density_per_km2_s;
  const peak = peakOf(shipped);
  const at = new Date(peak.atMs).toISOString();
  ctx.log(`peak ${Math.round(peak.ratePerS)}/s at ${at}; ${SECONDS} s per part`);
  const topicPrefix = uniqueName('bench-spawner');
  const base = {
    brokers,
    topicPrefix,
    partitions: PARTITIONS,
    startAtMs: peak.atMs,
    warmupS: WARMUP_S,
    seconds: SECONDS,
  };
  const measure = async (spec: SpawnerRunSpec) => {
    const ticks0 = readCpuTicks();
    const r = await runSpawner(spec);
    const machine = machineCpuPct(ticks0, readCpuTicks());
    ctx.log(
      `${spec.label}: ${Math.round(r.publishedPerS)}/s published of ${Math.round(r.targetPerS)}/s asked, ${r.dropped} dropped, ${r.throttled} throttled`,
    );
    return { ...r, machineBusyPct: machine?.busy ?? null, load: loadAverage1m() };
  };
  const bare = await startBareProducer(brokers, `${topicPrefix}.bare`, PARTITIONS);

  try {
    const atPeak = await measure({ ...base, label: 'peak', config: shipped, capture: 50_000 });
    const paced = await bare.paced(atPeak.captured, atPeak.publishedPerS, SECONDS, TICK_MS);
    ctx.log(`bare producer at ${Math.round(paced.ackedPerS)}/s: ${Math.round(paced.cpuPct)} % CPU`);
    const expected = Math.min(atPeak.targetPerS, shipped.spawn.throttle_cap_per_s);
    ctx.emit({
      bench: 'spawner-peak',
      at,
      target_per_s: Math.round(atPeak.targetPerS),
      published_per_s: round(atPeak.publishedPerS, 1),
      error_pct: round((Math.abs(atPeak.publishedPerS - expected) / expected) * 100, 2),
      ...figures(atPeak),
      // Nothing is throttled or dropped at the peak: every event the ticks rolled was published.
      tick_us_per_event: round(atPeak.tickCpuUs / (atPeak.ackedPerS * SECONDS), 2),
      cpu_pct: Math.round(atPeak.cpuPct),
      bare_producer_cpu_pct: Math.round(paced.cpuPct),
      cpu_ratio: round(atPeak.cpuPct / paced.cpuPct, 2),
    });

    const tripled = configWith({ [`base_density_per_km2_s = ${density}`]: `base_density_per_km2_s = ${density * 3}` });
    const x3 = await measure({ ...base, label: 'x3', config: tripled });
    const cap = tripled.spawn.throttle_cap_per_s;
    ctx.emit({
      bench: 'spawner-3x',
      at,
      target_per_s: Math.round(x3.targetPerS),
      cap_per_s: cap,
      published_per_s: round(x3.publishedPerS, 1),
      cap_error_pct: round((Math.abs(x3.publishedPerS - cap) / cap) * 100, 2),
      ...figures(x3),
      cpu_pct: Math.round(x3.cpuPct),
    });

    const flood = configWith({
      [`base_density_per_km2_s = ${density}`]: `base_density_per_km2_s = ${(density * MAX_DEMAND_PER_S) / peak.ratePerS}`,
      [`throttle_cap_per_s = ${shipped.spawn.throttle_cap_per_s}`]: 'throttle_cap_per_s = 1000000',
      [`bus_events_per_s = ${shipped.limits.bus_events_per_s}`]: 'bus_events_per_s = 1000000',
    });
    // As the bench always ran it: short ticks, a bounded buffer that drops what Kafka cannot take.
    const options = { tickMs: 50, bufferCapacity: 50_000, burstSeconds: 0.2 };
    const max = await measure({ ...base, label: 'max', config: flood, options });
    const bareMax = await bare.flat(atPeak.captured, 1, SECONDS);
    ctx.log(`bare producer flat out: ${Math.round(bareMax)}/s`);
    ctx.emit({
      bench: 'spawner-max',
      demand_per_s: Math.round(max.targetPerS),
      max_events_per_s: Math.round(max.ackedPerS),
      bare_kafkajs_events_per_s: Math.round(bareMax),
      ratio: round(max.ackedPerS / bareMax, 2),
      dropped: max.dropped,
      ...figures(max),
    });

    const cluster = await ensureKafkaCluster({ log: (m) => ctx.log(m) });
    const bare3 = await startBareProducer(cluster.brokers, `${topicPrefix}.bare`, PARTITIONS);
    try {
      const max3 = await measure({
        ...base,
        brokers: cluster.brokers,
        label: 'max-3brokers',
        config: flood,
        options,
      });
      const bare3Max = await bare3.flat(atPeak.captured, 1, SECONDS);
      ctx.log(`bare producer flat out on 3 brokers: ${Math.round(bare3Max)}/s`);
      ctx.emit({
        bench: 'spawner-max-3broker',
        brokers: 3,
        replication_factor: 3,
        min_insync_replicas: 2,
        max_events_per_s: Math.round(max3.ackedPerS),
        bare_kafkajs_events_per_s: Math.round(bare3Max),
        ratio: round(max3.ackedPerS / bare3Max, 2),
        ratio_to_single_broker: round(max3.ackedPerS / max.ackedPerS, 2),
        dropped: max3.dropped,
        ...figures(max3),
      });
    } finally {
      await bare3.close();
      await deleteTopics(cluster.brokers, topicPrefix);
      if (cluster.started) await stopKafkaCluster();
    }
  } finally {
    await bare.close();
    await deleteTopics(brokers, topicPrefix);
  }
}

/** What every part reports beside its rates. */
function figures(r: SpawnerRunResult & { machineBusyPct: number | null; load: number }) {
  const calls = r.coordinationCallsPerS;
  const lease = calls.acquire + calls.renew + calls.release + calls.heartbeat + calls.leave;
  return {
    lease_ops_per_s: round(lease, 1),
    ramp_ops_per_s: round(calls.read + calls.write, 1),
    renew_per_s: round(calls.renew, 1),
    heartbeat_per_s: round(calls.heartbeat, 1),
    tick_us_per_cell: round(r.tickCpuUs / (r.ticks * r.ownedCells), 3),
    tick_ms: round(r.tickCpuUs / r.ticks / 1000, 2),
    ticks: r.ticks,
    owned_shards: r.ownedShards,
    owned_cells: r.ownedCells,
    topic_matches_ledger: r.onTopic === r.ledger,
    seconds: SECONDS,
    machine_busy_pct: r.machineBusyPct,
    load_avg_1m: r.load,
  };
}
