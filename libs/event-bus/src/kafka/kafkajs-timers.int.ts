/**
 * kafkajs 2.2.4 scheduled its request-queue check with a delay of about -Date.now() whenever
 * nothing was pending (Node 24 prints TimeoutNegativeWarning, and the check then spun every
 * 1 ms). patches/kafkajs+2.2.4.patch, applied by `npm ci` (patch-package), removes that timer.
 * This runs a real client through connect, produce and metadata and watches every warning.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { requireInfraEnv } from '../testing/wait-for';
import { createTopicsServed } from './create-topics';

const { kafkaBrokers } = requireInfraEnv();

test('a kafkajs client on Node 24 sets no negative timer', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => void warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  const kafka = new Kafka({ brokers: kafkaBrokers, clientId: 'kafkajs-timers', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const topic = `kafkajs-timers-${process.pid}-${Date.now().toString(36)}`;
  try {
    await admin.connect();
    await createTopicsServed(admin, [{ topic, numPartitions: 1 }]);
    await producer.connect();
    for (let i = 0; i < 20; i++) await producer.send({ topic, messages: [{ value: `m${i}` }] });
    await admin.fetchTopicOffsets(topic);
    // Warnings are emitted on the next tick; one macrotask turn lets them arrive.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
  assert.deepEqual(
    warnings.filter((w) => w.startsWith('TimeoutNegativeWarning')),
    [],
    'kafkajs set a negative timeout: is patches/kafkajs+2.2.4.patch applied (npm ci runs patch-package)?',
  );
});
