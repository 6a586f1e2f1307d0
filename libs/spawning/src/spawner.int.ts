import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { treasureSpawnedV1 } from '@hunt/contracts';
import { createKafkaEventBus, type EventBus } from '@hunt/event-bus';
import { requireInfraEnv, uniqueName, waitFor } from '@hunt/event-bus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { connectRedis, waitReady } from '@hunt/redis-connection';
import { createRedisCoordination } from './redis/redis-coordination';
import { createSpawner, type Spawner } from './spawner';
import { counterTotal, LIVE_SEASON, spawnerTestConfig } from './testing';

const { redisUrl, kafkaBrokers } = requireInfraEnv();
const prefix = `${uniqueName('test-spawner')}:`;
const redis = connectRedis(redisUrl, () => {});
const buses: EventBus[] = [];
const spawners: Spawner[] = [];

after(async () => {
  await Promise.allSettled(spawners.map((s) => s.halt()));
  await Promise.allSettled(buses.map((b) => b.close()));
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** A spawner on real Redis leases and a real Kafka producer, publishing to `topic`. */
async function realSpawner(replicaId: string, version: number, topic: string) {
  await waitReady(redis, 5000);
  const config = spawnerTestConfig({
    ...LIVE_SEASON,
    'version = 7': `version = ${version}`,
    'base_rate_per_s = 0.5': 'base_rate_per_s = 20',
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
    log: { warn: () => {} },
    topic,
    options: { tickMs: 100, leaseTtlMs: 1500, rampFloorPerS: 100 },
  });
  spawners.push(spawner);
  return spawner;
}

/** Reads every message of a topic from the beginning until `count` arrived. */
async function readTopic(topic: string, count: number) {
  const kafka = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 250 });
  const seen: { value: string; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      seen.push({ value: message.value!.toString(), headers });
    },
  });
  try {
    await waitFor(`${count} messages on ${topic}`, () => seen.length >= count, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('spawner on real Redis and Kafka', () => {
  test('two replicas with different config versions never own one zone at once; a dead one is replaced within the lease TTL', async () => {
    const topic = uniqueName('spawned');
    const a = await realSpawner('replica-a', 7, topic);
    const b = await realSpawner('replica-b', 8, topic);
    await Promise.all([a.start(), b.start()]);
    await waitFor('both replicas own a zone', () => a.ownedZones().length === 1 && b.ownedZones().length === 1, 10_000);
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      const owned = [...a.ownedZones(), ...b.ownedZones()];
      assert.equal(new Set(owned).size, owned.length, `a zone owned twice: ${owned.join(',')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await b.halt(); // b dies without releasing its lease
    const died = Date.now();
    await waitFor('a takes over both zones', () => a.ownedZones().length === 2, 10_000);
    assert.ok(
      Date.now() - died <= 1500 + 1000,
      `took ${Date.now() - died} ms (lease TTL 1500 ms + one maintenance round)`,
    );
    await a.stop(Date.now() + 3000);
    // Every event on the topic parses with the contracts schema and carries its producer's version.
    const spawned = (await counterTotal(a, 'spawned')) + (await counterTotal(b, 'spawned'));
    assert.ok(spawned > 50, `only ${spawned} events spawned`);
    const messages = await readTopic(topic, spawned);
    for (const m of messages) {
      const event = treasureSpawnedV1.parse(JSON.parse(m.value));
      assert.equal(m.headers['config-version'], String(event.config_version));
      assert.ok([7, 8].includes(event.config_version));
    }
  });
});
