/**
 * The three-node KRaft cluster comes up from the project's own jars, a second start reuses it,
 * and it replicates as configured: RF 3 with the full ISR, acks=all writes accepted. Stops the
 * cluster again only when this file started it (three JVMs are too much to leave behind on a
 * 2-core machine unasked; a cluster someone else started stays up).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { clusterNodeProperties, kafkaClusterPaths } from './kafka-cluster-config';
import {
  kafkaClusterBrokers,
  kafkaClusterStatus,
  startKafkaCluster,
  stopKafkaCluster,
  waitKafkaClusterFullIsr,
} from './kafka-cluster';
import type { KafkaClusterStartOutcome } from './kafka-cluster';

const log = (line: string) => process.stderr.write(`[infra] ${line}\n`);
let firstOutcome: KafkaClusterStartOutcome | undefined;

const kafka = () =>
  new Kafka({ clientId: 'kafka-cluster-int', brokers: kafkaClusterBrokers(), logLevel: logLevel.NOTHING });

describe('three-node Kafka cluster', { timeout: 300_000 }, () => {
  before(async () => {
    const t0 = Date.now();
    firstOutcome = await startKafkaCluster(log);
    log(`cluster ${firstOutcome} in ${Date.now() - t0} ms`);
  });
  after(async () => {
    if (firstOutcome === 'started') await stopKafkaCluster();
  });

  test('serves on three brokers with a controller', { timeout: 30_000 }, async () => {
    const status = await kafkaClusterStatus();
    assert.equal(status.serving, true);
    assert.equal(status.address, kafkaClusterBrokers().join(','));
    assert.deepEqual(
      status.nodes.map((n) => [n.id, n.pid !== null]),
      [
        [1, true],
        [2, true],
        [3, true],
      ],
    );
    const admin = kafka().admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      assert.deepEqual(cluster.brokers.map((b) => b.nodeId).sort(), [1, 2, 3]);
      assert.notEqual(cluster.controller, null);
    } finally {
      await admin.disconnect();
    }
  });

  test('a second start reuses the running nodes', { timeout: 60_000 }, async () => {
    const pids = (await kafkaClusterStatus()).nodes.map((n) => n.pid);
    const t0 = Date.now();
    assert.equal(await startKafkaCluster(log), 'reused');
    log(`reused in ${Date.now() - t0} ms`);
    assert.deepEqual(
      (await kafkaClusterStatus()).nodes.map((n) => n.pid),
      pids,
    );
  });

  test('every node runs with the replication settings, voters listing all three', { timeout: 10_000 }, () => {
    const c = kafkaClusterPaths();
    // Controller ports 10 above the broker ports (19111..19113 by default).
    assert.deepEqual(
      c.nodes.map((n) => n.controllerPort - n.port),
      [10, 10, 10],
    );
    const conf = clusterNodeProperties(c, c.nodes[1]!);
    for (const line of [
      'node.id=2',
      `controller.quorum.voters=${c.nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')}`,
      'default.replication.factor=3',
      'min.insync.replicas=2',
      'offsets.topic.replication.factor=3',
      'transaction.state.log.replication.factor=3',
      'transaction.state.log.min.isr=2',
      'unclean.leader.election.enable=false',
      'auto.create.topics.enable=false',
      'group.coordinator.rebalance.protocols=classic',
    ]) {
      assert.match(conf, new RegExp(`^${line.replace(/\./g, '\\.')}$`, 'm'));
    }
  });

  test(
    'a topic created with RF 3 has 3 replicas and ISR 3 per partition; acks=all writes',
    { timeout: 60_000 },
    async () => {
      const topic = `cluster-int-${randomUUID()}`;
      const client = kafka();
      const admin = client.admin();
      const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
      await Promise.all([admin.connect(), producer.connect()]);
      try {
        assert.equal(
          await admin.createTopics({
            topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
            waitForLeaders: true,
          }),
          true,
        );
        await waitKafkaClusterFullIsr(20_000, [topic]);
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = topics[0]!.partitions;
        assert.equal(partitions.length, 3);
        for (const p of partitions) {
          assert.equal(p.replicas.length, 3, `partition ${p.partitionId} replicas ${p.replicas.join(',')}`);
          assert.equal(p.isr.length, 3, `partition ${p.partitionId} ISR ${p.isr.join(',')}`);
          assert.ok(p.leader >= 1 && p.leader <= 3);
        }

        const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
        const acks = await producer.send({ topic, acks: -1, messages });
        assert.ok(acks.every((r) => r.errorCode === 0));
        const offsets = await admin.fetchTopicOffsets(topic);
        assert.equal(
          offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0),
          messages.length,
        );
      } finally {
        await producer.disconnect().catch(() => {});
        await admin.deleteTopics({ topics: [topic] }).catch(() => {});
        await admin.disconnect().catch(() => {});
      }
    },
  );
});
