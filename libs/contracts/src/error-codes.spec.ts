import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHARED_ERRORS } from './error-codes';

test('shared error codes are unique and none is a 5xx except UNAVAILABLE', () => {
  const specs = Object.values(SHARED_ERRORS);
  assert.equal(new Set(specs.map((s) => s.code)).size, specs.length);
  assert.deepEqual(
    specs.filter((s) => s.http >= 500).map((s) => s.code),
    ['HUNT_ERR_UNAVAILABLE'],
  );
});
