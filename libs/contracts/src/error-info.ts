import { Metadata, type status } from '@grpc/grpc-js';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { GOOGLE_RPC_PROTOS, googleProtoRoot } from './proto-files';

/** ErrorInfo.domain of every error the loot-service raises (hunt.loot.v1). */
export const LOOT_ERROR_DOMAIN = 'loot.hunt';

/** The trailer of gRPC's rich error model: a serialised google.rpc.Status. */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

const ERROR_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.ErrorInfo';

/** google.rpc.ErrorInfo: `reason` is a HUNT_ERR_* code, unique within `domain`. */
export interface ErrorInfo {
  readonly reason: string;
  readonly domain: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** What a grpc-js server passes to a unary callback (or `sendStatus`) to end a call in error. */
export interface GrpcErrorStatus {
  readonly code: status;
  readonly details: string;
  readonly metadata: Metadata;
}

let rpcTypes: { status: protobuf.Type; errorInfo: protobuf.Type } | undefined;

/** google.rpc.Status and ErrorInfo, loaded once from GOOGLE_RPC_PROTOS. */
function types() {
  if (rpcTypes) return rpcTypes;
  const dir = googleProtoRoot();
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(dir, target);
  root.loadSync([...GOOGLE_RPC_PROTOS], { keepCase: true });
  rpcTypes = { status: root.lookupType('google.rpc.Status'), errorInfo: root.lookupType('google.rpc.ErrorInfo') };
  return rpcTypes;
}

/**
 * A gRPC error in the standard rich error model, which grpcurl and other clients read: the
 * status `code` and `message`, and in the `grpc-status-details-bin` trailer a google.rpc.Status
 * with the same code and message whose one detail is `info` as a google.rpc.ErrorInfo.
 */
export function grpcErrorWithInfo(code: status, message: string, info: ErrorInfo): GrpcErrorStatus {
  const { status: Status, errorInfo: ErrorInfoType } = types();
  const value = ErrorInfoType.encode(ErrorInfoType.fromObject(info)).finish();
  const body = Status.encode(
    Status.fromObject({ code, message, details: [{ type_url: ERROR_INFO_TYPE_URL, value }] }),
  ).finish();
  const metadata = new Metadata();
  metadata.set(STATUS_DETAILS_KEY, Buffer.from(body));
  return { code, details: message, metadata };
}

/**
 * The google.rpc.ErrorInfo of a failed call's trailers, if it carries one. A trailer that does
 * not decode counts as none: the caller then judges the error by its status code alone.
 */
export function errorInfoOf(metadata: Metadata | undefined): ErrorInfo | undefined {
  const raw = metadata?.get(STATUS_DETAILS_KEY)[0];
  if (!Buffer.isBuffer(raw)) return undefined;
  const { status: Status, errorInfo: ErrorInfoType } = types();
  try {
    const decoded = Status.toObject(Status.decode(raw), { arrays: true }) as {
      details: { type_url?: string; value?: Uint8Array }[];
    };
    const detail = decoded.details.find((d) => d.type_url === ERROR_INFO_TYPE_URL);
    if (!detail?.value) return undefined;
    const info = ErrorInfoType.toObject(ErrorInfoType.decode(detail.value), { defaults: true, objects: true });
    return info as ErrorInfo;
  } catch {
    return undefined;
  }
}
