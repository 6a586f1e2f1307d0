/**
 * `npm run -s bench -- spawner`: the spawner publishing into the real local Kafka (tools/infra).
 *
 * - max_events_per_s: curves that ask for far more than the bus can take, an unlimited cap,
 *   for BENCH_SECONDS (default 20): events Kafka acknowledged per second. The publish buffer
 *   is bounded, so what cannot be published in time is dropped and counted, never queued.
 * - cap_error_pct: demand of 3x a cap of CAP_PER_S (default 5,000/s) for the same time: how far
 *   the published rate (after the first second, which includes the burst) is from the cap.
 */
import { createKafkaEventBus } from '@hunt/event-bus';
import { seededRandom } from '@hunt/spawn-core';
import { createMemoryCoordination, createSpawner } from '@hunt/spawning';
import { spawnerTestConfig } from '@hunt/spawning/testing';
import { ensureInfra } from '@hunt/test-infra';
import { Registry } from 'prom-client';
import type { BenchContext } from '../lib/bench-module';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CAP = Number(process.env['CAP_PER_S'] ?? 5000);

/** Runs one spawner for SECONDS with zones alpha and beta each asking for `ratePerZone`. */
async function runSpawner(ctx: BenchContext, brokers: string[], label: string, ratePerZone: number, cap: number) {
  const config = spawnerTestConfig({
    'base_rate_per_s = 0.5': 'base_rate_per_s = 1000',
    'weight = 1.0': `weight = ${ratePerZone / 1000}`,
    'weight = 2.0': `weight = ${ratePerZone / 1000}`,
    'throttle_cap_per_s = 100': `throttle_cap_per_s = ${cap}`,
    'ramp_per_minute = 1.5': 'ramp_per_minute = 1000.0',
  });
  const topic = `bench-spawned-${Date.now().toString(36)}`;
  const bus = await createKafkaEventBus({
    brokers,
    clientId: `bench-${label}`,
    configVersion: config.version,
    partitions: 2,
  });
  await bus.ensureTopics([topic]);
  const registry = new Registry();
  const coordination = createMemoryCoordination();
  const now = () => Date.parse('2026-01-10T12:00:00Z') + Math.floor(performance.now());
  const spawner = createSpawner({
    config,
    bus,
    leases: coordination,
    ramps: coordination,
    registry,
    replicaId: 'bench',
    now,
    random: seededRandom(1),
    logger: { warn: () => {} },
    topic,
    options: { tickMs: 50, rampFloorPerS: 1e6, bufferCapacity: 50_000, burstSeconds: 0.2 },
  });
  const spawned = async () => (await spawner.metrics.spawned.get()).values.reduce((a, v) => a + v.value, 0);
  await spawner.start();
  ctx.log(`${label}: spawning into ${topic}`);
  await new Promise((r) => setTimeout(r, 1000));
  const [n0, t0] = [await spawned(), performance.now()];
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const [n1, t1] = [await spawned(), performance.now()];
  const dropped = (await spawner.metrics.dropped.get()).values.reduce((a, v) => a + v.value, 0);
  const throttled = (await spawner.metrics.throttled.get()).values.reduce((a, v) => a + v.value, 0);
  await spawner.stop(now() + 3000);
  await bus.close();
  const rate = (n1 - n0) / ((t1 - t0) / 1000);
  ctx.log(
    `${label}: ${Math.round(rate)} events/s acknowledged, ${dropped} dropped (buffer full), ${throttled} throttled`,
  );
  return { rate, dropped, throttled };
}

export async function run(ctx: BenchContext): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS']?.split(',') ?? (await ensureInfra()).kafkaBrokers;
  // Two zones x 40,000/s of demand, far above what one broker takes here.
  const max = await runSpawner(ctx, brokers, 'max', 40_000, 1_000_000);
  // Demand 3x the cap: 2 zones x 1.5 x cap.
  const capped = await runSpawner(ctx, brokers, 'cap', 1.5 * CAP, CAP);
  ctx.emit({
    bench: 'spawner',
    max_events_per_s: Math.round(max.rate),
    cap_per_s: CAP,
    published_at_cap_per_s: Math.round(capped.rate),
    cap_error_pct: Number(((Math.abs(capped.rate - CAP) / CAP) * 100).toFixed(2)),
    seconds: SECONDS,
    dropped_at_max: max.dropped,
  });
}
