import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The config file a service runs with: `HUNT_CONFIG` when set, otherwise the baked copy.
 * A built app carries its baked copy in `config/hunt.toml` beside `main.js`; run from source
 * (`apps/<name>/src/main.ts`) the repository's `config/hunt.toml` is the baked file.
 */
export function resolveConfigFile(explicit: string | undefined, appDir: string): string {
  if (explicit) return explicit;
  const candidates = [join(appDir, 'config/hunt.toml'), join(appDir, '../../../config/hunt.toml')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}
