/**
 * The spawner bench's same-run baseline: a bare kafkajs producer with the bus's producer settings
 * (idempotent, acks from all in-sync replicas, one request in flight, the default partitioner)
 * sending the spawner's own events, already encoded (value, shard key, the bus's two headers),
 * with no spawner and no bus around it.
 */
import { JSON_CONTENT_TYPE, KAFKA_HEADERS } from '@hunt/contracts';
import { Kafka, logLevel, Partitioners, type Message } from 'kafkajs';
import { withAdmin } from '../lib/kafka-topics';

/** The bus's cap on one produce request (libs/event-bus kafka-bus.ts SEND_LIMITS): ~512 KiB of values. */
const MAX_REQUEST_BYTES = 512 * 1024;

export const encodedSpawn = (key: string, value: unknown, configVersion: number): Message => ({
  key,
  value: JSON.stringify(value),
  headers: { [KAFKA_HEADERS.configVersion]: String(configVersion), [KAFKA_HEADERS.contentType]: JSON_CONTENT_TYPE },
});

/** Creates `topic` (as the bus's ensureTopics would, without its dead-letter twin) and connects. */
export async function startBareProducer(brokers: readonly string[], topic: string, partitions: number) {
  await withAdmin(brokers, (admin) =>
    admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] }),
  );
  const kafka = new Kafka({ clientId: 'bench-bare-producer', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let next = 0;
  /** The next `n` messages, cycling through `messages`. */
  const take = (messages: readonly Message[], n: number) =>
    Array.from({ length: n }, () => messages[next++ % messages.length]!);
  const send = (batch: Message[]) => producer.send({ topic, acks: -1, messages: batch });

  return {
    /**
     * As fast as it goes for `seconds` after `warmupS`: one request in flight, each as large as
     * the bus makes one. Returns the messages Kafka acknowledged per second in the window.
     */
    async flat(messages: readonly Message[], warmupS: number, seconds: number): Promise<number> {
      const perRequest = Math.max(1, Math.floor(MAX_REQUEST_BYTES / (String(messages[0]!.value).length + 64)));
      const t0 = performance.now();
      const [from, to] = [t0 + warmupS * 1000, t0 + (warmupS + seconds) * 1000];
      let acked = 0;
      while (performance.now() < to) {
        const batch = take(messages, perRequest);
        await send(batch);
        const at = performance.now();
        if (at >= from && at < to) acked += batch.length;
      }
      return acked / seconds;
    },
    /**
     * `ratePerS` for `seconds`, one request every `tickMs` with the messages due (as the
     * spawner's ticks hand them over). Returns the acknowledged rate and this process's CPU.
     */
    async paced(messages: readonly Message[], ratePerS: number, seconds: number, tickMs: number) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let [sent, acked] = [0, 0];
      const sends: Promise<unknown>[] = [];
      for (let tick = 1; tick * tickMs <= seconds * 1000; tick++) {
        await new Promise((r) => setTimeout(r, t0 + tick * tickMs - performance.now()));
        const due = Math.floor((ratePerS * tick * tickMs) / 1000) - sent;
        sent += due;
        // Settled here, thrown below: a rejection must not go unhandled while the ticks go on.
        sends.push(
          send(take(messages, due)).then(
            () => void (acked += due),
            (error: unknown) => error,
          ),
        );
      }
      const failed = (await Promise.all(sends)).find((r) => r !== undefined);
      if (failed) throw new Error('bare producer: a send failed', { cause: failed });
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { ackedPerS: acked / (seconds || 1), cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100 };
    },
    close: () => producer.disconnect(),
  };
}
