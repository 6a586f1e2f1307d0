import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { mintToken } from './jwt';
import { CLOCK_TOLERANCE_S, createTokenVerifier } from './token-verifier';

const secret = 'x'.repeat(32);
const nowS = 1_800_000_000;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const verify = createTokenVerifier({ secret });
const at = (token: string, s: number) => verify(token, s * 1000);
const signed = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('HS256 mode (JWT_SECRET)', () => {
  test('a minted token verifies to its subject', async () => {
    const token = mintToken({ secret, playerId: 'ada', nowS });
    assert.deepEqual(await at(token, nowS + 1), { kind: 'verified', playerId: 'ada', expiresAtS: nowS + 86_400 });
  });

  test('expired beyond the clock tolerance, forged, alg none and malformed tokens are refused', async () => {
    const token = mintToken({ secret, playerId: 'ada', nowS, ttlS: 10 });
    assert.equal((await at(token, nowS + 10 + CLOCK_TOLERANCE_S - 1)).kind, 'verified', 'within the leeway');
    assert.deepEqual(await at(token, nowS + 10 + CLOCK_TOLERANCE_S), { kind: 'invalid', reason: 'token expired' });
    assert.deepEqual(await createTokenVerifier({ secret: 'y'.repeat(32) })(token, nowS * 1000), {
      kind: 'invalid',
      reason: 'bad signature',
    });
    const [h, , s] = token.split('.');
    assert.deepEqual(await at(`${h}.${b64({ sub: 'eve', exp: nowS + 99 })}.${s}`, nowS), {
      kind: 'invalid',
      reason: 'bad signature',
    });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'eve', exp: nowS + 99 })}.`;
    assert.deepEqual(await at(none, nowS), { kind: 'invalid', reason: 'unsupported algorithm' });
    for (const bad of ['', 'a.b', 'a.b.c.d', '!!!.???.###', 'x.y.z']) {
      assert.deepEqual(await at(bad, nowS), { kind: 'invalid', reason: 'malformed token' }, bad);
    }
  });

  test('an RS256 or ES256 header is refused: the algorithm is fixed by the mode, not the token', async () => {
    for (const alg of ['RS256', 'ES256', 'HS512']) {
      assert.deepEqual(await at(signed({ sub: 'ada', exp: nowS + 9 }, { alg }), nowS), {
        kind: 'invalid',
        reason: 'unsupported algorithm',
      });
    }
  });

  test('a correctly signed token without exp or sub is refused', async () => {
    assert.deepEqual(await at(signed({ sub: 'ada' }), nowS), { kind: 'invalid', reason: 'no expiry' });
    assert.deepEqual(await at(signed({ sub: 'ada', exp: 'soon' }), nowS), { kind: 'invalid', reason: 'no expiry' });
    assert.deepEqual(await at(signed({ exp: nowS + 9 }), nowS), { kind: 'invalid', reason: 'bad subject' });
    assert.deepEqual(await at(signed({ sub: '', exp: nowS + 9 }), nowS), { kind: 'invalid', reason: 'bad subject' });
    const long = 'a'.repeat(129);
    assert.deepEqual(await at(signed({ sub: long, exp: nowS + 9 }), nowS), { kind: 'invalid', reason: 'bad subject' });
  });

  test('nbf and iat beyond the clock tolerance are refused; within it they pass', async () => {
    const claims = (extra: object) => signed({ sub: 'ada', exp: nowS + 7200, ...extra });
    assert.deepEqual(await at(claims({ nbf: nowS + 3600 }), nowS), { kind: 'invalid', reason: 'token not yet valid' });
    assert.equal((await at(claims({ nbf: nowS + CLOCK_TOLERANCE_S }), nowS)).kind, 'verified');
    assert.deepEqual(await at(claims({ iat: nowS + 3600 }), nowS), {
      kind: 'invalid',
      reason: 'token issued in the future',
    });
    assert.equal((await at(claims({ iat: nowS + CLOCK_TOLERANCE_S }), nowS)).kind, 'verified');
  });
});
