import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { registerConfigMetrics } from './metrics';
import { createConfigStaleness } from './staleness';
import { createTestConfig } from './testing';

describe('registerConfigMetrics', () => {
  test('exports the contract metrics on the injected registry', async () => {
    const loaded = createTestConfig({}, () => new Date(1_700_000_000_500));
    let now = 1_700_000_000_500;
    const staleness = createConfigStaleness(loaded.version, () => now);
    const registry = new Registry();
    registerConfigMetrics({ registry, loaded, staleness });
    staleness.observeVersion(8);
    now += 4000;
    const text = await registry.metrics();
    assert.match(text, /^static_mesh_last_update_timestamp 1700000000\.5$/m);
    assert.match(text, new RegExp(`^static_mesh_config_info\\{version="7",sha256="${loaded.sha256}"\\} 1$`, 'm'));
    assert.match(text, /^config_staleness_seconds 4$/m);
  });

  test('two services in one process do not collide (no global registry)', () => {
    const loaded = createTestConfig();
    for (let i = 0; i < 2; i++) {
      assert.doesNotThrow(() =>
        registerConfigMetrics({ registry: new Registry(), loaded, staleness: createConfigStaleness(loaded.version) }),
      );
    }
  });
});
