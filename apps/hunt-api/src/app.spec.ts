import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Registry } from 'prom-client';
import type { ReadinessCheck } from '@hunt/service-kit';
import { createTestConfig } from '@hunt/static-config/testing';
import { buildApp } from './app';

describe('hunt-api app', () => {
  const loaded = createTestConfig();

  test('every response carries x-config-version, errors included', async () => {
    const app = await buildApp({ loaded, registry: new Registry() });
    for (const url of ['/healthz', '/readyz', '/metrics', '/no-such-route']) {
      const res = await app.inject({ url });
      assert.equal(res.headers['x-config-version'], '7', url);
    }
    assert.equal((await app.inject({ url: '/no-such-route' })).statusCode, 404);
  });

  test('/readyz is 503 naming the failing check, 200 when all pass', async () => {
    let redisUp = false;
    const readiness: ReadinessCheck[] = [
      { name: 'redis', check: () => redisUp },
      { name: 'loot-service', check: () => Promise.reject(new Error('down')) },
    ];
    const app = await buildApp({ loaded, registry: new Registry(), readiness });
    const down = await app.inject({ url: '/readyz' });
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), { status: 'not-ready', checks: { redis: 'failing', 'loot-service': 'failing' } });
    redisUp = true;
    readiness[1] = { name: 'loot-service', check: () => Promise.resolve(true) };
    const up = await buildApp({ loaded, registry: new Registry(), readiness });
    assert.equal((await up.inject({ url: '/readyz' })).statusCode, 200);
  });

  test('/metrics serves the injected registry in Prometheus text format', async () => {
    const registry = new Registry();
    registry.registerMetric(
      new (await import('prom-client')).Counter({ name: 'probe_total', help: 'probe', registers: [] }),
    );
    const app = await buildApp({ loaded, registry });
    const res = await app.inject({ url: '/metrics' });
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(res.body, /^probe_total 0$/m);
  });
});
