import { ConfigError } from '@hunt/config-schema';
import { loadConfigFile } from '@hunt/static-config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../exit-codes';
import { DEFAULT_CONFIG, REPO_ROOT } from '../paths';

/** The toolkit's version: that of the tools package, which declares the `hunt-config` bin. */
const TOOL_VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

/**
 * `--version`: the toolkit's version, then that of the config every build bakes (the
 * repository's config/hunt.toml, whatever the working directory). Exit 1 when that file is
 * invalid: its version would mean nothing.
 */
export function printVersion(out: (s: string) => void): number {
  out(`hunt-config ${TOOL_VERSION}`);
  try {
    out(`${DEFAULT_CONFIG} version ${loadConfigFile(join(REPO_ROOT, DEFAULT_CONFIG)).version}`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out(`${DEFAULT_CONFIG}: invalid (${error.problems.length} problems; run "hunt-config validate")`);
    return EXIT.invalid;
  }
}
