import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../http/errors';
import { createAuthenticator } from './authenticator';
import { mintToken } from './jwt';
import { CLOCK_TOLERANCE_S } from './token-verifier';

const secret = 'z'.repeat(32);
const startMs = 1_800_000_000_000;

function setup() {
  const clock = { nowMs: startMs };
  const auth = createAuthenticator({ secret, now: () => clock.nowMs, reverifyAfterMs: 60_000 });
  const token = (playerId: string, ttlS = 3600) => mintToken({ secret, playerId, nowS: clock.nowMs / 1000, ttlS });
  return { clock, auth, bearer: (t: string) => `Bearer ${t}`, token };
}

const rejectsWith = (message: string) => (error: unknown) =>
  error instanceof ApiError && error.status === 401 && error.field === 'authorization' && error.message === message;

describe('authenticator: the verified-token cache and when playerOf is synchronous', () => {
  test('a header that is not "Bearer <token>" throws at once, naming the field', () => {
    const { auth } = setup();
    for (const header of [undefined, '', 'Basic abc', 'bearer x.y.z']) {
      assert.throws(() => auth.playerOf(header), rejectsWith('authorization: expected "Bearer <token>"'), header);
    }
  });

  test('a new token answers with a promise; once verified, with the player id itself', async () => {
    const { auth, bearer, token } = setup();
    const t = token('ada');
    const first = auth.playerOf(bearer(t));
    assert.ok(first instanceof Promise);
    assert.equal(await first, 'ada');
    assert.equal(auth.playerOf(bearer(t)), 'ada', 'a cache hit is synchronous');
  });

  test('concurrent requests with one new token share one verification', async () => {
    const { auth, bearer, token } = setup();
    const t = token('ada');
    const [a, b] = [auth.playerOf(bearer(t)), auth.playerOf(bearer(t))];
    assert.equal(a, b);
    assert.equal(await a, 'ada');
  });

  test('invalid tokens are not cached: each request is refused again', async () => {
    const { auth, bearer, token } = setup();
    const forged = `${token('ada').slice(0, -4)}AAAA`;
    for (let i = 0; i < 2; i++) {
      const answer = auth.playerOf(bearer(forged));
      assert.ok(answer instanceof Promise);
      await assert.rejects(answer, rejectsWith('authorization: bad signature'));
    }
  });

  test('a cached token is refused once exp plus the clock tolerance passes', async () => {
    const { clock, auth, bearer, token } = setup();
    const t = token('ada', 10);
    assert.equal(await auth.playerOf(bearer(t)), 'ada');
    clock.nowMs += (10 + CLOCK_TOLERANCE_S) * 1000 - 1;
    assert.equal(auth.playerOf(bearer(t)), 'ada', 'still within the leeway');
    clock.nowMs += 1;
    await assert.rejects(Promise.resolve(auth.playerOf(bearer(t))), rejectsWith('authorization: token expired'));
  });

  test('a cached token is verified again after reverifyAfterMs', async () => {
    const { clock, auth, bearer, token } = setup();
    const t = token('ada');
    assert.equal(await auth.playerOf(bearer(t)), 'ada');
    clock.nowMs += 59_999;
    assert.equal(auth.playerOf(bearer(t)), 'ada');
    clock.nowMs += 1;
    const again = auth.playerOf(bearer(t));
    assert.ok(again instanceof Promise, 'verified again');
    assert.equal(await again, 'ada');
    assert.equal(auth.playerOf(bearer(t)), 'ada');
  });
});
