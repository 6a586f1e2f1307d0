import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { DLQ_HEADERS, dlqTopic } from '../delivery';
import {
  BATCH_LIMIT,
  defineHandler,
  PoisonMessageError,
  type DeliveredEvent,
  type EventBus,
  type EventMeta,
  type Subscription,
} from '../port';
import { uniqueName, waitFor } from './wait-for';

const point = z.strictObject({ n: z.number().int() });

/** What the EventBus contract suite lends its cases kept in other files: bus, names, teardown. */
export interface ContractCaseContext {
  bus(): Promise<EventBus>;
  /** A topic unique to the run, deleted with its .dlq after the suite. */
  topicName(base: string): string;
  /** Closed after the suite (closing it earlier is fine). */
  keep(sub: Subscription): Subscription;
}

/**
 * BatchEventHandler delivery, part of the EventBus contract (registered by
 * describeEventBusContract, so run against every adapter). Every message goes to one key, so
 * to one partition; messages are published before the subscription starts, so its first fetch
 * finds a backlog to batch.
 */
export function batchDeliveryCases(ctx: ContractCaseContext): void {
  const publish = async (bus: EventBus, topic: string, values: readonly unknown[]) => {
    for (const value of values) await bus.publish({ topic, key: 'one-key', schema: z.unknown(), value });
  };
  const subscribeBatches = async (
    topic: string,
    handleBatch: (events: readonly DeliveredEvent<{ n: number }>[]) => Promise<void>,
    groupId = uniqueName('g'),
  ) => {
    const bus = await ctx.bus();
    const handlers = [defineHandler({ topic, schema: point, handleBatch })];
    return ctx.keep(await bus.subscribe({ groupId, fromBeginning: true, handlers }));
  };
  const deadLetters = async (topic: string) => {
    const bus = await ctx.bus();
    const dead: EventMeta[] = [];
    const handle = async (_value: unknown, meta: EventMeta) => void dead.push(meta);
    const handlers = [defineHandler({ topic: dlqTopic(topic), schema: z.unknown(), handle })];
    ctx.keep(await bus.subscribe({ groupId: uniqueName('dlq'), fromBeginning: true, handlers }));
    return dead;
  };

  test('a batch handler gets a partition in offset order, one batch of at most BATCH_LIMIT at a time', async () => {
    const bus = await ctx.bus();
    const topic = ctx.topicName('contract.batch-order');
    await bus.ensureTopics([topic]);
    const count = BATCH_LIMIT + 20;
    await publish(
      bus,
      topic,
      Array.from({ length: count }, (_, n) => ({ n })),
    );
    const batches: DeliveredEvent<{ n: number }>[][] = [];
    let inFlight = 0;
    let overlapped = false;
    await subscribeBatches(topic, async (events) => {
      overlapped ||= ++inFlight > 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      batches.push([...events]);
      inFlight--;
    });
    await waitFor(`all ${count} messages`, () => batches.flat().length >= count);
    assert.deepEqual(
      batches.flat().map((e) => e.value.n),
      Array.from({ length: count }, (_, n) => n),
    );
    const offsets = batches.flat().map((e) => BigInt(e.meta.offset));
    assert.ok(
      offsets.every((o, i) => i === 0 || o > offsets[i - 1]!),
      'offsets grow',
    );
    assert.ok(
      batches.every((b) => b.length <= BATCH_LIMIT),
      `batch sizes ${batches.map((b) => b.length).join(',')}`,
    );
    assert.ok(
      batches.some((b) => b.length > 1),
      'a backlog is handed over in batches',
    );
    assert.ok(!overlapped, "a partition's next batch waits for the one in flight");
  });

  test('a failing batch is redelivered whole and in order; nothing from it on is committed while it fails', async () => {
    const bus = await ctx.bus();
    const topic = ctx.topicName('contract.batch-retry');
    const group = uniqueName('g');
    await bus.ensureTopics([topic]);
    await publish(bus, topic, [{ n: 1 }, { n: 2 }, { n: 3 }]);
    const attempts: number[][] = [];
    const first = await subscribeBatches(
      topic,
      async (events) => {
        const ns = events.map((e) => e.value.n);
        attempts.push(ns);
        if (ns.includes(4)) throw new Error('dependency down');
      },
      group,
    );
    await waitFor('the first three handled', () => attempts.flat().includes(3));
    await publish(bus, topic, [{ n: 4 }, { n: 5 }, { n: 6 }]);
    await waitFor('three tries of the batch holding 4', () => attempts.filter((a) => a.includes(4)).length >= 3);
    await first.close();
    const failing = attempts.filter((a) => a.includes(4));
    assert.equal(failing[0]![0], 4, 'the failing batch starts after the committed ones');
    for (const again of failing) assert.deepEqual(again, failing[0], 'redelivered whole, in order');
    // A new member of the group starts where the group committed: at the failing batch.
    const seen: number[] = [];
    await subscribeBatches(topic, async (events) => void seen.push(...events.map((e) => e.value.n)), group);
    await waitFor('the rest, once the handler succeeds', () => seen.includes(6));
    assert.deepEqual(seen, [4, 5, 6]);
  });

  test('a poison message in a batch: the batch is retried one by one, the poison dead-lettered, the rest handled', async () => {
    const bus = await ctx.bus();
    const topic = ctx.topicName('contract.batch-poison');
    await bus.ensureTopics([topic]);
    const dead = await deadLetters(topic);
    await publish(bus, topic, [{ n: 1 }, { n: 13 }, { n: 'not a number' }, { n: 2 }]);
    const calls: number[][] = [];
    const handled: number[] = [];
    await subscribeBatches(topic, async (events) => {
      const ns = events.map((e) => e.value.n);
      calls.push(ns);
      if (ns.includes(13)) throw new PoisonMessageError('thirteen is unlucky');
      handled.push(...ns);
    });
    await waitFor('the good messages', () => handled.includes(2));
    await waitFor('both dead letters', () => dead.length >= 2);
    assert.deepEqual(handled, [1, 2]);
    assert.deepEqual(calls, [[1, 13, 2], [1], [13], [2]], 'the value its schema rejects never reaches the handler');
    assert.match(dead[0]!.headers[DLQ_HEADERS.reason] ?? '', /^schema: n: /);
    assert.equal(dead[1]!.headers[DLQ_HEADERS.reason], 'thirteen is unlucky');
    assert.equal(dead.length, 2);
  });
}
