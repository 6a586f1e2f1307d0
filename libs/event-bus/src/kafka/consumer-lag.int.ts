import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { CONSUMER_LAG_METRIC } from '../consumer-lag';
import { describeConsumerLagContract } from '../testing/lag-contract';
import { requireInfraEnv, uniqueName, waitFor } from '../testing/wait-for';
import { exportKafkaConsumerLag } from './consumer-lag';
import { createKafkaEventBus } from './kafka-bus';

const { kafkaBrokers } = requireInfraEnv();
// The labels are the broker's names: with a deployment prefix, what Kafka's own tools show.
const prefix = uniqueName('lagscope');

describeConsumerLagContract(
  'kafka, 2 partitions, topic prefix',
  async (opts) =>
    createKafkaEventBus({
      ...opts,
      brokers: kafkaBrokers,
      clientId: 'lag-contract',
      partitions: 2,
      topicPrefix: prefix,
    }),
  {
    partitions: 2,
    brokerName: (name) => `${prefix}.${name}`,
    deleteTopics: async (topics) => {
      const admin = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics }).finally(() => admin.disconnect());
    },
  },
);

/** A port nothing listens on (bound once, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('an unreachable broker: one report per refresh at most once per interval, no throw, no series', async () => {
  const admin = new Kafka({
    brokers: [`127.0.0.1:${await closedPort()}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  const registry = new Registry();
  const intervalMs = 50;
  const reports: number[] = [];
  const lag = exportKafkaConsumerLag(
    admin,
    { registry, refreshIntervalMs: intervalMs, onRefreshError: () => reports.push(performance.now()) },
    () => [{ group: 'lag-unreachable', topics: ['lag-unreachable-topic'] }],
  );
  await waitFor('5 failed refreshes', () => reports.length >= 5);
  await lag.close();
  const gaps = reports.slice(1).map((t, i) => t - reports[i]!);
  // Timers never fire early; a millisecond of slack for performance.now() rounding.
  assert.ok(
    gaps.every((g) => g >= intervalMs - 1),
    `reports closer than the interval: ${gaps.map(Math.round).join(', ')} ms`,
  );
  const { values } = await registry.getSingleMetric(CONSUMER_LAG_METRIC)!.get();
  assert.deepEqual(values, []);
});
