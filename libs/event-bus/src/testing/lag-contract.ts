import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { CONSUMER_LAG_METRIC, type ConsumerLagOptions } from '../consumer-lag';
import { dlqTopic } from '../delivery';
import { defineHandler, type EventBus } from '../port';
import { uniqueName, waitFor } from './wait-for';

export interface LagBusFactoryOptions {
  readonly configVersion: number;
  readonly consumerLag: ConsumerLagOptions;
}

const point = z.strictObject({ n: z.number().int() });

/** The gauge's series of one group, by partition (reads the registry, as a scrape does). */
async function lagOf(registry: Registry, group: string, topic: string): Promise<Map<number, number>> {
  const metric = registry.getSingleMetric(CONSUMER_LAG_METRIC);
  assert.ok(metric, `${CONSUMER_LAG_METRIC} is not registered`);
  const { values } = await metric.get();
  return new Map(
    values
      .filter((v) => v.labels['group'] === group && v.labels['topic'] === topic)
      .map((v) => [Number(v.labels['partition']), v.value]),
  );
}

const sum = (lag: Map<number, number>) => [...lag.values()].reduce((a, b) => a + b, 0);

/**
 * `kafka_consumer_lag` of a bus's own consumer groups, run against every adapter. The expected
 * lag comes from the test's own ledger (the partition of every message its handler saw), never
 * from the bus's offsets.
 */
export function describeConsumerLagContract(
  name: string,
  makeBus: (opts: LagBusFactoryOptions) => Promise<EventBus>,
  params: {
    /** Partitions of the topics the bus creates. */
    readonly partitions: number;
    /** Topic or group name -> the broker's name (the bus's topic prefix). */
    readonly brokerName?: (name: string) => string;
    readonly deleteTopics?: (topics: string[]) => Promise<void>;
  },
): void {
  const brokerName = params.brokerName ?? ((n: string) => n);
  describe(`kafka_consumer_lag contract: ${name}`, { timeout: 60_000 }, () => {
    const registry = new Registry();
    const busPromise = makeBus({ configVersion: 1, consumerLag: { registry, refreshIntervalMs: 100 } });
    const topic = uniqueName('lag.topic');
    const group = uniqueName('lag-group');
    after(async () => {
      await (await busPromise).close();
      await params.deleteTopics?.([topic, dlqTopic(topic)].map(brokerName));
    });

    test('reports exactly the messages not yet consumed per partition, then 0 once consumed', async () => {
      const bus = await busPromise;
      await bus.ensureTopics([topic]);
      const seen: { n: number; partition: number }[] = [];
      let open = true;
      await bus.subscribe({
        groupId: group,
        fromBeginning: true,
        handlers: [
          defineHandler({
            topic,
            schema: point,
            handle: async ({ n }, meta) => {
              if (!open) throw new Error('held by the test'); // transient: redelivered, never committed
              seen.push({ n, partition: meta.partition });
            },
          }),
        ],
      });
      const [brokerGroup, brokerTopic] = [brokerName(group), brokerName(topic)];
      const publish = async (from: number, to: number) => {
        for (let n = from; n < to; n++) await bus.publish({ topic, key: `zone-${n}`, schema: point, value: { n } });
      };
      const allZero = (lag: Map<number, number>) => lag.size === params.partitions && sum(lag) === 0;

      // Consumed and committed: every partition reports 0.
      await publish(0, 6);
      await waitFor('6 consumed', () => seen.length === 6);
      await waitFor('lag 0 on every partition', async () => allZero(await lagOf(registry, brokerGroup, brokerTopic)));

      // Held: 10 more wait behind the first one the handler refuses.
      open = false;
      await publish(6, 16);
      const held = await waitFor('a lag of 10', async () => {
        const lag = await lagOf(registry, brokerGroup, brokerTopic);
        return lag.size === params.partitions && sum(lag) === 10 ? lag : undefined;
      });
      assert.equal(seen.length, 6, 'nothing was consumed while held');

      open = true;
      await waitFor('all 16 consumed', () => seen.length === 16);
      await waitFor('lag back to 0', async () => allZero(await lagOf(registry, brokerGroup, brokerTopic)));
      for (let p = 0; p < params.partitions; p++) {
        const expected = seen.filter((s) => s.n >= 6 && s.partition === p).length;
        assert.equal(held.get(p), expected, `partition ${p}: ${JSON.stringify(Object.fromEntries(held))}`);
      }
      if (params.partitions > 1) {
        assert.ok(
          [...held.values()].filter((v) => v > 0).length > 1,
          `the held messages should span partitions: ${JSON.stringify(Object.fromEntries(held))}`,
        );
      }
    });

    test('a closed subscription leaves the gauge', async () => {
      const bus = await busPromise;
      const other = uniqueName('lag-closed');
      const sub = await bus.subscribe({
        groupId: other,
        fromBeginning: true,
        handlers: [defineHandler({ topic, schema: point, handle: async () => {} })],
      });
      await waitFor(
        'the group on the gauge',
        async () => (await lagOf(registry, brokerName(other), brokerName(topic))).size > 0,
      );
      await sub.close();
      assert.equal((await lagOf(registry, brokerName(other), brokerName(topic))).size, 0);
    });
  });
}
