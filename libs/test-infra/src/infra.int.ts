/**
 * Integration: the servers tools/infra provides really serve. Uses unique key
 * prefixes / topic names / group ids so it can share the servers with other tests.
 * Stopping and restarting them is infra.chaos.ts: nothing may run beside that.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { ensureInfra } from './index';
import { waitUntil } from './wait';

const runId = randomBytes(4).toString('hex');
const infra = await ensureInfra();

function newRedis(): Redis {
  const client = new Redis(infra.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {}); // failures surface through the awaited commands
  return client;
}

void test('Redis SET/GET round trip', async () => {
  const key = `test:${runId}:roundtrip`;
  const client = newRedis();
  try {
    await client.connect();
    assert.equal(await client.set(key, 'treasure', 'EX', 60), 'OK');
    assert.equal(await client.get(key), 'treasure');
  } finally {
    await client.del(key).catch(() => {});
    client.disconnect();
  }
});

void test('Kafka produce/consume round trip', { timeout: 60_000 }, async () => {
  const topic = `infra-test-${runId}`;
  const kafka = new Kafka({ clientId: `infra-test-${runId}`, brokers: infra.kafkaBrokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  // A short fetch wait: consumer.disconnect() waits for the in-flight fetch (default 5 s).
  const consumer = kafka.consumer({ groupId: `infra-test-${runId}`, maxWaitTimeInMs: 250 });
  const received: string[] = [];
  try {
    await admin.connect();
    assert.equal(
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }),
      true,
    );
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value?.toString() ?? '') });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: `hello-${runId}` }] });
    const res = await waitUntil(async () => received.includes(`hello-${runId}`), {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    assert.ok(res.ok, `message not consumed: ${res.ok ? '' : res.reason}; got ${JSON.stringify(received)}`);
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect().catch(() => {});
  }
});
