/**
 * Chaos: SIGKILL the leader of a partition of the three-node cluster while an idempotent
 * producer (acks=all) sends keyed messages and a consumer group reads them. Checked against a
 * ledger of the test's own: every message a broker acknowledged is read, nothing is read that
 * was never sent, per-key order holds, a new leader is elected from the ISR, the group (which
 * loses its coordinator too when it can) rejoins and catches up, and the killed node, restarted,
 * rejoins every ISR. Prints the failover and catch-up times.
 *
 * "Acknowledged" means named in the broker's produce response, not "send() resolved": kafkajs
 * 2.2.4 kept the responses of one send() across its retries per broker, so when the killed
 * leader's partition moved to a broker that had already answered for another partition of the
 * same send(), that partition was never re-sent and send() resolved without it
 * (tulios/kafkajs#1303, PR #1798, both open; 3-4 of 600 messages lost silently in every run
 * here). patches/kafkajs+2.2.4.patch keeps acknowledgements per partition instead; the test
 * asserts that no send() resolves without an acknowledgement for each of its messages.
 *
 * tools/test/run.ts runs *.chaos.ts files alone, after the rest. Stops the cluster again only
 * when this file started it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin, Consumer, Producer, RetryOptions } from 'kafkajs';
import {
  kafkaClusterBrokers,
  kafkaClusterStatus,
  killKafkaClusterNode,
  restartKafkaClusterNode,
  startKafkaCluster,
  stopKafkaCluster,
  waitKafkaClusterFullIsr,
} from './kafka-cluster';
import type { KafkaClusterStartOutcome } from './kafka-cluster';

const log = (line: string) => process.stderr.write(`[chaos] ${line}\n`);
const TOTAL = 600;
const BATCH = 10;
const KEYS = 24;
const PARTITIONS = 3;
/** Acknowledged messages before the kill: the consumer has a backlog, the producer is mid-stream. */
const KILL_AFTER = 200;
const CATCH_UP_TIMEOUT_MS = 90_000;
/** The producer outlasts the election: the controller fences a SIGKILLed broker after 9 s. */
const PRODUCER_RETRY: RetryOptions = { retries: 60, initialRetryTime: 100, maxRetryTime: 1_000 };
/**
 * The consumer keeps kafkajs's short default: a long one keeps it retrying the dead coordinator
 * for a minute, where a crash after a few seconds makes kafkajs restart it and find the new one.
 */
const CONSUMER_RETRY: RetryOptions = { retries: 5, initialRetryTime: 300, maxRetryTime: 2_000 };

let outcome: KafkaClusterStartOutcome | undefined;
before(async () => {
  outcome = await startKafkaCluster(log);
});
after(async () => {
  if (outcome === undefined) return;
  // A failed run must not leave a node down for the next file that uses the cluster.
  for (const n of (await kafkaClusterStatus()).nodes.filter((x) => x.pid === null)) {
    await restartKafkaClusterNode(n.id, log).catch((err: unknown) => log(`restarting node ${n.id}: ${String(err)}`));
  }
  if (outcome === 'started') await stopKafkaCluster();
});

function client(retry: RetryOptions, brokers = kafkaClusterBrokers()): Kafka {
  return new Kafka({ clientId: 'kafka-cluster-chaos', brokers, logLevel: logLevel.NOTHING, retry });
}

/** Teardown must not hang the file: kafkajs disconnects can wait on a dead broker. */
async function bounded(what: string, p: Promise<unknown>, ms = 15_000): Promise<void> {
  const stop = new AbortController();
  const timer = sleep(ms, `timed out after ${ms} ms`, { signal: stop.signal }).catch(() => 'done');
  const r = await Promise.race([
    p.then(
      () => 'done',
      (err: unknown) => `failed: ${String(err)}`,
    ),
    timer,
  ]);
  stop.abort();
  if (r !== 'done') log(`${what}: ${r}`);
}

async function partitionsOf(admin: Admin, topic: string) {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]!.partitions;
}

/** When a leader other than `victim` leads the partition, the victim out of its ISR (polled from the kill on). */
async function watchNewLeader(topic: string, partition: number, victim: number, killedAt: number): Promise<number> {
  const survivors = client(
    PRODUCER_RETRY,
    kafkaClusterBrokers().filter((_, i) => i + 1 !== victim),
  ).admin();
  await survivors.connect();
  try {
    for (;;) {
      const p = (await partitionsOf(survivors, topic)).find((x) => x.partitionId === partition)!;
      if (p.leader >= 0 && p.leader !== victim && !p.isr.includes(victim)) {
        const at = Date.now();
        assert.equal(p.isr.length, 2, `ISR [${p.isr.join(',')}]`);
        log(`new leader of ${topic}-${partition}: node ${p.leader}, ISR [${p.isr.join(',')}]`);
        return at;
      }
      assert.ok(Date.now() - killedAt < 60_000, `no new leader 60 s after the kill (leader ${p.leader})`);
      await sleep(100);
    }
  } finally {
    await bounded('survivors admin disconnect', survivors.disconnect());
  }
}

function seqOf(id: string): number {
  return Number(id.split('-').pop());
}

/** Every value in `topic` up to its high watermarks, read by a group of its own (bounded: 30 s). */
async function readAll(kafka: Kafka, topic: string, groupId: string): Promise<Set<string>> {
  const admin = kafka.admin();
  await admin.connect();
  const high = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  await bounded('audit admin disconnect', admin.disconnect());
  const values = new Set<string>();
  const next = new Map<number, number>();
  const consumer = kafka.consumer({ groupId });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        values.add(message.value!.toString());
        next.set(partition, Number(message.offset) + 1);
      },
    });
    const deadline = Date.now() + 30_000;
    while ([...high].some(([p, h]) => (next.get(p) ?? 0) < h) && Date.now() < deadline) await sleep(100);
  } finally {
    await bounded('audit consumer disconnect', consumer.disconnect());
  }
  return values;
}

void test(
  'SIGKILL of a partition leader loses no acknowledged message; the group catches up',
  { timeout: 300_000 },
  async () => {
    const run = randomUUID().slice(0, 8);
    const topic = `cluster-chaos-${run}`;
    const kafka = client(PRODUCER_RETRY);
    const admin = kafka.admin();
    await admin.connect();
    const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer: Consumer = client(CONSUMER_RETRY).consumer({
      groupId: `cluster-chaos-${run}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 20_000,
    });
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 3 }],
        waitForLeaders: true,
      });
      await waitKafkaClusterFullIsr(30_000, [topic]);

      // The victim leads a partition of the topic; when one is led by the group coordinator
      // (the leader of the one __consumer_offsets partition) that one, so the group loses its
      // coordinator too and must find the new one and rejoin.
      const [offsets] = await partitionsOf(admin, '__consumer_offsets');
      const partitions = await partitionsOf(admin, topic);
      const target = partitions.find((p) => p.leader === offsets!.leader) ?? partitions[0]!;
      const victim = target.leader;
      const coordinatorToo = victim === offsets!.leader;
      log(
        `victim: node ${victim}, leader of ${topic}-${target.partitionId}` +
          (coordinatorToo ? ' and of __consumer_offsets-0 (the group coordinator)' : ''),
      );

      // The ledger: ids this test generated, where a broker acknowledged each, the ones read.
      const sent = new Set<string>();
      const ackedAt = new Map<string, string>();
      const resolvedWithoutAck: string[] = [];
      const failed: string[] = [];
      const consumed = new Map<string, number>();
      const firstSeenSeqByKey = new Map<string, number[]>();
      const joins: number[] = [];
      const crashes: string[] = [];
      consumer.on(consumer.events.GROUP_JOIN, () => joins.push(Date.now()));
      consumer.on(consumer.events.CRASH, (e) => crashes.push(String(e.payload.error)));

      await Promise.all([producer.connect(), consumer.connect()]);
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const id = message.value!.toString();
          const seen = consumed.get(id) ?? 0;
          consumed.set(id, seen + 1);
          if (seen === 0) {
            const key = message.key!.toString();
            firstSeenSeqByKey.set(key, [...(firstSeenSeqByKey.get(key) ?? []), seqOf(id)]);
          }
        },
      });
      const joinDeadline = Date.now() + 30_000;
      while (joins.length === 0) {
        assert.ok(Date.now() < joinDeadline, 'the consumer did not join its group within 30 s');
        await sleep(50);
      }

      let killedAt = 0;
      let killed: Promise<boolean> | undefined;
      let newLeader: Promise<number> | undefined;
      let firstAckAfterKill = 0;
      for (let i = 0; i < TOTAL; i += BATCH) {
        // Keys spread over all partitions (key k on partition k mod 3), so every send spans
        // all three leaders, as the event bus's batched sends do.
        const messages = Array.from({ length: BATCH }, (_, j) => {
          const id = `${run}-${i + j}`;
          const k = (i + j) % KEYS;
          return { key: `key-${k}`, value: id, partition: k % PARTITIONS };
        });
        for (const m of messages) sent.add(m.value);
        try {
          const acks = await producer.send({ topic, acks: -1, messages });
          // A partition's messages in one request are consecutive from its baseOffset.
          for (const a of acks) {
            messages
              .filter((m) => m.partition === a.partition)
              .forEach((m, j) => ackedAt.set(m.value, `${a.partition}@${Number(a.baseOffset) + j}`));
          }
          resolvedWithoutAck.push(...messages.filter((m) => !ackedAt.has(m.value)).map((m) => m.value));
          if (killedAt && !firstAckAfterKill && acks.some((a) => a.partition === target.partitionId)) {
            firstAckAfterKill = Date.now();
          }
        } catch (err) {
          failed.push(...messages.map((m) => m.value));
          log(`send of ${messages[0]!.value}.. failed: ${String(err)}`);
        }
        if (!killed && ackedAt.size >= KILL_AFTER) {
          // Not awaited: the next send is in flight when the signal lands.
          killedAt = Date.now();
          killed = killKafkaClusterNode(victim);
          newLeader = watchNewLeader(topic, target.partitionId, victim, killedAt);
          // Awaited after the sends; until then a rejection must not count as unhandled.
          for (const p of [killed, newLeader]) p.catch(() => {});
        }
      }
      assert.equal(await killed, true, `node ${victim} was not running when the kill came`);
      const producedAt = Date.now();

      const leaderAt = await newLeader!;

      const missing = () => [...ackedAt.keys()].filter((id) => !consumed.has(id));
      while (missing().length > 0 && Date.now() - producedAt < CATCH_UP_TIMEOUT_MS) await sleep(50);
      const caughtUpAt = Date.now();
      if (missing().length > 0) {
        // Lost by the cluster, or skipped by the consumer? An independent group reads the log.
        const live = kafkaClusterBrokers().filter((_, i) => i + 1 !== victim);
        const inLog = await readAll(client(CONSUMER_RETRY, live), topic, `cluster-chaos-${run}-audit`);
        const lost = missing().map(
          (id) => `${id} (acked at ${ackedAt.get(id)}, ${inLog.has(id) ? 'in' : 'NOT in'} the log)`,
        );
        assert.fail(
          `${lost.length} acknowledged messages unread ${CATCH_UP_TIMEOUT_MS / 1000} s after the last send: ` +
            `${lost.slice(0, 10).join('; ')}; consumer crashes: ${crashes.join(' | ') || 'none'}`,
        );
      }

      const joinsAfterKill = joins.filter((t) => t > killedAt).length;
      const duplicates = [...consumed.values()].filter((n) => n > 1).length;
      log(
        `kill -> new leader ${leaderAt - killedAt} ms, -> first ack on the partition ${firstAckAfterKill - killedAt} ms, ` +
          `-> consumer caught up ${caughtUpAt - killedAt} ms (last send ${producedAt - killedAt} ms)`,
      );
      log(
        `acked ${ackedAt.size}/${sent.size}, send() failed for ${failed.length}, ` +
          `resolved without an ack ${resolvedWithoutAck.length} (kafkajs#1303: never written)` +
          `${resolvedWithoutAck.length ? `: ${resolvedWithoutAck.join(',')}` : ''}; ` +
          `read ${consumed.size} ids (${duplicates} more than once); group joins after the kill ${joinsAfterKill}, ` +
          `consumer crashes ${crashes.length}`,
      );

      assert.deepEqual(resolvedWithoutAck, [], 'send() resolved without acknowledging these (kafkajs#1303)');
      assert.ok(firstAckAfterKill > 0, `no send to ${topic}-${target.partitionId} was acknowledged after the kill`);
      assert.ok(ackedAt.size > KILL_AFTER + BATCH, 'nothing was acknowledged after the kill');
      const foreign = [...consumed.keys()].filter((id) => !sent.has(id));
      assert.deepEqual(foreign, [], 'read ids this test never sent');
      // Idempotence with one request in flight: per key (one partition each), first reads in send order.
      for (const [key, seqs] of firstSeenSeqByKey) {
        assert.deepEqual(
          seqs,
          [...seqs].sort((a, b) => a - b),
          `${key} read out of order`,
        );
      }
      if (coordinatorToo) assert.ok(joinsAfterKill >= 1, 'the group lost its coordinator but never rejoined');

      const restartAt = Date.now();
      await restartKafkaClusterNode(victim, log);
      await waitKafkaClusterFullIsr(60_000, [topic, '__consumer_offsets']);
      log(`node ${victim} restarted and back in every ISR in ${Date.now() - restartAt} ms`);
      for (const p of await partitionsOf(admin, topic)) {
        assert.equal(p.isr.length, 3, `${topic}-${p.partitionId} ISR [${p.isr.join(',')}]`);
      }
    } finally {
      await bounded('consumer disconnect', consumer.disconnect());
      await bounded('producer disconnect', producer.disconnect());
      await bounded('topic delete', admin.deleteTopics({ topics: [topic] }));
      await bounded('admin disconnect', admin.disconnect());
    }
  },
);
