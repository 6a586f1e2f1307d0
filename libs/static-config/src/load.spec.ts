import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ConfigError } from '@hunt/config-schema';
import { editConfigText } from '@hunt/config-schema/testing';
import { loadConfigFile } from './load';
import { createTestConfig, writeTempConfig } from './testing';

describe('loadConfigFile', () => {
  test('exposes version, sha256 of the exact bytes and activation time', () => {
    const file = writeTempConfig();
    const at = new Date('2026-11-28T10:00:00Z');
    const loaded = loadConfigFile(file, () => at);
    assert.equal(loaded.version, 7);
    assert.equal(loaded.sha256, createHash('sha256').update(readFileSync(file)).digest('hex'));
    assert.equal(loaded.activatedAt, at);
    assert.equal(loaded.file, file);
  });

  test('a change of one byte changes the sha256', () => {
    const a = loadConfigFile(writeTempConfig());
    const b = loadConfigFile(writeTempConfig(editConfigText({ 'radius_m = 25': 'radius_m = 26' })));
    assert.notEqual(a.sha256, b.sha256);
  });

  test('the repository config/hunt.toml is valid', () => {
    const loaded = loadConfigFile(new URL('../../../config/hunt.toml', import.meta.url).pathname);
    assert.ok(loaded.version >= 1);
    assert.ok(loaded.config.zones.length >= 1);
  });

  test('a missing file is a ConfigError naming the file', () => {
    assert.throws(
      () => loadConfigFile('/nonexistent/hunt.toml'),
      (e: unknown) => e instanceof ConfigError && e.message === '/nonexistent/hunt.toml:1:1 (root): file not found',
    );
  });

  test('the loaded config is deeply frozen', () => {
    const { config } = createTestConfig();
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.zones[0]!.bounds));
    assert.ok(Object.isFrozen(config.regions[0]!.polygon![0]));
    assert.ok(Object.isFrozen(config.tiers['common']!.loot[0]));
    assert.throws(() => {
      (config.spawn as { base_density_per_km2_s: number }).base_density_per_km2_s = 99;
    }, TypeError);
    assert.equal(config.spawn.base_density_per_km2_s, 0.5);
  });

  test('season instants are normalised to UTC', () => {
    const { config } = createTestConfig({
      'starts_at = 2026-01-01T00:00:00Z': 'starts_at = 2026-01-01T02:00:00+02:00',
    });
    assert.equal(config.season.starts_at, '2026-01-01T00:00:00.000Z');
  });
});
