import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { uniqueName, waitFor } from '@hunt/event-bus/testing';
import { closeRedis, connectRedis, waitReady, type RedisClient } from '@hunt/redis-connection';
import { deleteRedisKeys, redisTestTargets } from '@hunt/redis-connection/testing';
import { createReadLimiter } from './read-limiter';
import { createRedisCounterSync } from './redis-counter-sync';

/** Nothing listens here: connecting is refused at once, as when Redis is down. */
const CLOSED_PORT = { redis: 'redis://127.0.0.1:1', 'redis cluster': 'redis-cluster://127.0.0.1:1' };

for (const { name, url } of redisTestTargets()) {
  // Each run has its own key prefix on the shared server; cleanup deletes only that prefix.
  const prefix = uniqueName('test:hunt-rl');
  const clients: RedisClient[] = [];

  /** A connection as the hunt API makes it (the service's own options), ready to use. */
  const replicaConnection = async (): Promise<RedisClient> => {
    const redis = connectRedis(url, () => {});
    clients.push(redis);
    await waitReady(redis, 5000);
    return redis;
  };

  /** The key layout the sync documents: `<prefix>:rl:reads:{<player>:<second>}`. */
  const keyOf = (counter: string) => `${prefix}:rl:reads:{${counter}}`;

  /** The test's own connection, to read what the replicas wrote. */
  let inspect: RedisClient;
  before(async () => {
    inspect = await replicaConnection();
  });
  after(async () => {
    await deleteRedisKeys(url, prefix);
    await Promise.all(clients.map((c) => closeRedis(c)));
  });

  describe(`read-limiter counters on real Redis (${name})`, () => {
    test('two replicas adding to one counter see the summed total, under the documented key', async () => {
      const a = createRedisCounterSync(await replicaConnection(), prefix);
      const b = createRedisCounterSync(await replicaConnection(), prefix);
      assert.deepEqual(
        await a.add(
          [
            { key: 'ada:100', delta: 3 },
            { key: 'bob:100', delta: 1 },
          ],
          2000,
        ),
        [3, 1],
      );
      assert.deepEqual(await b.add([{ key: 'ada:100', delta: 2 }], 2000), [5]);
      assert.equal(await inspect.get(keyOf('ada:100')), '5');
      // Another deployment on the same server (another prefix) counts on its own.
      const other = createRedisCounterSync(await replicaConnection(), `${prefix}-other`);
      assert.deepEqual(await other.add([{ key: 'ada:100', delta: 1 }], 2000), [1]);
    });

    test('a counter expires ttlMs after its last add', async () => {
      const sync = createRedisCounterSync(await replicaConnection(), prefix);
      await sync.add([{ key: 'ada:200', delta: 1 }], 2000);
      const ttl = await inspect.pttl(keyOf('ada:200'));
      assert.ok(ttl > 0 && ttl <= 2000, `pttl ${ttl}`);
      await sync.add([{ key: 'ada:201', delta: 1 }], 100);
      await waitFor('the 100 ms counter to expire', async () => (await inspect.exists(keyOf('ada:201'))) === 0, 3000);
    });

    test('two limiters (replicas) sharing Redis enforce one limit between them', async () => {
      const now = () => 5_000;
      const replica = async () =>
        createReadLimiter({
          limitPerS: 4,
          now,
          sync: createRedisCounterSync(await replicaConnection(), prefix),
          syncIntervalMs: 5,
        });
      const [a, b] = [await replica(), await replica()];
      assert.equal(a.allow('ada') && a.allow('ada') && a.allow('ada'), true);
      await waitFor('a to sync', async () => (await inspect.get(keyOf('ada:5'))) === '3');
      assert.equal(b.allow('ada'), true, "b admits its first read: it has not seen a's yet");
      // Until b's sync round resolves it knows only its own read (Redis may already hold 4 while
      // the reply is in flight): wait for what b knows, not for what Redis holds.
      await waitFor('b to learn the total', () => b.quota('ada').remaining === 0);
      assert.equal(await inspect.get(keyOf('ada:5')), '4');
      assert.equal(b.allow('ada'), false, 'b refuses the fifth read of the second: 3 on a + 1 on b');
      const ttl = await inspect.pttl(keyOf('ada:5'));
      assert.ok(ttl > 0 && ttl <= 2000, `the limiter's counters expire (pttl ${ttl})`);
      await Promise.all([a.close(), b.close()]);
    });

    // The documented contract: with Redis away, the limiter "fails open" to per-replica counting;
    // a sync error is reported, never thrown into a request, and nothing waits on the dead store.
    test(
      'with Redis unreachable, adds reject at once and the limiter limits on local counts',
      { timeout: 10_000 },
      async (t) => {
        const down = connectRedis(CLOSED_PORT[name], () => {});
        // Also after a timeout: a reconnecting client would keep the test process alive.
        t.after(() => down.disconnect());
        const sync = createRedisCounterSync(down, prefix);
        const started = Date.now();
        await assert.rejects(sync.add([{ key: 'ada:1', delta: 1 }], 2000));
        assert.ok(Date.now() - started < 1000, `add took ${Date.now() - started} ms to fail`);

        const errors: unknown[] = [];
        const limiter = createReadLimiter({
          limitPerS: 2,
          now: () => 0,
          sync,
          syncIntervalMs: 5,
          onSyncError: (e) => errors.push(e),
        });
        assert.equal(limiter.allow('ada'), true);
        await waitFor('two failed sync rounds', () => errors.length >= 2, 5000);
        assert.deepEqual([limiter.allow('ada'), limiter.allow('ada')], [true, false]);
        await limiter.close();
      },
    );
  });
}
