import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createConfigLookup } from './config-lookup';
import { createTestConfig } from './testing';

describe('createConfigLookup', () => {
  const { config } = createTestConfig();
  const lookup = createConfigLookup(config);

  test('empty key returns the whole config as JSON', () => {
    const result = lookup('');
    assert.equal(result.kind, 'found');
    assert.deepEqual(JSON.parse(result.kind === 'found' ? result.json : ''), JSON.parse(JSON.stringify(config)));
  });

  test('dotted paths reach scalars, tables and array elements', () => {
    assert.deepEqual(lookup('spawn.treasure_ttl_s'), { kind: 'found', json: '300' });
    assert.deepEqual(lookup('zones.1.id'), { kind: 'found', json: '"beta"' });
    assert.deepEqual(lookup('claim'), { kind: 'found', json: '{"radius_m":25,"max_speed_mps":30}' });
  });

  test('unknown keys are not found, including inherited properties', () => {
    for (const key of ['spawn.nope', 'zones.9', 'version.x', 'constructor', 'spawn.toString']) {
      assert.deepEqual(lookup(key), { kind: 'not-found' }, key);
    }
  });

  test('malformed keys are invalid, not not-found', () => {
    for (const key of ['.spawn', 'spawn.', 'spawn..x', 'spawn x', 'a/b']) {
      assert.equal(lookup(key).kind, 'invalid-key', key);
    }
  });

  test('repeated lookups return the memoised result', () => {
    assert.equal(lookup('season'), lookup('season'));
  });
});
