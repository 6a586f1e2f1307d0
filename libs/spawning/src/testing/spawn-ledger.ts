import { KAFKA_HEADERS, treasureSpawnedV1, type TreasureSpawnedV1 } from '@hunt/contracts';
import { uniqueName } from '@hunt/event-bus/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Spawner } from '../spawner';

/**
 * The test's own record of every event a spawner generated: each one it hands to its publish
 * buffer (`buffer.push`), observed and passed on unchanged. Observed there rather than at the
 * bus so an event lost inside the buffer before it was ever offered to Kafka still shows as
 * missing. If the spawner stopped calling `buffer.push`, the ledger stays empty and every
 * ledger check fails: it cannot pass by observing nothing.
 */
export function recordGenerated(spawner: Spawner, onEvent?: (event: TreasureSpawnedV1) => void): ReadonlySet<string> {
  const ids = new Set<string>();
  const push = spawner.buffer.push.bind(spawner.buffer);
  spawner.buffer.push = (events) => {
    for (const e of events) {
      ids.add(e.treasure_id);
      onEvent?.(e);
    }
    push(events);
  };
  return ids;
}

/** One message as a separate consumer found it on the topic. */
export interface TopicMessage {
  readonly event: TreasureSpawnedV1;
  /** The `config-version` header: which producer published it. */
  readonly configVersion: string | undefined;
  readonly partition: number;
  readonly offset: number;
}

/**
 * Reads `topic` from the beginning with a consumer group of its own (independent of the
 * spawner's counters) until `enough(messages)` holds or `timeoutMs` passes, and returns what
 * it found either way, so the caller's assertions report the counts instead of a timeout.
 * Every message must parse with the contracts schema; one that does not is a test failure.
 */
export async function readSpawnedTopic(
  brokers: readonly string[],
  topic: string,
  enough: (messages: readonly TopicMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<TopicMessage[]> {
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('ledger-reader'), maxWaitTimeInMs: 250 });
  const seen: TopicMessage[] = [];
  let invalid: unknown;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        try {
          seen.push({
            event: treasureSpawnedV1.parse(JSON.parse(message.value?.toString() ?? 'null')),
            configVersion: message.headers?.[KAFKA_HEADERS.configVersion]?.toString(),
            partition,
            offset: Number(message.offset),
          });
        } catch (error) {
          invalid ??= error;
        }
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!enough(seen) && invalid === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await consumer.disconnect();
  }
  if (invalid !== undefined) throw new Error(`a message on ${topic} breaks the contract`, { cause: invalid });
  return seen;
}
