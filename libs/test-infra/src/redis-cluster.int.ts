/**
 * Integration: the Redis Cluster tools/infra provides is a real cluster of three primaries with
 * one replica each. Uses keys unique to this run and stops nothing, so it can share the cluster
 * with other tests; killing nodes and failovers are redis-cluster.chaos.ts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { waitReady } from '@hunt/redis-connection';
import { Cluster, Redis } from 'ioredis';
import { ensureRedisCluster, redisClusterNodes, redisClusterPrimaryOf, redisClusterStatus } from './index';
import { HOST } from './paths';

const runId = randomBytes(4).toString('hex');
const elapsed = (t0: number) => Math.round(performance.now() - t0);

/** The seed nodes of a redis-cluster:// URL. */
function seeds(url: string): { host: string; port: number }[] {
  return url
    .replace(/^redis-cluster:\/\//, '')
    .split(',')
    .map((hp) => ({ host: hp.split(':')[0]!, port: Number(hp.split(':')[1]) }));
}

function newCluster(url: string): Cluster {
  const client = new Cluster(seeds(url), {
    enableOfflineQueue: false,
    redisOptions: { connectTimeout: 1_000, commandTimeout: 2_000, maxRetriesPerRequest: 1 },
  });
  client.on('error', () => {}); // failures surface through the awaited commands
  return client;
}

function newNode(port: number): Redis {
  const client = new Redis({ host: HOST, port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {});
  return client;
}

const t0 = performance.now();
const cluster = await ensureRedisCluster();
const firstMs = elapsed(t0);

void test('ensureRedisCluster: whole once it resolves, reused by a second call', async (t) => {
  t.diagnostic(`first ensure: ${cluster.started ? 'started' : 'reused'} in ${firstMs} ms`);
  const t1 = performance.now();
  const again = await ensureRedisCluster();
  t.diagnostic(`second ensure: ${again.started ? 'started' : 'reused'} in ${elapsed(t1)} ms`);
  assert.equal(again.started, false, 'a cluster that serves is reused, not recreated');
  assert.equal(again.url, cluster.url);
  assert.match(cluster.url, /^redis-cluster:\/\/127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){5}$/);
  assert.equal((await redisClusterStatus()).serving, true);

  const nodes = await redisClusterNodes();
  const primaries = nodes.filter((n) => n.role === 'primary');
  assert.equal(nodes.length, 6);
  assert.equal(primaries.length, 3);
  assert.equal(
    primaries.reduce((sum, p) => sum + p.slots.reduce((m, [a, b]) => m + b - a + 1, 0), 0),
    16384,
  );
  for (const p of primaries) {
    const replicas = nodes.filter((n) => n.primaryPort === p.port && !n.failed);
    assert.equal(replicas.length, 1, `primary ${p.port} has one replica`);
  }
  t.diagnostic(
    `primaries ${primaries.map((p) => `${p.port} (replica ${nodes.find((n) => n.primaryPort === p.port)?.port})`).join(', ')}`,
  );
});

void test("a key written through a Cluster client lands on its slot's primary and reads back", async (t) => {
  const key = `infra-test:${runId}:treasure`;
  const client = newCluster(cluster.url);
  const owner = await redisClusterPrimaryOf(key);
  const other = (await redisClusterNodes()).find((n) => n.role === 'primary' && n.port !== owner.port)!;
  const direct = newNode(owner.port);
  const elsewhere = newNode(other.port);
  try {
    await waitReady(client, 10_000);
    const t1 = performance.now();
    assert.equal(await client.set(key, 'gold', 'EX', 60), 'OK');
    assert.equal(await client.get(key), 'gold');
    t.diagnostic(`SET+GET through the Cluster client: ${elapsed(t1)} ms; key on primary ${owner.port}`);
    await direct.connect();
    assert.equal(await direct.get(key), 'gold', 'the slot owner holds the key itself');
    await elsewhere.connect();
    // Another primary does not hold the key: it redirects to the owner, as only a cluster does.
    await assert.rejects(elsewhere.get(key), new RegExp(`MOVED \\d+ ${HOST}:${owner.port}`));
  } finally {
    await client.del(key).catch(() => {});
    client.disconnect();
    direct.disconnect();
    elsewhere.disconnect();
  }
});

void test('a multi-key command over two slots is refused with CROSSSLOT', async () => {
  // Two hash tags, two slots (a single Redis would accept both commands).
  const a = `infra-test:${runId}:{a}`;
  const b = `infra-test:${runId}:{b}`;
  const client = newCluster(cluster.url);
  const node = newNode((await redisClusterPrimaryOf(a)).port);
  try {
    await waitReady(client, 10_000);
    await assert.rejects(client.mset(a, '1', b, '2'), /CROSSSLOT/);
    await node.connect();
    await assert.rejects(node.mget(a, b), /CROSSSLOT/);
    // The same keys in one slot are fine: the refusal is about slots, not about MSET.
    assert.equal(await client.mset(`${a}:1`, '1', `${a}:2`, '2'), 'OK');
  } finally {
    await client.del(`${a}:1`, `${a}:2`).catch(() => {});
    client.disconnect();
    node.disconnect();
  }
});
