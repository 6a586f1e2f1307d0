/**
 * SubscribeOptions.startAt on a real broker, per partition: messages carry timestamps of their
 * producer's choosing (a raw kafkajs producer here), out of order too, as several producers
 * with late sends or skewed clocks write them.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { z } from 'zod';
import { defineHandler, type EventBus } from '../port';
import { requireInfraEnv, uniqueName, waitFor } from '../testing/wait-for';
import { createKafkaEventBus } from './kafka-bus';

const { kafkaBrokers } = requireInfraEnv();
const kafka = new Kafka({ brokers: kafkaBrokers, clientId: 'start-at-int', logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const topic = uniqueName('start-at');
const buses: EventBus[] = [];

after(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => {});
  await admin.disconnect();
});

const MIN = 60_000;
const schema = z.strictObject({ label: z.string() });
const send = (partition: number, label: string, timestampMs: number) =>
  producer.send({
    topic,
    messages: [{ partition, value: JSON.stringify({ label }), timestamp: String(timestampMs) }],
  });

test('each partition of a new group starts at its first message at or after startAt, or at its end', async () => {
  await Promise.all([admin.connect(), producer.connect()]);
  const bus = await createKafkaEventBus({
    brokers: kafkaBrokers,
    clientId: 'start-at',
    configVersion: 1,
    partitions: 3,
  });
  buses.push(bus);
  await bus.ensureTopics([topic]);
  const t0 = Date.now() - 60 * MIN;
  const start = t0 + 15 * MIN;
  // p0 crosses the start time, then a late message older than it; p1 is all older; p2 is empty.
  for (const [label, at] of [
    ['p0-old', t0],
    ['p0-older-than-start', t0 + 10 * MIN],
    ['p0-at-start', start],
    ['p0-new', t0 + 30 * MIN],
    ['p0-late', t0 + MIN],
  ] as const) {
    await send(0, label, at);
  }
  for (const [label, at] of [
    ['p1-old', t0],
    ['p1-older-than-start', t0 + 5 * MIN],
  ] as const) {
    await send(1, label, at);
  }

  const seen: string[] = [];
  await bus.subscribe({
    groupId: uniqueName('g'),
    fromBeginning: true, // overridden by startAt on this topic
    startAt: { [topic]: { timestampMs: start } },
    handlers: [defineHandler({ topic, schema, handle: async ({ label }) => void seen.push(label) })],
  });
  // Sent after subscribing, with old timestamps: past the placements (the ends of p1 and p2).
  await send(1, 'p1-after-subscribing', t0);
  await send(2, 'p2-after-subscribing', t0);
  await waitFor('the messages past each placement', () => seen.length >= 5);
  await send(0, 'p0-marker', Date.now());
  await waitFor('the marker sent last', () => seen.includes('p0-marker'));
  assert.deepEqual(seen.sort(), [
    'p0-at-start',
    'p0-late',
    'p0-marker',
    'p0-new',
    'p1-after-subscribing',
    'p2-after-subscribing',
  ]);
});
