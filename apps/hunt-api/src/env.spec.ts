import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEnv } from '@hunt/service-kit';
import { envSchema } from './env';

const servers = {
  REDIS_URL: 'redis://127.0.0.1:6390',
  KAFKA_BROKERS: '127.0.0.1:19092',
  LOOT_SERVICE_TOKEN: 'hunt-api-loot-service-token-of-32-bytes',
};
const secret = { JWT_SECRET: 's'.repeat(32) };
const jwks = {
  JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
  JWT_ISSUER: 'https://id.example.com/',
  JWT_AUDIENCE: 'hunt-api',
};
const parse = (env: Record<string, string | undefined>) => parseEnv(envSchema, { ...servers, ...env });
/** The EnvError's message, whose lines name each bad variable ("  NAME: problem"). */
function problems(env: Record<string, string | undefined>): string {
  try {
    parse(env);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected an invalid environment');
}

describe('hunt-api environment: exactly one token mode', () => {
  test('JWT_SECRET alone: HS256 mode', () => {
    assert.deepEqual(parse(secret).tokenKeys, { jwtSecret: secret.JWT_SECRET });
  });

  test('JWKS_URL, JWT_ISSUER and JWT_AUDIENCE: JWKS mode, the URL parsed', () => {
    assert.deepEqual(parse(jwks).tokenKeys, {
      jwks: { url: new URL(jwks.JWKS_URL), issuer: jwks.JWT_ISSUER, audience: jwks.JWT_AUDIENCE },
    });
  });

  test('neither mode refuses to start, naming the variables of both', () => {
    assert.match(problems({}), /^ {2}JWT_SECRET: is not set, nor is JWKS_URL: set either JWT_SECRET .* JWT_AUDIENCE/m);
  });

  test('both modes refuse to start, naming what was set', () => {
    assert.match(
      problems({ ...secret, ...jwks }),
      /JWT_SECRET: must not be set together with JWKS_URL, JWT_ISSUER, JWT_AUDIENCE/,
    );
    assert.match(
      problems({ ...secret, JWT_AUDIENCE: 'hunt-api' }),
      /JWT_SECRET: must not be set together with JWT_AUDIENCE:/,
    );
  });

  test('a partial JWKS mode names each missing variable', () => {
    const message = problems({ JWKS_URL: jwks.JWKS_URL });
    assert.match(message, /^ {2}JWT_ISSUER: must be set with JWKS_URL$/m);
    assert.match(message, /^ {2}JWT_AUDIENCE: must be set with JWKS_URL$/m);
  });

  for (const [url, problem] of [
    ['http://id.example.com/jwks.json', 'must be an https:// URL'],
    ['http://10.0.0.7/jwks.json', 'must be an https:// URL'],
    ['ftp://127.0.0.1/jwks.json', 'must be an https:// URL'],
    ['id.example.com/jwks.json', 'must be an absolute URL'],
    ['', 'must be an absolute URL'],
    ['https://user:pw@id.example.com/jwks.json', 'must not carry credentials'],
  ] as const) {
    test(`JWKS_URL=${JSON.stringify(url)} is refused: ${problem}`, () => {
      assert.match(problems({ ...jwks, JWKS_URL: url }), new RegExp(`^ {2}JWKS_URL: ${problem}`, 'm'));
    });
  }

  for (const url of [
    'http://127.0.0.1:8089/jwks',
    'http://localhost/jwks',
    'http://[::1]:9000/jwks',
    'http://127.5.0.1/x',
  ]) {
    test(`JWKS_URL=${url}: plain http is allowed on a loopback host`, () => {
      assert.equal(parse({ ...jwks, JWKS_URL: url }).tokenKeys.jwks?.url.href, new URL(url).href);
    });
  }

  test('a short secret, an empty or padded issuer or audience are refused; all problems at once', () => {
    assert.match(problems({ JWT_SECRET: 'short' }), /JWT_SECRET: must be at least 32 characters/);
    const message = problems({ ...jwks, JWT_ISSUER: '', JWT_AUDIENCE: ' hunt-api', REDIS_URL: 'nope' });
    assert.match(message, /^ {2}JWT_ISSUER: must not be empty/m);
    assert.match(message, /^ {2}JWT_AUDIENCE: must not start or end with whitespace/m);
    assert.match(message, /^ {2}REDIS_URL: /m);
  });

  test('the mode is checked even when other variables are bad', () => {
    const message = problems({ REDIS_URL: 'nope' });
    assert.match(message, /^ {2}REDIS_URL: /m);
    assert.match(message, /^ {2}JWT_SECRET: is not set/m);
  });
});

describe('hunt-api environment: the loot-service token', () => {
  test('LOOT_SERVICE_TOKEN is taken byte for byte', () => {
    assert.equal(parse(secret).LOOT_SERVICE_TOKEN, servers.LOOT_SERVICE_TOKEN);
  });

  for (const [what, value, problem] of [
    ['missing', undefined, 'must be set'],
    ['31-byte', 'x'.repeat(31), 'must be at least 32 bytes'],
  ] as const) {
    test(`a ${what} LOOT_SERVICE_TOKEN stops the start naming the variable`, () => {
      const message = problems({ ...secret, LOOT_SERVICE_TOKEN: value });
      assert.match(message, new RegExp(`^ {2}LOOT_SERVICE_TOKEN: ${problem}`, 'm'));
    });
  }
});
