import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEnv } from '@hunt/service-kit';
import { envSchema } from './env';

const servers = { REDIS_URL: 'redis://127.0.0.1:6390', KAFKA_BROKERS: '127.0.0.1:19092' };
const secrets = {
  LOOT_ROLL_SECRET: 'loot-roll-secret-of-at-least-32-bytes',
  LOOT_SERVICE_TOKEN: 'loot-service-token-of-at-least-32-bytes',
};

describe('loot-service environment', () => {
  test('LOOT_ROLL_SECRET and LOOT_SERVICE_TOKEN are taken byte for byte', () => {
    const env = parseEnv(envSchema, { ...servers, ...secrets });
    assert.deepEqual(
      [env.LOOT_ROLL_SECRET, env.LOOT_SERVICE_TOKEN],
      [secrets.LOOT_ROLL_SECRET, secrets.LOOT_SERVICE_TOKEN],
    );
  });

  for (const name of ['LOOT_ROLL_SECRET', 'LOOT_SERVICE_TOKEN'] as const) {
    for (const [what, value, message] of [
      ['missing', undefined, 'must be set'],
      ['empty', '', 'must be at least 32 bytes'],
      ['31 bytes', 'x'.repeat(31), 'must be at least 32 bytes'],
      ['with a trailing newline', `${secrets[name]}\n`, 'must not start or end with whitespace'],
    ] as const) {
      test(`a ${what} ${name} stops the start naming the variable`, () => {
        assert.throws(
          () => parseEnv(envSchema, { ...servers, ...secrets, [name]: value }),
          (e: unknown) => e instanceof Error && e.message.includes(`  ${name}: ${message}`),
        );
      });
    }
  }
});
