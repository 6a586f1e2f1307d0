/**
 * libs/static-config: the config file at the edge (read, hash, serve over gRPC, metrics). The
 * schema, the parser and their types (`HuntConfig`, `ConfigError`, ...) have one import path,
 * `@hunt/config-schema`; this lib does not re-export them.
 */
export { loadConfigFile, loadConfigText, type LoadedConfig } from './load';
export { createConfigStaleness, type ConfigStaleness } from './staleness';
export { registerConfigMetrics } from './metrics';
export { createConfigGrpcService } from './grpc-service';
