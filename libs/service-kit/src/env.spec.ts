import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EnvError, infraEnvShape, parseEnv, serviceEnvSchema, withDeploymentScope } from './env';

const schema = serviceEnvSchema({ httpPort: 8080, grpcPort: 50051 });

describe('service environment', () => {
  test('unset ports take their defaults; written ports are decimal numbers', () => {
    assert.deepEqual([parseEnv(schema, {}).HTTP_PORT, parseEnv(schema, {}).GRPC_PORT], [8080, 50051]);
    assert.equal(parseEnv(schema, { HTTP_PORT: '9090' }).HTTP_PORT, 9090);
    assert.equal(parseEnv(schema, { HTTP_PORT: '0' }).HTTP_PORT, 0, 'an explicit 0 asks the OS for a free port');
  });

  for (const typo of ['', ' ', '0x1F90', '80.5', '-1', '1e3', '65536', ' 8080', '8080 ', 'http']) {
    test(`HTTP_PORT=${JSON.stringify(typo)} stops the start naming the variable`, () => {
      assert.throws(
        () => parseEnv(schema, { HTTP_PORT: typo }),
        (e: unknown) => e instanceof EnvError && /^ {2}HTTP_PORT: /m.test(e.message),
      );
    });
  }

  test('every bad variable is named at once', () => {
    assert.throws(
      () => parseEnv(schema, { HTTP_PORT: 'x', GRPC_PORT: '', LOG_LEVEL: 'loud' }),
      (e: unknown) =>
        e instanceof EnvError && ['HTTP_PORT', 'GRPC_PORT', 'LOG_LEVEL'].every((n) => e.message.includes(`${n}:`)),
    );
  });
});

describe('deployment scope', () => {
  const infra = withDeploymentScope(schema.extend(infraEnvShape));
  const servers = { REDIS_URL: 'redis://127.0.0.1:6390', KAFKA_BROKERS: '127.0.0.1:19092' };

  test('a lone deployment keeps the default names: Redis prefix "hunt", plain topic names', () => {
    const env = parseEnv(infra, servers);
    assert.deepEqual([env.REDIS_KEY_PREFIX, env.KAFKA_TOPIC_PREFIX], ['hunt', '']);
  });

  test('a deployment scoped in Redis must scope its topics too', () => {
    assert.throws(
      () => parseEnv(infra, { ...servers, REDIS_KEY_PREFIX: 'staging' }),
      (e: unknown) =>
        e instanceof EnvError && /KAFKA_TOPIC_PREFIX: must be set .*KAFKA_TOPIC_PREFIX=staging/.test(e.message),
    );
    const env = parseEnv(infra, { ...servers, REDIS_KEY_PREFIX: 'staging', KAFKA_TOPIC_PREFIX: 'staging' });
    assert.equal(env.KAFKA_TOPIC_PREFIX, 'staging');
  });

  for (const [name, value] of [
    ['REDIS_KEY_PREFIX', 'a:b'],
    ['REDIS_KEY_PREFIX', ''],
    ['KAFKA_TOPIC_PREFIX', 'has space'],
    ['KAFKA_TOPIC_PREFIX', '.dot-first'],
  ] as const) {
    test(`${name}=${JSON.stringify(value)} is refused naming the variable`, () => {
      assert.throws(
        () => parseEnv(infra, { ...servers, REDIS_KEY_PREFIX: 'x', KAFKA_TOPIC_PREFIX: 'x', [name]: value }),
        (e: unknown) => e instanceof EnvError && e.message.includes(`${name}: must be 1-64 letters`),
      );
    });
  }
});
