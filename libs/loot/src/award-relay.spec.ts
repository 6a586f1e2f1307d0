import { shardAt } from '@hunt/world';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInMemoryEventBus, EventBusUnavailableError, type EventBus } from '@hunt/event-bus';
import { waitFor } from '@hunt/event-bus/testing';
import { createInMemoryTreasureStore } from '@hunt/loot-store';
import { claimOf, makeTreasure, T0, TEST_RULES } from '@hunt/loot-store/testing';
import { createLogger } from '@hunt/service-kit';
import { Registry } from 'prom-client';
import { startAwardRelay } from './award-relay';
import { createLootMetrics } from './metrics';

const TOPIC = 'awards';

test('the relay publishes each won award with its config version, acks it, and rides out a broker outage', async () => {
  const store = createInMemoryTreasureStore(TEST_RULES, { configVersion: 4 });
  const memory = createInMemoryEventBus({ configVersion: 99 });
  let down = true;
  const bus: EventBus = {
    ...memory,
    publish: (r) => (down ? Promise.reject(new EventBusUnavailableError('down')) : memory.publish(r)),
  };
  const registry = new Registry();
  const relay = startAwardRelay({
    outbox: store.outbox,
    bus,
    topic: TOPIC,
    metrics: createLootMetrics(registry),
    logger: createLogger('test', 'silent'),
    maxBackoffMs: 20,
    statsIntervalMs: 10,
  });
  try {
    const ts = Array.from({ length: 5 }, () => makeTreasure());
    for (const [i, t] of ts.entries()) {
      await store.materialise(t, T0);
      assert.equal((await store.claim(claimOf(t, `p${i}`))).kind, 'won');
    }
    await store.claim(claimOf(ts[0]!, 'p0')); // a replay: no second entry
    const errors = async () => (await registry.getSingleMetric('loot_award_relay_errors_total')!.get()).values;
    await waitFor('failed rounds', async () => (await errors()).some((v) => v.value >= 2));
    assert.equal((await store.outbox.stats()).depth, 5, 'nothing acked while the broker is down');
    down = false;
    await waitFor('all five on the topic', () => memory.messages(TOPIC).length === 5);
    await waitFor('the outbox drained', async () => (await store.outbox.stats()).depth === 0);
    const messages = memory.messages(TOPIC);
    assert.deepEqual(
      messages.map((m) => (JSON.parse(m.value) as { treasure_id: string }).treasure_id),
      ts.map((t) => t.treasureId),
    );
    assert.ok(messages.every((m) => m.headers['config-version'] === '4' && m.key === shardAt(10.1, 20.1)));
    assert.match(await registry.getSingleMetricAsString('loot_award_relay_published_total'), / 5$/m);
    await waitFor('the depth gauge', async () =>
      / 0$/m.test(await registry.getSingleMetricAsString('loot_award_outbox_depth')),
    );
  } finally {
    await relay.close();
  }
});
