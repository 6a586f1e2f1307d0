/**
 * Chaos: one broker of the three-node Kafka (RF 3, min.insync.replicas 2) is SIGKILLed while the
 * spawner publishes, the loot-service materialises and players win claims whose awards the relay
 * publishes. Kept by the test's own ledger: every event the spawner generated (observed at its
 * publish buffer) must reach the loot store, every claim won must have its award on the topic.
 * Prints the times to recover. tools/test/run.ts runs *.chaos.ts files alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { status, type ServiceError } from '@grpc/grpc-js';
import type { TreasureSpawnedV1 } from '@hunt/contracts';
import { editConfigText } from '@hunt/config-schema/testing';
import { parseConfig } from '@hunt/config-schema';
import { createKafkaEventBus, defineHandler, type EventBus } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { startLootHarness, type LootHarness } from '@hunt/loot/testing';
import { createMemoryCoordination, createSpawner } from '@hunt/spawning';
import { counterTotal, LIVE_SEASON, recordGenerated } from '@hunt/spawning/testing';
import {
  ensureKafkaCluster,
  killKafkaClusterNode,
  restartKafkaClusterNode,
  waitKafkaClusterFullIsr,
} from '@hunt/test-infra';
import { shardAt } from '@hunt/world';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { z } from 'zod';

const { redisUrl } = requireInfraEnv();
const RUN_AFTER_KILL_MS = 15_000;
const CONFIG_TEXT = editConfigText({ ...LIVE_SEASON, 'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 20' });

describe('the engine across a Kafka broker kill (three-node cluster)', { timeout: 240_000 }, () => {
  let brokers: string[];
  let h: LootHarness;
  let bus: EventBus;
  before(async () => {
    brokers = (await ensureKafkaCluster()).brokers;
    h = await startLootHarness({ redisUrl, kafkaBrokers: brokers, configText: CONFIG_TEXT });
    bus = await createKafkaEventBus({ brokers, clientId: 'spawner-chaos', configVersion: h.core.loaded.version });
  });
  after(async () => {
    await bus?.close();
    await h?.close();
    await waitKafkaClusterFullIsr(120_000).catch(() => {});
  });

  test('spawns, materialisation and awards all survive; the consumers catch up', async (t) => {
    const config = parseConfig(CONFIG_TEXT, 'chaos.toml');
    const spawner = createSpawner({
      config,
      bus,
      leases: createMemoryCoordination(),
      ramps: createMemoryCoordination(),
      registry: new Registry(),
      replicaId: 'chaos',
      now: Date.now,
      random: Math.random,
      logger: { warn: () => {} },
      topic: h.topics.spawned,
      options: { tickMs: 100, rampFloorPerS: 1000, bufferCapacity: 100_000 },
    });
    const events: TreasureSpawnedV1[] = [];
    const generated = recordGenerated(spawner, (e) => events.push(e));

    // Players: every 50 ms, one new player claims the oldest generated treasure not tried yet,
    // standing on it; a treasure not materialised yet (NOT_FOUND) goes back to the queue.
    const won = new Set<string>();
    const claimLatencies: number[] = [];
    let unavailable = 0;
    let tried = 0;
    let playing = true;
    const players = (async () => {
      while (playing) {
        const e = events[tried];
        if (e) {
          tried++;
          const t0 = performance.now();
          const code = await h.client
            .claim({
              player_id: uniqueName('p'),
              treasure_id: e.treasure_id,
              zone_id: e.zone_id,
              shard_id: shardAt(e.lat, e.lng),
              lat: e.lat,
              lng: e.lng,
            })
            .then(
              () => status.OK,
              (err: ServiceError) => err.code,
            );
          claimLatencies.push(performance.now() - t0);
          if (code === status.OK) won.add(e.treasure_id);
          else if (code === status.UNAVAILABLE) unavailable++;
          if (code === status.NOT_FOUND || code === status.UNAVAILABLE) events.push(e); // try again later
        }
        await sleep(50);
      }
    })();

    let killedAt = 0;
    let victim = 0;
    try {
      await spawner.start();
      await waitFor('spawns materialised and claims won', () => won.size >= 20, 60_000);
      victim = await leaderOf(brokers, h.topics.spawned, 0);
      killedAt = Date.now();
      await killKafkaClusterNode(victim);
      const wonAtKill = won.size;
      await waitFor('claims won again after the kill', () => won.size > wonAtKill + 20, 60_000);
      const winsAgainMs = Date.now() - killedAt;
      await sleep(Math.max(0, killedAt + RUN_AFTER_KILL_MS - Date.now()));
      await spawner.stop(Date.now() + 10_000);
      playing = false;
      await players;

      // Every generated spawn in the loot store (nothing lost within the buffer).
      const dropped = await counterTotal(spawner, 'dropped');
      assert.equal(dropped, 0, 'the spawner dropped events within its buffer');
      const ids = [...generated];
      const unknown = async () => {
        const states = await Promise.all(
          events
            .filter((e, i, all) => all.findIndex((x) => x.treasure_id === e.treasure_id) === i)
            .map(async (e) => ({
              id: e.treasure_id,
              s: await h.store.treasureState(shardAt(e.lat, e.lng), e.treasure_id, Date.now()),
            })),
        );
        return states.filter((x) => x.s === 'not-found').map((x) => x.id);
      };
      await waitFor('every generated spawn materialised', async () => (await unknown()).length === 0, 90_000);
      const caughtUpMs = Date.now() - killedAt;

      // Every won claim's award on the topic, read by a consumer of the test's own.
      const awarded = new Set<string>();
      const sub = await h.bus.subscribe({
        groupId: uniqueName('chaos-awards'),
        fromBeginning: true,
        handlers: [
          defineHandler({
            topic: h.topics.awarded,
            schema: z.object({ treasure_id: z.string() }).loose(),
            handle: async (v) => void awarded.add(v.treasure_id),
          }),
        ],
      });
      try {
        await waitFor('every award on the topic', () => [...won].every((id) => awarded.has(id)), 90_000);
      } finally {
        await sub.close();
      }
      const sorted = [...claimLatencies].sort((a, b) => a - b);
      t.diagnostic(
        `broker ${victim} (leader of ${h.topics.spawned}-0) killed: ${ids.length} spawns generated, all materialised ` +
          `(${caughtUpMs} ms after the kill), ${won.size} claims won, all awards on the topic; wins again ${winsAgainMs} ms ` +
          `after the kill; ${unavailable} UNAVAILABLE claims; claim p50 ${Math.round(sorted[sorted.length >> 1]!)} ms, ` +
          `max ${Math.round(sorted.at(-1)!)} ms`,
      );
    } finally {
      playing = false;
      await players;
      await spawner.halt().catch(() => {});
      if (victim) await restartKafkaClusterNode(victim);
    }
  });
});

/** The node id leading `topic`'s partition. */
async function leaderOf(brokers: string[], topic: string, partition: number): Promise<number> {
  const admin = new Kafka({ clientId: 'chaos-probe', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]!.partitions.find((p) => p.partitionId === partition)!.leader;
  } finally {
    await admin.disconnect();
  }
}
