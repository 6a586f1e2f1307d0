import {
  grpcErrorWithInfo,
  LOOT_ERROR_DOMAIN,
  SHARED_ERRORS,
  type GrpcErrorStatus,
  type HuntErrorSpec,
} from '@hunt/contracts';
import type { ClaimRejection } from '@hunt/loot-core';

/**
 * The loot-service raises the shared registry of libs/contracts (the hunt API maps the same
 * codes to HTTP; loot.proto documents each, a test there checks it). It must name every claim
 * rejection of libs/loot-core: this `satisfies` stops the build when a rejection has no code.
 */
const ERRORS = SHARED_ERRORS satisfies Record<ClaimRejection | 'invalid' | 'unavailable', HuntErrorSpec>;

/**
 * A hunt.loot.v1 error: the registry's gRPC status, `detail` (default: the registry's text) as
 * the message, and a google.rpc.ErrorInfo whose reason is the HUNT_ERR_* code.
 */
export function lootError(
  kind: keyof typeof ERRORS,
  detail?: string,
  metadata: Record<string, string> = {},
): GrpcErrorStatus {
  const spec = ERRORS[kind];
  return grpcErrorWithInfo(spec.grpc, detail ?? spec.message, {
    reason: spec.code,
    domain: LOOT_ERROR_DOMAIN,
    metadata,
  });
}
