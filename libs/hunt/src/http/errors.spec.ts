import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { API_ERRORS } from './errors';

const README = readFileSync(join(import.meta.dirname, '../../../../README.md'), 'utf8');

test('every API error code is documented in the README error table with its HTTP status', () => {
  for (const spec of Object.values(API_ERRORS)) {
    assert.match(README, new RegExp(`\\|\\s*\`${spec.code}\`\\s*\\|\\s*${spec.http}\\s*\\|`), spec.code);
  }
});

test('codes are unique and only UNAVAILABLE, TREASURE_PENDING and INTERNAL are 5xx', () => {
  const specs = Object.values(API_ERRORS);
  assert.equal(new Set(specs.map((s) => s.code)).size, specs.length);
  assert.deepEqual(
    specs
      .filter((s) => s.http >= 500)
      .map((s) => s.code)
      .sort(),
    ['HUNT_ERR_INTERNAL', 'HUNT_ERR_TREASURE_PENDING', 'HUNT_ERR_UNAVAILABLE'],
  );
});
