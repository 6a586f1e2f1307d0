import { status } from '@grpc/grpc-js';

/** One coded outcome a client can see besides success. */
export interface HuntErrorSpec {
  readonly code: `HUNT_ERR_${string}`;
  /** The gRPC status the loot-service answers with (hunt.loot.v1). */
  readonly grpc: status;
  /** The HTTP status the hunt API answers with. */
  readonly http: number;
  readonly message: string;
}

/**
 * The claim and read outcomes that cross the loot gRPC boundary, shared by the loot-service
 * (which raises them; libs/loot checks at compile time that every claim rejection has a code)
 * and the hunt API (which maps them to HTTP by code). Documented in loot.proto (gRPC) and the
 * README's error table (HTTP); tests check both.
 *
 * Implausible movement is a 422 (the player's claim is unprocessable, as for "too far"), per
 * the hunt API contract.
 */
export const SHARED_ERRORS = {
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
    http: 422,
    message: 'movement since the last claim is implausibly fast',
  },
  'rate-limited': {
    code: 'HUNT_ERR_RATE_LIMITED',
    grpc: status.RESOURCE_EXHAUSTED,
    http: 429,
    message: 'too many requests (claims per minute or reads per second); slow down',
  },
  invalid: { code: 'HUNT_ERR_INVALID_ARGUMENT', grpc: status.INVALID_ARGUMENT, http: 400, message: 'invalid request' },
  /**
   * A hunt.loot.v1 call without the right service token (LOOT_SERVICE_TOKEN). The hunt API
   * answers its own players' missing bearer token with the same code (401); a loot refusal of
   * the API's service token is a deployment fault, which it answers as HUNT_ERR_INTERNAL.
   */
  unauthenticated: {
    code: 'HUNT_ERR_UNAUTHENTICATED',
    grpc: status.UNAUTHENTICATED,
    http: 401,
    message: 'a valid service token is required (authorization: Bearer <LOOT_SERVICE_TOKEN>)',
  },
  unavailable: {
    code: 'HUNT_ERR_UNAVAILABLE',
    grpc: status.UNAVAILABLE,
    http: 503,
    message: 'temporarily unavailable; retrying is safe',
  },
} as const satisfies Record<string, HuntErrorSpec>;
