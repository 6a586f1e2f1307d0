import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { defineHandler, type EventBus, type StartAt, type Subscription } from '../port';
import type { ContractCaseContext } from './batch-contract';
import { uniqueName, waitFor } from './wait-for';

const point = z.strictObject({ n: z.number().int() });

/** Holds every handle() call while shut: the partition then waits on its message. */
function createGate() {
  let open!: () => void;
  let opened = new Promise<void>((resolve) => (open = resolve));
  return {
    passed: () => opened,
    open: () => open(),
    shut: () => void (opened = new Promise<void>((resolve) => (open = resolve))),
  };
}

/** Samples caughtUp every millisecond; stop() tells whether it was ever false after true. */
function watchCaughtUp(sub: Subscription) {
  let seenTrue = false;
  let fellBack = false;
  const timer = setInterval(() => {
    const now = sub.caughtUp();
    fellBack ||= seenTrue && !now;
    seenTrue ||= now;
  }, 1);
  return { stop: () => (clearInterval(timer), fellBack) };
}

/**
 * Subscription.caughtUp, part of the EventBus contract (registered by describeEventBusContract,
 * so run against every adapter). Every message goes to one key, so to one partition.
 */
export function catchUpCases(ctx: ContractCaseContext): void {
  const publish = (bus: EventBus, topic: string, n: number) =>
    bus.publish({ topic, key: 'one-key', schema: point, value: { n } });
  const subscribe = async (
    topics: readonly string[],
    opts: { groupId?: string; fromBeginning: boolean; startAt?: StartAt },
    handle: (n: number) => Promise<void> = async () => {},
  ) => {
    const bus = await ctx.bus();
    return ctx.keep(
      await bus.subscribe({
        groupId: opts.groupId ?? uniqueName('g'),
        fromBeginning: opts.fromBeginning,
        ...(opts.startAt && { startAt: { [topics[0]!]: opts.startAt } }),
        handlers: topics.map((topic) => defineHandler({ topic, schema: point, handle: ({ n }) => handle(n) })),
      }),
    );
  };

  test('caughtUp: false while a backlog published before subscribing is unconsumed, then true for good', async () => {
    const bus = await ctx.bus();
    const [topic, empty] = [ctx.topicName('contract.catch-up'), ctx.topicName('contract.catch-up-empty')];
    await bus.ensureTopics([topic, empty]);
    for (const n of [1, 2, 3]) await publish(bus, topic, n);
    const gate = createGate();
    const received: number[] = [];
    const handled: number[] = [];
    const sub = await subscribe([topic, empty], { fromBeginning: true }, async (n) => {
      received.push(n);
      await gate.passed();
      handled.push(n);
    });
    const watch = watchCaughtUp(sub);
    try {
      assert.equal(sub.caughtUp(), false, 'nothing of the backlog is consumed yet');
      await waitFor('the first message of the backlog, held by its handler', () => received.length > 0);
      assert.equal(sub.caughtUp(), false, 'its first message is still being handled');
      gate.open();
      await waitFor('the subscription to catch up', () => sub.caughtUp());
      assert.deepEqual(handled, [1, 2, 3], 'caught up only once the whole backlog was handled');
      gate.shut();
      await publish(bus, topic, 4);
      await waitFor('the message published after catching up, held by its handler', () => received.includes(4));
      assert.equal(sub.caughtUp(), true, 'a message published after subscribing does not count');
      gate.open();
      await waitFor('the later message', () => handled.includes(4));
      assert.equal(watch.stop(), false, 'once true, caughtUp never turned false');
      assert.equal(sub.caughtUp(), true);
    } finally {
      // A failed assertion must not leave a handler held: closing waits for it.
      gate.open();
      watch.stop();
    }
  });

  test('caughtUp: true at once with nothing to replay (empty topic, new messages only, resumed group)', async () => {
    const bus = await ctx.bus();
    const [empty, used] = [ctx.topicName('contract.catch-up-none'), ctx.topicName('contract.catch-up-used')];
    await bus.ensureTopics([empty, used]);
    assert.equal((await subscribe([empty], { fromBeginning: true })).caughtUp(), true, 'an empty topic');
    for (const n of [1, 2]) await publish(bus, used, n);
    assert.equal((await subscribe([used], { fromBeginning: false })).caughtUp(), true, 'a new group, new messages');
    const later = { timestampMs: Date.now() + 3_600_000 };
    const placed = await subscribe([used], { fromBeginning: true, startAt: later });
    assert.equal(placed.caughtUp(), true, 'a new group whose startAt is after every message');
    const groupId = uniqueName('g');
    const handled: number[] = [];
    const first = await subscribe([used], { groupId, fromBeginning: true }, async (n) => void handled.push(n));
    await waitFor('the first member to catch up', () => first.caughtUp());
    assert.deepEqual(handled, [1, 2]);
    await first.close();
    const resumed = await subscribe([used], { groupId, fromBeginning: true });
    assert.equal(resumed.caughtUp(), true, 'a group resuming after its last message');
  });
}
