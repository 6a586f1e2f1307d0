import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the .proto files live. In the source tree they sit in `libs/contracts/proto`; a
 * bundled app (`dist/apps/<name>/main.js`) carries a copy in `proto/` beside the bundle.
 * Both layouts are probed so the same code serves `tsx` runs and built images.
 */
const candidates = [join(import.meta.dirname, '../proto'), join(import.meta.dirname, 'proto')];

export function protoRoot(): string {
  const found = candidates.find((dir) => existsSync(join(dir, 'config/v1/config.proto')));
  if (!found) {
    throw new Error(`contracts: .proto files not found; looked in ${candidates.join(', ')}`);
  }
  return found;
}

/** Relative paths (from protoRoot) of every service definition the engine serves. */
export const PROTO_FILES = {
  config: 'config/v1/config.proto',
  loot: 'loot/v1/loot.proto',
} as const;
