/**
 * Two deployments on one Kafka cluster (staging and a load test, two `npm start` runs) use the
 * same logical topics and groups; KAFKA_TOPIC_PREFIX (the bus's `topicPrefix`) must keep each
 * one's events to itself, as REDIS_KEY_PREFIX does in Redis.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { defineHandler, type EventBus } from '../port';
import { requireInfraEnv, uniqueName, waitFor } from '../testing/wait-for';
import { createKafkaEventBus } from './kafka-bus';

const { kafkaBrokers } = requireInfraEnv();
const topic = uniqueName('scoped-topic');
const group = 'scoped-group';
const [staging, loadTest] = [uniqueName('staging'), uniqueName('loadtest')];
const buses: EventBus[] = [];
const admin = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin();

after(async () => {
  await Promise.all(buses.map((b) => b.close()));
  const ours = (await admin.listTopics()).filter((t) => t.includes(topic));
  await admin.deleteTopics({ topics: ours }).catch(() => {});
  await admin.disconnect();
});

async function deployment(prefix: string) {
  const bus = await createKafkaEventBus({
    brokers: kafkaBrokers,
    clientId: prefix,
    configVersion: 1,
    partitions: 1,
    topicPrefix: prefix,
  });
  buses.push(bus);
  await bus.ensureTopics([topic]);
  const seen: { value: string; metaTopic: string }[] = [];
  await bus.subscribe({
    groupId: group, // the same logical group in both deployments
    fromBeginning: true,
    handlers: [
      defineHandler({
        topic,
        schema: z.object({ from: z.string() }),
        handle: async (value, meta) => void seen.push({ value: value.from, metaTopic: meta.topic }),
      }),
    ],
  });
  return { bus, seen };
}

test('deployments with their own topic prefix never see each other', async () => {
  await admin.connect();
  const a = await deployment(staging);
  const b = await deployment(loadTest);
  const schema = z.object({ from: z.string() });
  for (let i = 0; i < 5; i++) {
    await a.bus.publish({ topic, key: 'z', schema, value: { from: staging } });
    await b.bus.publish({ topic, key: 'z', schema, value: { from: loadTest } });
  }
  await waitFor('both deployments to consume their 5 events', () => a.seen.length >= 5 && b.seen.length >= 5);
  // A marker published last in each: once it arrived, anything crossing over would have too.
  await a.bus.publish({ topic, key: 'z', schema, value: { from: `${staging}-end` } });
  await b.bus.publish({ topic, key: 'z', schema, value: { from: `${loadTest}-end` } });
  await waitFor('the end markers', () => a.seen.length === 6 && b.seen.length === 6);
  assert.ok(
    a.seen.every((e) => e.value.startsWith(staging) && e.metaTopic === topic),
    JSON.stringify(a.seen),
  );
  assert.ok(
    b.seen.every((e) => e.value.startsWith(loadTest) && e.metaTopic === topic),
    JSON.stringify(b.seen),
  );
  const onBroker = (await admin.listTopics()).filter((t) => t.includes(topic)).sort();
  assert.deepEqual(onBroker, [
    `${loadTest}.${topic}`,
    `${loadTest}.${topic}.dlq`,
    `${staging}.${topic}`,
    `${staging}.${topic}.dlq`,
  ]);
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
  assert.ok(groups.includes(`${staging}.${group}`) && groups.includes(`${loadTest}.${group}`), groups.join(' '));
});
