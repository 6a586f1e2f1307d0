import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { mintToken, verifyToken } from './jwt';

const secret = 'x'.repeat(32);
const nowS = 1_800_000_000;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('HS256 JWT', () => {
  test('a minted token verifies to its subject', () => {
    const token = mintToken({ secret, playerId: 'ada', nowS });
    assert.deepEqual(verifyToken(token, secret, nowS + 1), { ok: true, playerId: 'ada', expiresAtS: nowS + 86_400 });
  });

  test('expired, forged, alg none and malformed tokens are refused', () => {
    const token = mintToken({ secret, playerId: 'ada', nowS, ttlS: 10 });
    assert.equal(verifyToken(token, secret, nowS + 10).ok, false, 'expired');
    assert.equal(verifyToken(token, 'y'.repeat(32), nowS).ok, false, 'other secret');
    const [h, , s] = token.split('.');
    assert.equal(verifyToken(`${h}.${b64({ sub: 'eve', exp: nowS + 99 })}.${s}`, secret, nowS).ok, false, 'forged');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'eve', exp: nowS + 99 })}.`;
    assert.deepEqual(verifyToken(none, secret, nowS), { ok: false, reason: 'unsupported algorithm' });
    for (const bad of ['', 'a.b', 'a.b.c.d', '!!!.???.###'])
      assert.equal(verifyToken(bad, secret, nowS).ok, false, bad);
  });

  test('a correctly signed token without exp or sub is refused', () => {
    const signed = (payload: unknown) => {
      const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    assert.deepEqual(verifyToken(signed({ sub: 'ada' }), secret, nowS), { ok: false, reason: 'no expiry' });
    assert.deepEqual(verifyToken(signed({ exp: nowS + 9 }), secret, nowS), { ok: false, reason: 'bad subject' });
  });
});
