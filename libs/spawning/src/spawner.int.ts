import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { Registry } from 'prom-client';
import { closeRedis, connectRedis, waitReady } from '@hunt/redis-connection';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { createRedisCoordination } from './redis/redis-coordination';
import { createSpawner, type Spawner } from './spawner';
import { readSpawnedTopic, recordGenerated, type TopicMessage } from './testing/spawn-ledger';
import { LIVE_SEASON, spawnerTestConfig } from './testing/spawner-harness';
import { createShardRates } from '@hunt/spawn-core';
import { shardAt } from '@hunt/world';

/** The test world's shards (both replicas run the same world; versions differ only in their stamp). */
const SHARDS = createShardRates(spawnerTestConfig()).shardIds;

const { redisUrl, kafkaBrokers } = requireInfraEnv();
const prefix = uniqueName('test-spawner');
const redis = connectRedis(redisUrl, () => {});
const buses: EventBus[] = [];
const spawners: Spawner[] = [];

after(async () => {
  await Promise.allSettled(spawners.map((s) => s.halt()));
  await Promise.allSettled(buses.map((b) => b.close()));
  await closeRedis(redis);
  await deleteRedisKeys(redisUrl, prefix);
});

/** A spawner on real Redis leases and a real Kafka producer, publishing to `topic`. */
async function realSpawner(replicaId: string, version: number, topic: string) {
  await waitReady(redis, 5000);
  const config = spawnerTestConfig({
    ...LIVE_SEASON,
    'version = 7': `version = ${version}`,
    'base_density_per_km2_s = 0.5': 'base_density_per_km2_s = 20',
  });
  const bus = await createKafkaEventBus({ brokers: kafkaBrokers, clientId: replicaId, configVersion: version });
  buses.push(bus);
  await bus.ensureTopics([topic]);
  const coordination = createRedisCoordination(redis, prefix);
  const spawner = createSpawner({
    config,
    bus,
    leases: coordination,
    ramps: coordination,
    registry: new Registry(),
    replicaId,
    now: Date.now,
    random: Math.random,
    logger: { warn: () => {} },
    topic,
    options: { tickMs: 100, leaseTtlMs: 1500, rampFloorPerS: 100 },
  });
  spawners.push(spawner);
  return spawner;
}

/**
 * Samples which replicas own each shard every few ms (ownership lasts at least one maintenance
 * round, 500 ms here, so no ownership goes unseen). Records every instant a shard had two
 * owners, and per shard the sequence of distinct owners: its handovers.
 */
function sampleOwnership(replicas: Readonly<Record<string, Spawner>>) {
  const owners = new Map<string, string[]>();
  const overlaps: string[] = [];
  const timer = setInterval(() => {
    const byZone = new Map<string, string[]>();
    for (const [name, s] of Object.entries(replicas)) {
      for (const zone of s.ownedShards()) byZone.set(zone, [...(byZone.get(zone) ?? []), name]);
    }
    for (const [zone, names] of byZone) {
      if (names.length > 1) overlaps.push(`${zone}: ${names.join('+')}`);
      const seq = owners.get(zone) ?? owners.set(zone, []).get(zone)!;
      if (seq.at(-1) !== names[0]) seq.push(names[0]!);
    }
  }, 5);
  return {
    overlaps,
    handovers: (zone: string) => Math.max(0, (owners.get(zone)?.length ?? 0) - 1),
    stop: () => clearInterval(timer),
  };
}

/** Per shard, the config versions of its spawns in spawn order (first copy of each id). */
function producersByShard(messages: readonly TopicMessage[]): Map<string, string[]> {
  const ids = new Set<string>();
  const unique = messages.filter((m) => !ids.has(m.event.treasure_id) && ids.add(m.event.treasure_id));
  // Spawn time, not offset: the old owner's last batch may reach the broker after the new
  // owner's first without any overlap in spawning. Ties keep broker order.
  unique.sort((x, y) => x.event.spawned_at - y.event.spawned_at || x.offset - y.offset);
  const byZone = new Map<string, string[]>();
  for (const m of unique) {
    const shard = shardAt(m.event.lat, m.event.lng);
    const seq = byZone.get(shard) ?? byZone.set(shard, []).get(shard)!;
    seq.push(m.configVersion ?? '?');
  }
  return byZone;
}

const switches = (seq: readonly string[]) => seq.filter((v, i) => i > 0 && v !== seq[i - 1]).length;

describe('spawner on real Redis and Kafka', () => {
  test('two replicas with different config versions never own one shard at once; a dead one is replaced within the lease TTL', async (t) => {
    const topic = uniqueName('spawned');
    const a = await realSpawner('replica-a', 7, topic);
    const b = await realSpawner('replica-b', 8, topic);
    const generated = { '7': recordGenerated(a), '8': recordGenerated(b) };
    // Sampled from before the first lease is taken until after the takeover is complete.
    const sampler = sampleOwnership({ a, b });
    try {
      await Promise.all([a.start(), b.start()]);
      const shards = SHARDS.length;
      await waitFor(
        'both replicas own their half',
        () =>
          a.ownedShards().length + b.ownedShards().length === shards &&
          b.ownedShards().length >= Math.floor(shards / 2),
      );
      await waitFor('both replicas spawning', () => generated['7'].size >= 40 && generated['8'].size >= 40);
      await b.halt(); // b dies without releasing its lease
      const died = Date.now();
      await waitFor('a takes over every shard', () => a.ownedShards().length === shards, 10_000);
      const tookMs = Date.now() - died;
      assert.ok(tookMs <= 1500 + 1000, `took ${tookMs} ms (lease TTL 1500 ms + one maintenance round)`);
      const atTakeover = generated['7'].size;
      await waitFor('a spawning every shard', () => generated['7'].size >= atTakeover + 20);
    } finally {
      sampler.stop();
    }
    assert.deepEqual(sampler.overlaps.slice(0, 5), [], 'a shard was owned by both replicas at one instant');
    assert.equal((await a.stop(Date.now() + 3000)).unflushed, 0);

    // Once a's last events (of every shard, so in every shard's partition) are read, so is every
    // event b got onto the topic before it died.
    const messages = await readSpawnedTopic(kafkaBrokers, topic, (seen) => {
      const ids = new Set(seen.map((m) => m.event.treasure_id));
      return [...generated['7']].every((id) => ids.has(id));
    });
    const onTopic = new Set(messages.map((m) => m.event.treasure_id));
    const missingOfA = [...generated['7']].filter((id) => !onTopic.has(id)).length;
    assert.equal(missingOfA, 0, `${missingOfA} of a's ${generated['7'].size} events never reached the topic`);
    for (const m of messages) {
      assert.equal(m.configVersion, String(m.event.config_version));
      assert.ok(
        generated[m.configVersion as '7' | '8']?.has(m.event.treasure_id),
        `${m.event.treasure_id}: not its producer's`,
      );
    }
    const byShard = producersByShard(messages);
    assert.deepEqual(new Set(messages.map((m) => m.configVersion)), new Set(['7', '8']), 'both versions published');
    assert.deepEqual([...byShard.keys()].sort(), [...SHARDS]);
    for (const [shard, seq] of byShard) {
      const runs = seq.filter((v, i) => i === 0 || v !== seq[i - 1]);
      t.diagnostic(`${shard}: ${seq.length} spawns, producers in order ${runs.join(' > ')}`);
      // Each handover may switch the producer once; two owners spawning by turns switch on every tick.
      assert.ok(
        switches(seq) <= sampler.handovers(shard) && sampler.handovers(shard) <= 2,
        `${shard}: producers ${runs.join(' > ')} after ${sampler.handovers(shard)} handovers`,
      );
    }
  });
});
