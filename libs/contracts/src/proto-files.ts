import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the .proto files live. In the source tree they sit in `libs/contracts/proto`; a
 * bundled app (`dist/apps/<name>/main.js`) carries a copy in `proto/` beside the bundle.
 * Both layouts are probed so the same code serves `tsx` runs and built images.
 */
const candidates = [join(import.meta.dirname, '../proto'), join(import.meta.dirname, 'proto')];

export function protoRoot(): string {
  const found = candidates.find((dir) => existsSync(join(dir, PROTO_FILES.config)));
  if (!found) {
    throw new Error(`contracts: .proto files not found; looked in ${candidates.join(', ')}`);
  }
  return found;
}

/** Relative paths (from protoRoot) of every service definition the engine serves. */
export const PROTO_FILES = {
  config: 'config/v1/config.proto',
  loot: 'hunt/loot/v1/loot.proto',
} as const;

/**
 * The rich error model's messages (google.rpc.Status, google.rpc.ErrorInfo), relative to
 * googleProtoRoot(). Their imports (google/protobuf/any.proto, duration.proto) are built into
 * protobufjs. The app build copies these files into the bundle's `proto/` folder.
 */
export const GOOGLE_RPC_PROTOS = ['google/rpc/status.proto', 'google/rpc/error_details.proto'] as const;

/** Where GOOGLE_RPC_PROTOS are: the bundle's copies, else the google-proto-files package. */
export function googleProtoRoot(): string {
  const bundled = candidates.find((dir) => existsSync(join(dir, GOOGLE_RPC_PROTOS[0])));
  return bundled ?? dirname(createRequire(import.meta.url).resolve('google-proto-files/package.json'));
}
