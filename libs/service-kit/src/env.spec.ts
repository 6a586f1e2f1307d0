import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EnvError, parseEnv, serviceEnvSchema } from './env';

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
