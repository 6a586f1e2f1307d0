/**
 * Chaos: stopping and restarting the shared Redis. tools/test/run.ts runs *.chaos.ts files
 * alone, after the rest, because every other test loses its server meanwhile.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { ensureInfra, startRedis, stopRedis } from './index';
import { pingRedis } from './redis';

const infra = await ensureInfra();

function newRedis(): Redis {
  const client = new Redis(infra.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {}); // failures surface through the awaited commands
  return client;
}

void test('stopRedis makes PING fail fast; startRedis brings it back', { timeout: 30_000 }, async () => {
  const port = Number(new URL(infra.redisUrl).port);
  try {
    await stopRedis();
    const t0 = Date.now();
    assert.equal(await pingRedis(port, 2_000), false);
    assert.ok(Date.now() - t0 < 1_000, 'PING against a stopped Redis should be refused at once, not time out');

    const client = newRedis();
    try {
      await assert.rejects(client.connect());
    } finally {
      client.disconnect();
    }
  } finally {
    await startRedis();
  }
  assert.equal(await pingRedis(port), true);
  const client = newRedis();
  try {
    await client.connect();
    assert.equal(await client.ping(), 'PONG');
  } finally {
    client.disconnect();
  }
});
