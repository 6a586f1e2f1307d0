/**
 * The shipped world's steady state in a hunt-api replica's nearby index, and what it costs: live
 * treasures = the base rate x the TTL (about 200,000), drawn as the spawner draws them, delivered
 * through the replica's own feed code (startNearbyFeed over an in-memory bus: the same encode,
 * decode, validation and mapping as from Kafka, so the index holds the very objects a replica
 * fed by Kafka holds), without loading the shared Kafka and the loot-service with them.
 *
 * Memory: heap used after a full GC (`gc()` exposed through v8.setFlagsFromString('--expose-gc'))
 * after the fill, minus the same before it, divided by the count. It covers the index's maps and
 * the treasure objects and strings; not the JSON prefix a read caches per treasure it lists
 * (libs/hunt wire.ts), which nearby.ts measures apart with settledHeap.
 */
import { treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import type { HuntConfig } from '@hunt/config-schema';
import { createInMemoryEventBus } from '@hunt/event-bus';
import { waitFor } from '@hunt/event-bus/testing';
import { startNearbyFeed, type NearbyIndex } from '@hunt/hunt';
import { shardAt } from '@hunt/world';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { baseInstant, drawSpawns, totalRate } from '../lib/shipped-world';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * The steady state as it will be `leadMs` from now (spawn times uniform over the TTL ending
 * then), so that no treasure expires while the benchmark reads: the count stays the steady one.
 */
export async function fillSteadyState(opts: {
  index: NearbyIndex;
  config: HuntConfig;
  random: () => number;
  leadMs: number;
}): Promise<{ live: number; heapBytesPerTreasure: number; fillS: number }> {
  const { config, index } = opts;
  const ttlMs = config.spawn.treasure_ttl_s * 1000;
  const at = baseInstant(config);
  const count = Math.round(totalRate(config, at) * config.spawn.treasure_ttl_s);
  const before = index.size();
  const heap0 = heapAfterGc();
  const t0 = performance.now();
  const nowMs = Date.now();
  await feed(index, config, () =>
    drawSpawns({
      config,
      rateAtMs: at,
      count,
      random: opts.random,
      spawnedAt: () => nowMs + opts.leadMs - opts.random() * ttlMs,
    }),
  );
  const fillS = (performance.now() - t0) / 1000;
  const live = index.size() - before;
  return { live, heapBytesPerTreasure: Math.round(((await settledHeap()) - heap0) / live), fillS };
}

/** Publishes the spawns and waits for the feed to deliver them; they and the bus live only in this call. */
async function feed(index: NearbyIndex, config: HuntConfig, draw: () => TreasureSpawnedV1[]): Promise<void> {
  const spawns = draw();
  const bus = createInMemoryEventBus({ configVersion: config.version });
  const topics = { spawned: 'fill.spawned', awarded: 'fill.awarded' };
  const target = index.size() + spawns.length;
  // The replica's own feed sweeps its index; this one only delivers.
  const fill = await startNearbyFeed({
    bus,
    index,
    now: Date.now,
    treasureTtlS: config.spawn.treasure_ttl_s,
    topics,
    groupId: 'bench-fill',
    sweepIntervalMs: 2_000_000_000,
  });
  for (const value of spawns) {
    await bus.publish({ topic: topics.spawned, key: shardAt(value.lat, value.lng), schema: treasureSpawnedV1, value });
  }
  await waitFor('the nearby index to hold the steady state', () => index.size() >= target, 120_000);
  await fill.close();
  await bus.close();
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Heap used once what the fill left pending is gone: right after it, some runs still held the
 * spawns and the bus's log (together about 450 B a message) for up to a second. Measured every
 * 500 ms until two readings agree within 1 %.
 */
export async function settledHeap(): Promise<number> {
  let last = heapAfterGc();
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const next = heapAfterGc();
    if (Math.abs(next - last) <= 0.01 * last) return Math.min(next, last);
    last = next;
  }
  return last;
}
