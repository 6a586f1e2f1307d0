import type { GrpcServiceRegistration } from '@hunt/contracts';
import {
  createConfigGrpcService,
  createConfigStaleness,
  loadConfigFile,
  registerConfigMetrics,
  type ConfigStaleness,
  type LoadedConfig,
} from '@hunt/static-config';
import type { Registry } from 'prom-client';
import { createMetricsRegistry } from './metrics-registry';

/** What every service has before it does anything of its own. */
export interface ServiceCore {
  readonly loaded: LoadedConfig;
  readonly registry: Registry;
  readonly staleness: ConfigStaleness;
  readonly configService: GrpcServiceRegistration;
}

/**
 * Loads and validates the config (throws ConfigError before anything listens), creates the
 * metrics registry and registers the config metrics and the config.v1 gRPC service.
 */
export function createServiceCore(opts: { service: string; configFile: string; now?: () => number }): ServiceCore {
  const now = opts.now ?? Date.now;
  const loaded = loadConfigFile(opts.configFile, () => new Date(now()));
  const registry = createMetricsRegistry(opts.service);
  const staleness = createConfigStaleness(loaded.version, now);
  registerConfigMetrics({ registry, loaded, staleness });
  return { loaded, registry, staleness, configService: createConfigGrpcService(loaded) };
}
