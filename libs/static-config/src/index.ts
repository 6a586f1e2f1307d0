export {
  huntConfigSchema,
  parseConfig,
  ConfigError,
  formatProblem,
  formatKeyPath,
  deepFreeze,
} from '@hunt/config-schema';
export type { HuntConfig, ConfigProblem, KeyPath } from '@hunt/config-schema';
export { loadConfigFile, loadConfigText, type LoadedConfig } from './load';
export { createConfigLookup, type LookupResult } from './config-lookup';
export { createConfigStaleness, type ConfigStaleness } from './staleness';
export { registerConfigMetrics } from './metrics';
export { createConfigGrpcService } from './grpc-service';
