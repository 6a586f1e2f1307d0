import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { z } from 'zod';
import { DLQ_HEADERS, dlqTopic } from '../delivery';
import {
  defineHandler,
  EventValidationError,
  PoisonMessageError,
  type EventBus,
  type EventMeta,
  type StartAt,
  type Subscription,
} from '../port';
import { batchDeliveryCases } from './batch-contract';
import { catchUpCases } from './catch-up-contract';
import { uniqueName, waitFor } from './wait-for';

export interface BusFactoryOptions {
  readonly configVersion: number;
  observeVersion?: (version: string | undefined) => void;
}

const point = z.strictObject({ n: z.number().int() });
const anything = z.unknown();

/**
 * The EventBus contract, run against every adapter (in-memory in a .spec.ts, Kafka in a .int.ts).
 * Every test uses its own topic and consumer group names.
 */
export function describeEventBusContract(
  name: string,
  makeBus: (opts: BusFactoryOptions) => Promise<EventBus>,
  /** Removes the topics the suite created (with their .dlq), for adapters on a shared broker. */
  deleteTopics?: (topics: string[]) => Promise<void>,
): void {
  describe(`EventBus contract: ${name}`, { timeout: 60_000 }, () => {
    const versions: (string | undefined)[] = [];
    const busPromise = makeBus({ configVersion: 7, observeVersion: (v) => versions.push(v) });
    const subs: Subscription[] = [];
    after(async () => {
      for (const s of subs) await s.close();
      await (await busPromise).close();
      await deleteTopics?.(created.flatMap((t) => [t, dlqTopic(t)]));
    });
    const created: string[] = [];
    const topicName = (base: string) => {
      const topic = uniqueName(base);
      created.push(topic);
      return topic;
    };

    async function collect<T>(
      bus: EventBus,
      topic: string,
      schema: z.ZodType<T>,
      group = uniqueName('g'),
      startAt?: StartAt,
    ) {
      const seen: { value: T; meta: EventMeta }[] = [];
      const sub = await bus.subscribe({
        groupId: group,
        fromBeginning: true,
        ...(startAt && { startAt: { [topic]: startAt } }),
        handlers: [defineHandler({ topic, schema, handle: async (value, meta) => void seen.push({ value, meta }) })],
      });
      subs.push(sub);
      return { seen, sub };
    }

    test('delivers value, key and headers, stamping config-version; receivers observe it', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.roundtrip');
      await bus.ensureTopics([topic]);
      const { seen } = await collect(bus, topic, point);
      await bus.publish({ topic, key: 'alpha', schema: point, value: { n: 1 }, headers: { 'x-trace': 't1' } });
      const [got] = await waitFor('the message', () => (seen.length > 0 ? seen : undefined));
      assert.deepEqual(got!.value, { n: 1 });
      assert.equal(got!.meta.key, 'alpha');
      assert.equal(got!.meta.headers['config-version'], '7');
      assert.equal(got!.meta.headers['x-trace'], 't1');
      assert.ok(versions.includes('7'));
    });

    test('publishing a value its schema rejects throws and sends nothing', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.invalid');
      await bus.ensureTopics([topic]);
      // The consumer accepts anything, so a rejected value that leaked onto the topic would be
      // delivered to it (not dead-lettered). One key keeps both messages on one partition, in
      // order: once the marker arrives, anything sent before it has arrived too.
      const { seen } = await collect(bus, topic, anything);
      await assert.rejects(bus.publish({ topic, key: 'k', schema: point, value: { n: 1.5 } }), EventValidationError);
      await bus.publish({ topic, key: 'k', schema: point, value: { n: 2 } });
      await waitFor('the marker published after the rejected value', () => seen.length > 0);
      assert.deepEqual(
        seen.map((s) => s.value),
        [{ n: 2 }],
      );
    });

    test('a poison message goes to <topic>.dlq with its reason; the partition keeps flowing', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.poison');
      await bus.ensureTopics([topic]);
      const { seen } = await collect(bus, topic, point);
      const dlq = await collect(bus, dlqTopic(topic), anything);
      await bus.publish({ topic, key: 'alpha', schema: anything, value: { n: 'not a number' } });
      await bus.publish({ topic, key: 'alpha', schema: point, value: { n: 2 } });
      await waitFor('the good message after the poison one', () => seen.some((s) => s.value.n === 2));
      const [dead] = await waitFor('the dead letter', () => (dlq.seen.length > 0 ? dlq.seen : undefined));
      assert.deepEqual(dead!.value, { n: 'not a number' });
      assert.match(dead!.meta.headers[DLQ_HEADERS.reason] ?? '', /n: /);
      assert.equal(dead!.meta.headers[DLQ_HEADERS.sourceTopic], topic);
      assert.equal(seen.length, 1);
    });

    test('a handler throwing PoisonMessageError dead-letters; a transient throw is retried in order', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.retry');
      await bus.ensureTopics([topic]);
      const dlq = await collect(bus, dlqTopic(topic), anything);
      const handled: number[] = [];
      let failuresLeft = 3;
      subs.push(
        await bus.subscribe({
          groupId: uniqueName('g'),
          fromBeginning: true,
          handlers: [
            defineHandler({
              topic,
              schema: point,
              handle: async ({ n }) => {
                if (n === 13) throw new PoisonMessageError('thirteen is unlucky');
                if (n === 1 && failuresLeft-- > 0) throw new Error('dependency down');
                handled.push(n);
              },
            }),
          ],
        }),
      );
      for (const n of [1, 13, 2]) await bus.publish({ topic, key: 'same-key', schema: point, value: { n } });
      await waitFor('both good messages', () => handled.length >= 2);
      assert.deepEqual(handled, [1, 2]);
      const [dead] = await waitFor('the dead letter', () => (dlq.seen.length > 0 ? dlq.seen : undefined));
      assert.equal(dead!.meta.headers[DLQ_HEADERS.reason], 'thirteen is unlucky');
    });

    test('a restarted member of a group resumes after what was committed, startAt or not: nothing lost', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.restart');
      const group = uniqueName('g');
      await bus.ensureTopics([topic]);
      const first = await collect(bus, topic, point, group);
      for (const n of [1, 2, 3]) await bus.publish({ topic, key: 'k', schema: point, value: { n } });
      await waitFor('the first three', () => first.seen.length >= 3);
      await first.sub.close();
      for (const n of [4, 5]) await bus.publish({ topic, key: 'k', schema: point, value: { n } });
      // startAt only places a new group: this one has committed offsets.
      const second = await collect(bus, topic, point, group, { timestampMs: Date.now() + 3_600_000 });
      await waitFor('the two published while stopped', () => second.seen.some((s) => s.value.n === 5));
      const all = new Set([...first.seen, ...second.seen].map((s) => s.value.n));
      assert.deepEqual([...all].sort(), [1, 2, 3, 4, 5]);
      assert.ok(!second.seen.some((s) => s.value.n <= 3), 'committed messages are not redelivered after a clean stop');
    });

    test('a new group with startAt begins at the first message at or after that time, then gets new ones', async () => {
      const bus = await busPromise;
      const [topic, other] = [topicName('contract.start-at'), topicName('contract.start-at-other')];
      await bus.ensureTopics([topic, other]);
      for (const n of [1, 2]) await bus.publish({ topic, key: 'k', schema: point, value: { n } });
      await bus.publish({ topic: other, key: 'k', schema: point, value: { n: 1 } });
      await sleep(5); // a message's timestamp is its send time: 1 and 2 are now strictly older
      const at = Date.now();
      await sleep(5);
      await bus.publish({ topic, key: 'k', schema: point, value: { n: 3 } });
      const seen: { topic: string; n: number }[] = [];
      subs.push(
        await bus.subscribe({
          groupId: uniqueName('g'),
          fromBeginning: true, // for `other`, which has no startAt
          startAt: { [topic]: { timestampMs: at } },
          handlers: [topic, other].map((t) =>
            defineHandler({
              topic: t,
              schema: point,
              handle: async ({ n }, meta) => void seen.push({ topic: meta.topic, n }),
            }),
          ),
        }),
      );
      await waitFor('the message published after the start time', () => seen.some((s) => s.n === 3));
      await bus.publish({ topic, key: 'k', schema: point, value: { n: 4 } });
      await waitFor('the message published after subscribing', () => seen.some((s) => s.n === 4));
      await waitFor('the topic without startAt, from its beginning', () => seen.some((s) => s.topic === other));
      assert.deepEqual(
        seen.filter((s) => s.topic === topic).map((s) => s.n),
        [3, 4],
      );
    });

    test('a new group with startAt after the last message starts at the end', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.start-at-end');
      await bus.ensureTopics([topic]);
      await bus.publish({ topic, key: 'k', schema: point, value: { n: 1 } });
      const { seen } = await collect(bus, topic, point, uniqueName('g'), { timestampMs: Date.now() + 3_600_000 });
      await bus.publish({ topic, key: 'k', schema: point, value: { n: 2 } });
      await waitFor('the message published after subscribing', () => seen.length > 0);
      await bus.publish({ topic, key: 'k', schema: point, value: { n: 3 } });
      await waitFor('the marker published last', () => seen.length > 1);
      assert.deepEqual(
        seen.map((s) => s.value.n),
        [2, 3],
        'no message is that recent: only those published from then on',
      );
    });

    const cases = { bus: () => busPromise, topicName, keep: (sub: Subscription) => (subs.push(sub), sub) };
    batchDeliveryCases(cases);
    catchUpCases(cases);

    test('startAt naming a topic no handler consumes is refused', async () => {
      const bus = await busPromise;
      const topic = topicName('contract.start-at-typo');
      await bus.ensureTopics([topic]);
      await assert.rejects(
        bus.subscribe({
          groupId: uniqueName('g'),
          startAt: { [`${topic}-typo`]: { timestampMs: 0 } },
          handlers: [defineHandler({ topic, schema: point, handle: async () => {} })],
        }),
        RangeError,
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
