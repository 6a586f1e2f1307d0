import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../http/errors';
import { createAuthenticator, type Authenticator } from './authenticator';
import { DEFAULT_JWKS_TIMING, type JwksTiming } from './jwks';
import { createSigningKey, signToken, startJwksServer, type SigningKey } from './testing/jwks-server';

const issuer = 'https://id.example.test/';
const audience = 'hunt-api';
const nowS = () => Math.floor(Date.now() / 1000);
const claims = (extra: object = {}) => ({
  sub: 'ada',
  iss: issuer,
  aud: audience,
  iat: nowS(),
  exp: nowS() + 600,
  ...extra,
});
/** Short enough to wait out in a test; the ratios match production's. */
const FAST: JwksTiming = { cacheMaxAgeMs: 700, cooldownMs: 250, minFetchIntervalMs: 250, timeoutMs: 300 };

type Servers = Awaited<ReturnType<typeof startJwksServer>>;
const servers: Servers[] = [];
async function provider(keys: readonly SigningKey[], timing: JwksTiming = FAST, reverifyAfterMs = 50) {
  const server = await startJwksServer(keys);
  servers.push(server);
  const unavailable: Error[] = [];
  const auth = createAuthenticator({
    jwks: { url: server.url, issuer, audience },
    now: Date.now,
    jwksTiming: timing,
    reverifyAfterMs,
    onKeysUnavailable: (err) => unavailable.push(err),
  });
  return { server, auth, unavailable };
}
after(() => Promise.all(servers.map((s) => s.close())));

/** What a request with this token would get: the player, or the status and message. */
async function outcome(auth: Authenticator, token: string) {
  try {
    return { player: await auth.playerOf(`Bearer ${token}`) };
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return { status: error.status, code: error.code, message: error.message };
  }
}
const refused = (reason: string) => ({
  status: 401,
  code: 'HUNT_ERR_UNAUTHENTICATED',
  message: `authorization: ${reason}`,
});
const unavailable = {
  status: 503,
  code: 'HUNT_ERR_UNAVAILABLE',
  message: 'the keys of player tokens cannot be fetched right now; retry shortly',
};

let rsa: SigningKey;
let ec: SigningKey;
before(async () => {
  [rsa, ec] = await Promise.all([createSigningKey('RS256', 'rsa-1'), createSigningKey('ES256', 'ec-1')]);
});

describe('JWKS mode: tokens of an identity provider', () => {
  test('RS256 and ES256 tokens verify against the published keys, fetched once', async () => {
    const { server, auth } = await provider([rsa, ec], DEFAULT_JWKS_TIMING);
    assert.deepEqual(await outcome(auth, await signToken(rsa, claims())), { player: 'ada' });
    assert.deepEqual(await outcome(auth, await signToken(ec, claims({ sub: 'bob' }))), { player: 'bob' });
    assert.deepEqual(await outcome(auth, await signToken(ec, claims({ aud: ['other', audience] }))), { player: 'ada' });
    assert.equal(server.requests, 1);
  });

  test('wrong or missing iss and aud, nbf an hour ahead and exp past the leeway are 401', async () => {
    const { auth } = await provider([rsa]);
    const cases: [object, string][] = [
      [{ iss: 'https://evil.example.test/' }, 'unexpected issuer'],
      [{ iss: undefined }, 'unexpected issuer'],
      [{ aud: 'another-api' }, 'unexpected audience'],
      [{ aud: undefined }, 'unexpected audience'],
      [{ nbf: nowS() + 3600 }, 'token not yet valid'],
      [{ iat: nowS() + 3600 }, 'token issued in the future'],
      [{ exp: nowS() - 31 }, 'token expired'],
      [{ exp: undefined }, 'no expiry'],
      [{ sub: undefined }, 'bad subject'],
    ];
    for (const [extra, reason] of cases) {
      assert.deepEqual(await outcome(auth, await signToken(rsa, claims(extra))), refused(reason), reason);
    }
    assert.deepEqual(await outcome(auth, await signToken(rsa, claims({ nbf: nowS() + 20 }))), { player: 'ada' });
  });

  test('alg none, HS256 keyed with the public key (alg confusion) and foreign keys are 401', async () => {
    const { server, auth } = await provider([rsa]);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const payload = b64(claims());
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: rsa.kid })}.${payload}`;
    const confused = `${input}.${createHmac('sha256', JSON.stringify(rsa.jwk)).update(input).digest('base64url')}`;
    assert.deepEqual(await outcome(auth, none), refused('unsupported algorithm'));
    assert.deepEqual(await outcome(auth, confused), refused('unsupported algorithm'));
    assert.equal(server.requests, 0, 'refused before any key is looked up');
    const impostor = { ...(await createSigningKey('RS256', rsa.kid)), jwk: rsa.jwk };
    assert.deepEqual(await outcome(auth, await signToken(impostor, claims())), refused('bad signature'));
    assert.deepEqual(await outcome(auth, 'x.y.z'), refused('malformed token'));
  });

  test('key rotation: a new kid refetches (once per cooldown); a removed key stops verifying', async () => {
    const next = await createSigningKey('ES256', 'ec-2');
    const { server, auth } = await provider([rsa]);
    const oldToken = await signToken(rsa, claims());
    const newToken = await signToken(next, claims({ sub: 'bob' }));
    assert.deepEqual(await outcome(auth, oldToken), { player: 'ada' });
    assert.equal(server.requests, 1);

    server.publish([rsa, next]);
    assert.deepEqual(await outcome(auth, newToken), refused('unknown signing key'), 'inside the cooldown');
    assert.equal(server.requests, 1, 'an unknown kid right after a fetch does not refetch');
    await sleep(FAST.cooldownMs + 20);
    assert.deepEqual(await outcome(auth, newToken), { player: 'bob' });
    assert.equal(server.requests, 2);

    server.publish([next]);
    await sleep(FAST.cacheMaxAgeMs + 20);
    assert.deepEqual(await outcome(auth, oldToken), refused('unknown signing key'), 'cached token verified again');
    assert.deepEqual(await outcome(auth, newToken), { player: 'bob' });
    assert.equal(server.requests, 3);
  });

  for (const mode of ['reset', 'http-500', 'hang'] as const) {
    test(`JWKS endpoint down (${mode}): 503 UNAVAILABLE, not 401, without hammering it; recovers`, async () => {
      const { server, auth, unavailable: reported } = await provider([rsa]);
      server.setMode(mode);
      const token = await signToken(rsa, claims());
      assert.deepEqual(await outcome(auth, token), unavailable);
      assert.deepEqual(await outcome(auth, token), unavailable, 'again at once');
      assert.equal(server.requests, 1, 'one fetch per minFetchIntervalMs');
      assert.equal(reported.length, 2);
      assert.deepEqual(await outcome(auth, 'x.y.z'), refused('malformed token'), 'an invalid token is still 401');

      server.setMode('up');
      await sleep(FAST.minFetchIntervalMs + 20);
      assert.deepEqual(await outcome(auth, token), { player: 'ada' });
    });
  }

  test('endpoint down with keys cached: known keys verify until the set is too old, then 503', async () => {
    const other = await createSigningKey('ES256', 'ec-9');
    const { server, auth } = await provider([rsa]);
    assert.deepEqual(await outcome(auth, await signToken(rsa, claims())), { player: 'ada' });
    server.setMode('reset');
    assert.deepEqual(await outcome(auth, await signToken(rsa, claims({ sub: 'bob' }))), { player: 'bob' });
    await sleep(FAST.cooldownMs + 20);
    assert.deepEqual(await outcome(auth, await signToken(other, claims())), unavailable, 'unknown kid, cannot refetch');
    await sleep(FAST.cacheMaxAgeMs);
    assert.deepEqual(await outcome(auth, await signToken(rsa, claims({ sub: 'cy' }))), unavailable, 'fails closed');
  });
});
