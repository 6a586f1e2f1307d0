import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ulid, type TreasureSpawnedV1 } from '@hunt/contracts';
import type { PublishRequest } from '@hunt/event-bus';
import { Registry } from 'prom-client';
import { createSpawnerMetrics } from './metrics';
import { createPublishBuffer } from './publish-buffer';
import { manualClock, SEASON_MS } from './testing/spawner-harness';

const TTL_MS = 60_000;

const spawned = (n: number, at = SEASON_MS): TreasureSpawnedV1[] =>
  Array.from({ length: n }, (_, i) => ({
    treasure_id: ulid(at + i),
    zone_id: i % 2 ? 'alpha' : 'beta',
    lat: 1,
    lng: 2,
    tier: 'common',
    spawned_at: at,
    expires_at: at + TTL_MS,
    config_version: 7,
  }));

/** A bus whose publishes stay pending until the test settles them, oldest first. */
function manualBus() {
  const pending: { id: string; resolve(): void; reject(e: Error): void }[] = [];
  const published: string[] = [];
  return {
    pending,
    published,
    publish: (r: PublishRequest<unknown>) =>
      new Promise<void>((resolve, reject) => {
        const id = (r.value as TreasureSpawnedV1).treasure_id;
        pending.push({ id, resolve: () => (published.push(id), resolve()), reject });
      }),
    /** Settles the oldest `n` pending publishes and lets their callbacks run. */
    async settle(n: number, outcome: 'ack' | 'fail') {
      for (const p of pending.splice(0, n)) {
        if (outcome === 'ack') p.resolve();
        else p.reject(new Error('broker down'));
      }
      await new Promise((r) => setImmediate(r));
    },
  };
}

function setup(opts: { capacity?: number; maxInFlight?: number } = {}) {
  const clock = manualClock(SEASON_MS);
  const bus = manualBus();
  const metrics = createSpawnerMetrics(new Registry());
  const errors: unknown[] = [];
  const buffer = createPublishBuffer({
    bus,
    capacity: opts.capacity ?? 100,
    maxInFlight: opts.maxInFlight ?? 3,
    metrics,
    now: clock.now,
    onPublishError: (e) => errors.push(e),
  });
  const dropped = async (reason: string) =>
    (await metrics.dropped.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
  return { clock, bus, metrics, buffer, errors, dropped };
}

describe('publish buffer', () => {
  test('hands events to the bus as they come, never more than maxInFlight unacknowledged', async () => {
    const { bus, buffer } = setup({ maxInFlight: 3 });
    const events = spawned(5);
    buffer.push(events);
    assert.equal(bus.pending.length, 3);
    assert.equal(buffer.depth(), 5, 'in flight still counts until acknowledged');
    await bus.settle(1, 'ack');
    assert.equal(bus.pending.length, 3, 'one acknowledged, one more handed out');
    await bus.settle(3, 'ack');
    await bus.settle(1, 'ack');
    assert.deepEqual(
      bus.published,
      events.map((e) => e.treasure_id),
    );
    assert.equal(buffer.depth(), 0);
  });

  test('capacity counts events in flight; what does not fit is dropped and counted', async () => {
    const { bus, buffer, dropped } = setup({ capacity: 4, maxInFlight: 3 });
    buffer.push(spawned(3));
    buffer.push(spawned(3, SEASON_MS + 10));
    assert.equal(buffer.depth(), 4);
    assert.equal(await dropped('buffer_full'), 2);
    await bus.settle(3, 'ack');
    assert.equal(buffer.depth(), 1);
  });

  test('a failed publish is retried first and in order once the broker is back; nothing is lost', async () => {
    const { bus, buffer, errors, dropped } = setup({ maxInFlight: 3 });
    const events = spawned(6);
    buffer.push(events.slice(0, 4));
    await bus.settle(3, 'fail'); // three in flight fail; the fourth waits
    assert.equal(errors.length, 1, 'reported once per round, not once per event');
    assert.equal(bus.pending.length, 0, 'nothing handed out while a retry is pending');
    buffer.push(events.slice(4));
    assert.equal(buffer.depth(), 6);
    // After the back-off (100 ms), the failed three go first, then the rest in push order.
    const retried = await (async () => {
      for (let i = 0; i < 50 && bus.pending.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      return bus.pending.map((p) => p.id);
    })();
    assert.deepEqual(
      retried,
      events.slice(0, 3).map((e) => e.treasure_id),
    );
    for (let i = 0; i < 3; i++) await bus.settle(3, 'ack');
    assert.deepEqual(
      bus.published,
      events.map((e) => e.treasure_id),
    );
    assert.equal(buffer.depth(), 0);
    assert.equal(await dropped('expired'), 0);
  });

  test('an event whose treasure expired while its retry waited is dropped as expired', async () => {
    const { clock, bus, buffer, dropped } = setup({ maxInFlight: 2 });
    buffer.push(spawned(2));
    await bus.settle(2, 'fail');
    assert.equal(buffer.depth(), 2, 'kept for the retry');
    clock.advance(TTL_MS); // the treasures expire during the back-off
    for (let i = 0; i < 50 && buffer.depth() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(buffer.depth(), 0);
    assert.equal(await dropped('expired'), 2);
    assert.equal(bus.pending.length, 0, 'not published late');
  });

  test('close waits for the events in flight; those that failed stay counted as left', async () => {
    const { bus, buffer } = setup({ maxInFlight: 2 });
    buffer.push(spawned(3));
    const closed = buffer.close();
    await bus.settle(1, 'ack');
    await bus.settle(1, 'fail');
    await closed;
    assert.equal(bus.pending.length, 0, 'nothing handed out after close');
    assert.equal(buffer.depth(), 2, 'the failed one and the one never sent');
  });
});
