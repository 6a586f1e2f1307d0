import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waitFor } from '@hunt/event-bus/testing';
import { createReadLimiter, type CounterSync } from './read-limiter';

/** A shared counter store in memory: what Redis does for the limiter, for two "replicas". */
function sharedCounters(): CounterSync & { totals: Map<string, number> } {
  const totals = new Map<string, number>();
  return {
    totals,
    async add(entries) {
      return entries.map((e) => totals.set(e.key, (totals.get(e.key) ?? 0) + e.delta).get(e.key)!);
    },
  };
}

describe('read limiter', () => {
  test('admits limitPerS reads per player per second, then refuses until the next second', () => {
    let now = 1_000;
    const limiter = createReadLimiter({ limitPerS: 3, now: () => now });
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.allow('ada')),
      [true, true, true, false],
    );
    assert.equal(limiter.allow('bob'), true);
    now = 2_000;
    assert.equal(limiter.allow('ada'), true);
  });

  test('tells each player its quota: the limit, reads left this second, and when it resets', () => {
    let now = 1_000;
    const limiter = createReadLimiter({ limitPerS: 2, now: () => now });
    assert.deepEqual(limiter.quota('ada'), { limit: 2, remaining: 2, resetS: 1 });
    limiter.allow('ada');
    now = 1_999;
    assert.deepEqual(limiter.quota('ada'), { limit: 2, remaining: 1, resetS: 1 });
    limiter.allow('ada');
    limiter.allow('ada');
    assert.equal(limiter.quota('ada').remaining, 0, 'a refused read leaves none, not fewer');
    now = 2_000;
    assert.equal(limiter.quota('ada').remaining, 2);
  });

  test('replicas sharing counters enforce one limit between them', async () => {
    const now = () => 5_000;
    const store = sharedCounters();
    const a = createReadLimiter({ limitPerS: 4, now, sync: store, syncIntervalMs: 5 });
    const b = createReadLimiter({ limitPerS: 4, now, sync: store, syncIntervalMs: 5 });
    assert.equal(a.allow('ada') && a.allow('ada') && a.allow('ada'), true);
    await waitFor('a to sync', () => store.totals.get('ada:5') === 3);
    await waitFor('b to learn the total', () => {
      b.allow('ada');
      return store.totals.get('ada:5') === 4;
    });
    assert.equal(b.allow('ada'), false);
    await Promise.all([a.close(), b.close()]);
  });

  test('fails open to local counting when the store is down', async () => {
    const errors: unknown[] = [];
    const down: CounterSync = { add: () => Promise.reject(new Error('down')) };
    const limiter = createReadLimiter({
      limitPerS: 2,
      now: () => 0,
      sync: down,
      syncIntervalMs: 5,
      onSyncError: (e) => errors.push(e),
    });
    assert.equal(limiter.allow('ada'), true);
    await waitFor('a failed sync', () => errors.length > 0);
    assert.deepEqual([limiter.allow('ada'), limiter.allow('ada')], [true, false]);
    await limiter.close();
  });
});
