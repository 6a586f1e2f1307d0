import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig, type HuntConfig } from '@hunt/config-schema';

/** The running config of a process: immutable, with the identity operators see in metrics. */
export interface LoadedConfig {
  readonly config: HuntConfig;
  /** The file's `version` key (what services stamp on everything they emit). */
  readonly version: number;
  /** SHA-256 (hex) of the file's exact bytes: two builds with the same sha run the same config. */
  readonly sha256: string;
  /** When this process made the config active. */
  readonly activatedAt: Date;
  readonly file: string;
}

/** Builds a LoadedConfig from text already in memory (tests, tools). Throws ConfigError. */
export function loadConfigText(
  source: string | Buffer,
  file: string,
  now: () => Date = () => new Date(),
): LoadedConfig {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const config = parseConfig(bytes.toString('utf8'), file);
  return Object.freeze({
    config,
    version: config.version,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    activatedAt: now(),
    file,
  });
}

/** Reads and validates the config file. Throws ConfigError (with every problem) on any failure. */
export function loadConfigFile(file: string, now?: () => Date): LoadedConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file (${String(error)})`;
    throw new ConfigError(file, [{ file, line: 1, col: 1, keyPath: '(root)', message: reason }], { cause: error });
  }
  return loadConfigText(bytes, file, now);
}
