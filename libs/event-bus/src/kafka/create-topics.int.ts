/**
 * Topics the bus creates are served at once: on a fresh KRaft broker, kafkajs's own
 * createTopics({ waitForLeaders }) failed with UNKNOWN_TOPIC_OR_PARTITION and a ListOffsets right
 * after it with NOT_LEADER_FOR_PARTITION (the hunt API's start, through subscribe's startAt),
 * most often with several creations at once. Parallel creations, each read by time at once.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { requireInfraEnv, uniqueName } from '../testing/wait-for';
import { createTopicsServed } from './create-topics';

const { kafkaBrokers } = requireInfraEnv();
const kafka = new Kafka({ brokers: kafkaBrokers, clientId: 'create-topics', logLevel: logLevel.NOTHING });
const created: string[] = [];

after(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: created }).catch(() => {});
  await admin.disconnect();
});

test('every partition of a topic just created answers ListOffsets by time', { timeout: 120_000 }, async () => {
  const failures: string[] = [];
  const worker = async (w: number) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (let i = 0; i < 6; i++) {
        const topic = uniqueName(`served-${w}-${i}`);
        created.push(topic, `${topic}.dlq`);
        await createTopicsServed(admin, [
          { topic, numPartitions: 3 },
          { topic: `${topic}.dlq`, numPartitions: 3 },
        ]);
        const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - 60_000).catch((e: Error) => {
          failures.push(`${topic}: ${e.message}`);
          return [];
        });
        if (byTime.length > 0) assert.equal(byTime.length, 3, topic);
      }
    } finally {
      await admin.disconnect();
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  assert.deepEqual(failures, []);
});

test('creating topics that exist leaves them and resolves', async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = uniqueName('served-again');
    created.push(topic);
    await createTopicsServed(admin, [{ topic, numPartitions: 2 }]);
    await createTopicsServed(admin, [{ topic, numPartitions: 2 }]);
    assert.equal((await admin.fetchTopicOffsets(topic)).length, 2);
  } finally {
    await admin.disconnect();
  }
});
