import { execFileSync } from 'node:child_process';
import { ConfigError, loadConfigText, type LoadedConfig } from '@hunt/static-config';
import { readFileSync } from 'node:fs';
import { UsageError } from './exit-codes';

/** Loads a config file or throws ConfigError listing every problem. */
export function loadFile(file: string): LoadedConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new ConfigError(file, [{ file, line: 1, col: 1, keyPath: '(root)', message: 'file not found' }]);
  }
  return loadConfigText(bytes, file);
}

/** The file's bytes at a git revision; undefined when the file did not exist there. */
export function readAtRevision(ref: string, file: string, cwd: string): Buffer | undefined {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, stdio: 'pipe' });
  } catch {
    throw new UsageError(`unknown git revision "${ref}"`);
  }
  try {
    return execFileSync('git', ['show', `${ref}:./${file}`], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 16 << 20,
    });
  } catch {
    return undefined;
  }
}
