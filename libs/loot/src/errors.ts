import { status } from '@grpc/grpc-js';
import type { ClaimRejection } from '@hunt/loot-core';

export interface LootErrorSpec {
  readonly code: `HUNT_ERR_${string}`;
  readonly grpc: status;
  /** What the hunt API answers for it. */
  readonly http: number;
  readonly message: string;
}

/**
 * The loot-service error registry: every outcome a client can see besides success. Each is
 * documented in libs/contracts/proto/loot/v1/loot.proto (a test checks it). No 5xx-class code
 * leaks internals: UNAVAILABLE says only that a retry is safe.
 */
export const LOOT_ERRORS = {
  'not-found': {
    code: 'HUNT_ERR_TREASURE_NOT_FOUND',
    grpc: status.NOT_FOUND,
    http: 404,
    message: 'no such treasure in that zone',
  },
  expired: {
    code: 'HUNT_ERR_TREASURE_EXPIRED',
    grpc: status.FAILED_PRECONDITION,
    http: 410,
    message: 'the treasure has expired',
  },
  'already-claimed': {
    code: 'HUNT_ERR_ALREADY_CLAIMED',
    grpc: status.ALREADY_EXISTS,
    http: 409,
    message: 'another player already claimed this treasure',
  },
  'too-far': {
    code: 'HUNT_ERR_TOO_FAR',
    grpc: status.OUT_OF_RANGE,
    http: 422,
    message: 'the player is outside the claim radius',
  },
  'implausible-movement': {
    code: 'HUNT_ERR_IMPLAUSIBLE_MOVEMENT',
    grpc: status.PERMISSION_DENIED,
    http: 403,
    message: 'movement since the last claim is implausibly fast',
  },
  'rate-limited': {
    code: 'HUNT_ERR_RATE_LIMITED',
    grpc: status.RESOURCE_EXHAUSTED,
    http: 429,
    message: 'too many claims this minute',
  },
  invalid: { code: 'HUNT_ERR_INVALID_ARGUMENT', grpc: status.INVALID_ARGUMENT, http: 400, message: 'invalid request' },
  unavailable: {
    code: 'HUNT_ERR_UNAVAILABLE',
    grpc: status.UNAVAILABLE,
    http: 503,
    message: 'temporarily unavailable; retrying is safe',
  },
} as const satisfies Record<ClaimRejection | 'invalid' | 'unavailable', LootErrorSpec>;

export type LootErrorKind = keyof typeof LOOT_ERRORS;
