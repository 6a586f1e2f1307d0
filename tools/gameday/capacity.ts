import type { HuntConfig } from '@hunt/config-schema';
import { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1 } from '@hunt/contracts';
import { createKafkaEventBus } from '@hunt/event-bus';
import { waitFor } from '@hunt/event-bus/testing';
import { seededRandom } from '@hunt/spawn-core';
import { shardAt } from '@hunt/world';
import { drawSpawns } from '../bench/lib/shipped-world';
import type { Fleet } from './fleet';
import type { Player } from './players';

/** Spawns published to measure the pipeline: a few seconds of its work on this machine. */
const PROBE_SPAWNS = 6_000;

/**
 * Spawns per second the pipeline (Kafka -> one loot-service -> Redis) materialises on this
 * machine now: a burst of PROBE_SPAWNS real spawn events of the config's world (living its
 * treasure_ttl_s: the caller's probe config keeps that short) onto this
 * replay's spawn topic, timed from the first stored to the last by the loot-service's
 * `loot_spawns_total` (its /metrics, read directly). Used only to scale the replay; the
 * verdicts never rest on a service's own counter.
 */
export async function measurePipelineCapacity(opts: {
  fleet: Fleet;
  brokers: string[];
  prefix: string;
  config: HuntConfig;
  log: (line: string) => void;
}): Promise<number> {
  const bus = await createKafkaEventBus({
    brokers: opts.brokers,
    clientId: 'gameday-probe',
    configVersion: opts.config.version,
    topicPrefix: opts.prefix,
  });
  const metrics = opts.fleet.metricsUrl('loot-service', 'a');
  const stored = async () => sumOf(await (await fetch(metrics)).text(), 'loot_spawns_total');
  try {
    await bus.ensureTopics([TREASURE_SPAWNED_TOPIC]);
    const before = await stored();
    const spawns = drawSpawns({
      config: opts.config,
      rateAtMs: Date.now(),
      count: PROBE_SPAWNS,
      random: seededRandom(3),
      spawnedAt: () => Date.now(),
    });
    opts.log(`measuring the pipeline: ${PROBE_SPAWNS} spawns through Kafka into one loot-service`);
    await Promise.all(
      spawns.map((value) =>
        bus.publish({
          topic: TREASURE_SPAWNED_TOPIC,
          key: shardAt(value.lat, value.lng),
          schema: treasureSpawnedV1,
          value,
        }),
      ),
    );
    const firstMs = await waitFor(
      'the first probe spawn stored',
      async () => ((await stored()) > before ? Date.now() : 0),
      30_000,
      20,
    );
    const startCount = await stored();
    const doneMs = await waitFor(
      'every probe spawn stored',
      async () => ((await stored()) >= before + PROBE_SPAWNS ? Date.now() : 0),
      60_000,
      20,
    );
    return (before + PROBE_SPAWNS - startCount) / Math.max(0.001, (doneMs - firstMs) / 1000);
  } finally {
    await bus.close();
  }
}

/**
 * Nearby reads per second one hunt-api replica answers on this machine now: 32 players' reads
 * in a closed loop for 3 s (as many as it can, each waiting for the last).
 */
export async function measureApiCapacity(opts: {
  url: string;
  players: readonly Player[];
  log: (line: string) => void;
}): Promise<number> {
  const endMs = Date.now() + 3000;
  let answered = 0;
  await Promise.all(
    Array.from({ length: 32 }, async (_, w) => {
      for (let i = w; Date.now() < endMs; i += 32) {
        const p = opts.players[i % opts.players.length]!;
        const res = await fetch(`${opts.url}/v1/treasures?lat=${p.lat}&lng=${p.lng}`, {
          headers: { authorization: `Bearer ${p.token}` },
        });
        await res.arrayBuffer();
        if (res.status === 200) answered++;
      }
    }),
  );
  const rps = Math.round(answered / 3);
  opts.log(`measuring the API: ${rps} nearby reads/s (closed loop, 32 at a time)`);
  return rps;
}

/** Sum of every sample of `metric` in a Prometheus text exposition. */
export function sumOf(exposition: string, metric: string): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}
