import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectRedis, waitReady } from '@hunt/redis-connection';
import { ensureRedisCluster, redisClusterNodes } from './index';

void test('the Redis Cluster comes up once, is reused after, and is a real cluster', { timeout: 60_000 }, async (t) => {
  const first = await ensureRedisCluster();
  const t0 = performance.now();
  const again = await ensureRedisCluster();
  t.diagnostic(`reused in ${Math.round(performance.now() - t0)} ms`);
  assert.equal(again.started, false, 'a healthy cluster is reused, not recreated');
  assert.equal(again.url, first.url);

  const nodes = await redisClusterNodes();
  const primaries = nodes.filter((n) => n.role === 'primary');
  assert.equal(primaries.length, 3);
  assert.equal(
    primaries.reduce((n, p) => n + p.slots.reduce((m, [a, b]) => m + b - a + 1, 0), 0),
    16384,
  );
  for (const p of primaries)
    assert.ok(
      nodes.some((n) => n.primaryPort === p.port),
      `primary ${p.port} has a replica`,
    );

  const client = connectRedis(first.url, () => {});
  try {
    await waitReady(client, 5000);
    await client.set('infra-test:{a}', '1', 'PX', 5000);
    assert.equal(await client.get('infra-test:{a}'), '1');
    // Keys of two slots in one command: refused by a real cluster (one server would accept it).
    await assert.rejects(
      client.eval("return redis.call('MGET', KEYS[1], KEYS[2])", 2, 'x:{a}', 'x:{b}'),
      /CROSSSLOT|same slot/i,
    );
  } finally {
    await client.quit();
  }
});
