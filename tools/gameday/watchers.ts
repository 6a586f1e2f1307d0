import { LOOT_AWARDED_TOPIC, TREASURE_SPAWNED_TOPIC } from '@hunt/contracts';
import { uniqueName } from '@hunt/event-bus/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { Ledger } from './ledger';

/**
 * The ledger's eyes on the bus: plain kafkajs consumers (not the engine's event-bus) reading
 * this replay's spawn and award topics from their beginning, in a group of their own, into the
 * ledger. A message that does not parse is counted, not fatal: the verdicts are about events
 * that did arrive.
 */
export async function watchTopics(opts: { brokers: string[]; topicPrefix: string; ledger: Ledger }) {
  const kafka = new Kafka({ clientId: 'gameday-ledger', brokers: opts.brokers, logLevel: logLevel.NOTHING });
  const consumers: Consumer[] = [];
  let unparsable = 0;
  const watch = async (topic: string, onValue: (value: Record<string, unknown>) => void) => {
    const consumer = kafka.consumer({ groupId: uniqueName(`${opts.topicPrefix}.gameday-ledger`) });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: `${opts.topicPrefix}.${topic}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        try {
          onValue(JSON.parse(String(message.value)) as Record<string, unknown>);
        } catch {
          unparsable++;
        }
      },
    });
  };
  await watch(TREASURE_SPAWNED_TOPIC, (v) =>
    opts.ledger.spawn(v as { lat: number; lng: number; spawned_at: number; config_version: number }),
  );
  await watch(LOOT_AWARDED_TOPIC, (v) => opts.ledger.award(String(v['treasure_id']), String(v['player_id'])));
  return {
    unparsable: () => unparsable,
    async stop() {
      await Promise.all(consumers.map((c) => c.disconnect()));
    },
  };
}
