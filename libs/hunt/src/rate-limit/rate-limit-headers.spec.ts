import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../http/errors';
import { buildTestHuntApp, createScriptedLoot } from '../testing/test-app';
import { createReadLimiter } from './read-limiter';

const T1 = '01KB0000000000000000000001';
const rateHeaders = (res: { headers: Record<string, unknown> }) =>
  ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'].map((h) => res.headers[h]);

describe('RateLimit-* headers', () => {
  test('every read answer carries the quota of its second; the 429 has none left and Retry-After its reset', async () => {
    const nowMs = 1_800_000_000_250;
    const { app, auth } = await buildTestHuntApp({
      readLimiter: createReadLimiter({ limitPerS: 2, now: () => nowMs }),
    });
    const read = (url = '/v1/zones') => app.inject({ url, headers: auth('ada') });
    assert.deepEqual(rateHeaders(await read()), ['2', '1', '1', undefined]);
    assert.deepEqual(rateHeaders(await read('/v1/treasures?lat=1&lng=1')), ['2', '0', '1', undefined]);
    const refused = await read('/v1/players/me');
    assert.equal(refused.statusCode, 429);
    assert.deepEqual(rateHeaders(refused), ['2', '0', '1', '1']);
    const bob = await app.inject({ url: '/v1/zones', headers: auth('bob') });
    assert.deepEqual(rateHeaders(bob), ['2', '1', '1', undefined], 'per player');
    const anonymous = await app.inject({ url: '/v1/zones' });
    assert.equal(anonymous.statusCode, 401);
    assert.deepEqual(rateHeaders(anonymous), [undefined, undefined, undefined, undefined], 'no quota before a player');
  });

  test("a claim the loot-service refused as rate-limited carries claims_per_minute and the minute's end", async () => {
    const t = await buildTestHuntApp({ loot: createScriptedLoot({ [T1]: new ApiError('rate-limited') }) });
    const nowMs = t.nowMs; // on a minute boundary: the whole minute is left
    t.deps.index.add(
      { id: T1, zoneId: 'alpha', shardId: 'alpha', lat: 1, lng: 1, tier: 'common', expiresAtMs: nowMs + 60_000 },
      nowMs,
    );
    const claim = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/treasures/${id}/claim`,
        headers: t.auth('ada'),
        payload: { lat: 1, lng: 1 },
      });
    const refused = await claim(T1);
    assert.equal(refused.statusCode, 429);
    const perMinute = String(t.deps.loaded.config.rate_limits.claims_per_minute);
    assert.deepEqual(rateHeaders(refused), [perMinute, '0', '60', '60']);
    const other = await claim('01KB00000000000000000000ZZ');
    assert.equal(other.statusCode, 404);
    assert.deepEqual(rateHeaders(other), [undefined, undefined, undefined, undefined], 'claim counts are loot’s');
  });
});
