/**
 * libs/config-schema: the one schema of config/hunt.toml and its pure parser (text in, frozen
 * typed config or every problem out). No I/O: files, hashing and serving live in
 * libs/static-config; pure libraries such as libs/difficulty may depend on this one.
 */
export { huntConfigSchema, type HuntConfig } from './schema';
export { parseConfig } from './parse';
export { ConfigError, formatProblem, type ConfigProblem } from './config-error';
export { interpolate, parseDurationMinutes, parseTimeOfDay, WEEKDAYS, type Interpolation } from './curve-math';
export type { Curve, SpawnWindow } from './curves-schema';
export { type Acknowledgement } from './release-schema';
export { worldOf, type ZoneModifiers } from './world';
