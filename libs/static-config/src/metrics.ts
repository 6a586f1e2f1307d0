import { Gauge, type Registry } from 'prom-client';
import type { LoadedConfig } from './load';
import type { ConfigStaleness } from './staleness';

/**
 * Registers the config metrics every service exports (names fixed by the design's contract)
 * on the given registry; never on prom-client's global one.
 */
export function registerConfigMetrics(deps: {
  registry: Registry;
  loaded: LoadedConfig;
  staleness: ConfigStaleness;
}): void {
  const { registry, loaded, staleness } = deps;
  new Gauge({
    name: 'static_mesh_last_update_timestamp',
    help: 'Unix time (seconds) when the running config became active in this process',
    registers: [registry],
  }).set(loaded.activatedAt.getTime() / 1000);

  new Gauge({
    name: 'static_mesh_config_info',
    help: 'Identity of the running config; always 1',
    labelNames: ['version', 'sha256'] as const,
    registers: [registry],
  }).set({ version: String(loaded.version), sha256: loaded.sha256 }, 1);

  new Gauge({
    name: 'config_staleness_seconds',
    help: 'Seconds this process has known of a config version newer than its own; 0 when none',
    registers: [registry],
    collect() {
      this.set(staleness.stalenessSeconds());
    },
  });
}
