import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createReadLimiter } from '../rate-limit/read-limiter';
import { buildTestHuntApp } from '../testing/test-app';

const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

/** The HTTP edges a client, a proxy or a fuzzer meets first. */
describe('HTTP edges of the player API', () => {
  test('a body over the limit is a 413 naming the limit', async () => {
    const { app, auth } = await buildTestHuntApp();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/treasures/01JF0000000000000000000000/claim',
      headers: { ...auth('p1'), 'content-type': 'application/json' },
      payload: JSON.stringify({ lat: 1, lng: 1, pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(codeOf(res).code, 'HUNT_ERR_PAYLOAD_TOO_LARGE');
    assert.match(codeOf(res).message, /limit of 1048576 bytes/);
  });

  test('a method a route does not declare is a 405 with Allow; an unknown path stays a 404', async () => {
    const { app, auth } = await buildTestHuntApp();
    for (const [method, url, allow] of [
      ['DELETE', '/v1/treasures', 'GET, HEAD'],
      ['TRACE', '/v1/zones', 'GET, HEAD'],
      ['GET', '/v1/treasures/01JF0000000000000000000000/claim', 'POST'],
    ] as const) {
      const res = await app.inject({ method, url, headers: auth('p1') });
      assert.equal(res.statusCode, 405, `${method} ${url}: ${res.body}`);
      assert.equal(res.headers['allow'], allow);
      assert.equal(codeOf(res).code, 'HUNT_ERR_METHOD_NOT_ALLOWED');
    }
    const missing = await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth('p1') });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['allow'], undefined);
  });

  test('429 answers carry Retry-After', async () => {
    const nowMs = 1_800_000_000_000;
    const { app, auth } = await buildTestHuntApp({
      readLimiter: createReadLimiter({ limitPerS: 1, now: () => nowMs }),
    });
    await app.inject({ url: '/v1/zones', headers: auth('p1') });
    const res = await app.inject({ url: '/v1/zones', headers: auth('p1') });
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers['retry-after'], '1');
  });

  test("every response carries an x-request-id (the client's, or a new one), and errors are logged with it", async () => {
    const logged: string[] = [];
    const { app, auth } = await buildTestHuntApp({
      logError: (_err, requestId) => void logged.push(requestId),
      loot: {
        claim: () => Promise.reject(new Error('boom')),
        getPlayer: () => Promise.reject(new Error('boom')),
        getLeaderboard: () => Promise.reject(new Error('boom')),
        close: () => {},
      },
    });
    const own = await app.inject({ url: '/v1/zones', headers: { ...auth('p1'), 'x-request-id': 'client-42' } });
    assert.equal(own.headers['x-request-id'], 'client-42');
    const made = await app.inject({ url: '/healthz' });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const failed = await app.inject({ url: '/v1/players/me', headers: auth('p1') });
    assert.equal(failed.statusCode, 500);
    assert.deepEqual(logged, [failed.headers['x-request-id']]);
  });
});
