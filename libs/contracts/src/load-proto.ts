import * as protoLoader from '@grpc/proto-loader';
import { protoRoot } from './proto-files';

/**
 * Options shared by every server and client so both sides agree on the JSON mapping:
 * int64 as strings would surprise callers, so numbers are used (versions stay far below 2^53).
 */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** Loads one .proto file (path relative to protoRoot()) into a grpc-js package definition. */
export function loadProto(relativePath: string): protoLoader.PackageDefinition {
  return protoLoader.loadSync(relativePath, {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [protoRoot()],
  });
}
