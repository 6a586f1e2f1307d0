import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestHuntApp } from './testing/test-app';
import { Counter, Registry } from 'prom-client';

// The routes themselves are specified in libs/hunt; these check the ops surface the app serves.
describe('the hunt app ops surface', () => {
  test('every response carries x-config-version, errors included', async () => {
    const { app } = await buildTestHuntApp();
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/no-such-route', '/v1/zones']) {
      const res = await app.inject({ url });
      assert.equal(res.headers['x-config-version'], '7', url);
    }
    assert.equal((await app.inject({ url: '/no-such-route' })).statusCode, 404);
  });

  test('/readyz is 503 naming the failing check, 200 when all pass', async () => {
    const down = await buildTestHuntApp({
      readiness: [{ name: 'event-bus', check: () => Promise.reject(new Error('down')) }],
    });
    const res = await down.app.inject({ url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'not-ready', checks: { 'event-bus': 'failing' } });
    const up = await buildTestHuntApp({ readiness: [{ name: 'event-bus', check: () => true }] });
    assert.equal((await up.app.inject({ url: '/readyz' })).statusCode, 200);
  });

  test('/metrics serves the injected registry with the API RED metrics', async () => {
    const registry = new Registry();
    registry.registerMetric(new Counter({ name: 'probe_total', help: 'probe', registers: [] }));
    const { app } = await buildTestHuntApp({ registry });
    await app.inject({ url: '/v1/zones' });
    const res = await app.inject({ url: '/metrics' });
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(res.body, /^probe_total 0$/m);
    assert.match(
      res.body,
      /^http_request_duration_seconds_count\{method="GET",route="\/v1\/zones",status_code="401"\} 1$/m,
    );
    assert.match(res.body, /^http_request_duration_seconds_bucket\{le="0.3",/m);
  });
});
