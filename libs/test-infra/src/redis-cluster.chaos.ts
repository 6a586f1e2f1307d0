/**
 * Chaos: a Redis Cluster primary killed (its replica takes over, a client rides it out, the node
 * rejoins as a replica) and a manual CLUSTER FAILOVER. tools/test/run.ts runs *.chaos.ts files
 * alone, after the rest: every test on the cluster would see the outage. Each test leaves the
 * cluster whole for the next file.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitReady } from '@hunt/redis-connection';
import { Cluster } from 'ioredis';
import {
  ensureRedisCluster,
  failoverRedisCluster,
  killRedisClusterNode,
  redisClusterNodes,
  redisClusterPrimaryOf,
  restartRedisClusterNode,
  waitRedisClusterHealthy,
} from './index';

const runId = randomBytes(4).toString('hex');
const { url } = await ensureRedisCluster();
/** The client's per-command bound: a command to a dead node fails after this, never hangs. */
const COMMAND_TIMEOUT_MS = 500;
/** A failed command slower than this is a hang, not a fast error (timeout plus scheduling slack on a busy machine). */
const FAST_MS = 1_500;
/** Node timeout 2 s + failure report + election: a few seconds; more means the failover is broken. */
const PROMOTION_BOUND_MS = 15_000;

/** A client configured like services' (libs/redis-connection): fails fast, follows the slot map. */
function newCluster(): Cluster {
  const seeds = url
    .replace(/^redis-cluster:\/\//, '')
    .split(',')
    .map((hp) => ({ host: hp.split(':')[0]!, port: Number(hp.split(':')[1]) }));
  const client = new Cluster(seeds, {
    enableOfflineQueue: false,
    clusterRetryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
    maxRedirections: 16,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    slotsRefreshTimeout: 1_000,
    slotsRefreshInterval: 2_000,
    redisOptions: { connectTimeout: 1_000, commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 },
  });
  client.on('error', () => {}); // failures surface through the awaited commands
  return client;
}

interface Write {
  at: number;
  ms: number;
  error?: string;
}

/** Writes `key` every 20 ms until stopped; every attempt is recorded. */
function writer(client: Cluster, key: string) {
  const writes: Write[] = [];
  let running = true;
  let n = 0;
  let lastOk = '';
  const done = (async () => {
    while (running) {
      const at = performance.now();
      try {
        const value = String(++n);
        await client.set(key, value, 'EX', 60);
        lastOk = value;
        writes.push({ at, ms: performance.now() - at });
      } catch (err) {
        writes.push({ at, ms: performance.now() - at, error: err instanceof Error ? err.message : String(err) });
      }
      await sleep(20);
    }
  })();
  return {
    writes,
    /** The value of the last write that succeeded. */
    lastOk: () => lastOk,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe('Redis Cluster faults', { timeout: 120_000 }, () => {
  let down: number | null = null;
  after(async () => {
    if (down !== null) await restartRedisClusterNode(down).catch(() => {});
    await waitRedisClusterHealthy(60_000); // leave the cluster whole for the next file
  });

  test('a killed primary: its replica takes over, a client sees fast errors then succeeds, the node rejoins as replica', async (t) => {
    const key = `infra-chaos:${runId}:{victim}`;
    const victim = (await redisClusterPrimaryOf(key)).port;
    const heir = (await redisClusterNodes()).find((n) => n.primaryPort === victim && !n.failed)?.port;
    assert.ok(heir !== undefined, `primary ${victim} has a replica`);
    const client = newCluster();
    await waitReady(client, 10_000);
    const w = writer(client, key);
    try {
      while (w.writes.filter((x) => !x.error).length < 5) await sleep(20);

      const killedAt = performance.now();
      await killRedisClusterNode(victim);
      down = victim;
      // Every answering node has all slots ok again: the heir serves the victim's slots.
      const promotedMs = await waitRedisClusterHealthy(PROMOTION_BOUND_MS, { whole: false });
      const recovered = await (async () => {
        for (const deadline = performance.now() + 10_000; performance.now() < deadline; await sleep(20)) {
          const ok = w.writes.find((x) => x.at > killedAt && !x.error && w.writes.some((e) => e.error && e.at < x.at));
          if (ok) return ok;
        }
        return null;
      })();
      await w.stop();

      const failed = w.writes.filter((x) => x.error);
      const slowest = Math.max(...failed.map((x) => x.ms));
      t.diagnostic(
        `replica ${heir} promoted ${Math.round(promotedMs)} ms after the kill of ${victim}; ` +
          `${failed.length} writes failed (slowest ${Math.round(slowest)} ms: ${failed.at(-1)?.error}); ` +
          `first write after the outage ${recovered ? Math.round(recovered.at - killedAt) : '-'} ms after the kill`,
      );
      assert.ok(failed.length > 0, 'the writer saw the outage (else it wrote elsewhere)');
      assert.ok(slowest < FAST_MS, `a failed write took ${Math.round(slowest)} ms: errors must be fast`);
      assert.ok(recovered, 'the same client writes again after the failover, without being recreated');
      assert.equal((await redisClusterNodes()).find((n) => n.port === heir)?.role, 'primary');
      assert.equal(await client.get(key), w.lastOk(), 'the last write landed on the new primary');
      assert.equal((await redisClusterPrimaryOf(key)).port, heir);

      const restartedAt = performance.now();
      await restartRedisClusterNode(victim);
      down = null;
      const wholeMs = await waitRedisClusterHealthy(30_000);
      const back = (await redisClusterNodes()).find((n) => n.port === victim);
      t.diagnostic(
        `node ${victim} restarted: cluster whole again after ${Math.round(performance.now() - restartedAt)} ms (wait ${wholeMs} ms)`,
      );
      assert.equal(back?.role, 'replica', 'the restarted node rejoins as a replica');
      assert.equal(back?.primaryPort, heir, 'of the replica that replaced it');
      assert.equal(await client.get(key), w.lastOk());
    } finally {
      await w.stop();
      client.disconnect();
    }
  });

  test('CLUSTER FAILOVER swaps a primary and its replica, and a client follows', async (t) => {
    const key = `infra-chaos:${runId}:{manual}`;
    const primary = (await redisClusterPrimaryOf(key)).port;
    const client = newCluster();
    try {
      await waitReady(client, 10_000);
      await client.set(key, 'before', 'EX', 60);
      const { newPrimaryPort, ms } = await failoverRedisCluster(primary);
      t.diagnostic(`CLUSTER FAILOVER of ${primary} to ${newPrimaryPort}: roles swapped in ${ms} ms`);
      const nodes = await redisClusterNodes();
      assert.equal(nodes.find((n) => n.port === newPrimaryPort)?.role, 'primary');
      assert.equal(nodes.find((n) => n.port === primary)?.role, 'replica');
      assert.equal(nodes.find((n) => n.port === primary)?.primaryPort, newPrimaryPort);
      // A manual failover loses nothing: the replica caught up before taking over.
      assert.equal(await client.get(key), 'before');
      const t1 = performance.now();
      await client.set(key, 'after', 'EX', 60);
      assert.equal(await client.get(key), 'after');
      t.diagnostic(`first write after the failover: ${Math.round(performance.now() - t1)} ms`);
      await waitRedisClusterHealthy(30_000);
    } finally {
      await client.del(key).catch(() => {});
      client.disconnect();
    }
  });
});
