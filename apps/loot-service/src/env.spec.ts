import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEnv } from '@hunt/service-kit';
import { envSchema } from './env';

const servers = { REDIS_URL: 'redis://127.0.0.1:6390', KAFKA_BROKERS: '127.0.0.1:19092' };
const secret = 'loot-roll-secret-of-at-least-32-bytes';

describe('loot-service environment', () => {
  test('LOOT_ROLL_SECRET is taken byte for byte', () => {
    assert.equal(parseEnv(envSchema, { ...servers, LOOT_ROLL_SECRET: secret }).LOOT_ROLL_SECRET, secret);
  });

  for (const [name, value, message] of [
    ['missing', undefined, 'must be set'],
    ['empty', '', 'must be at least 32 bytes'],
    ['31 bytes', 'x'.repeat(31), 'must be at least 32 bytes'],
    ['with a trailing newline', `${secret}\n`, 'must not start or end with whitespace'],
  ] as const) {
    test(`a ${name} LOOT_ROLL_SECRET stops the start naming the variable`, () => {
      assert.throws(
        () => parseEnv(envSchema, { ...servers, LOOT_ROLL_SECRET: value }),
        (e: unknown) => e instanceof Error && e.message.includes(`  LOOT_ROLL_SECRET: ${message}`),
      );
    });
  }
});
