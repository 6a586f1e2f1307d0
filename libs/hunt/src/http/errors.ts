import { SHARED_ERRORS } from '@hunt/contracts';

/**
 * Every error code the player API answers with, and its HTTP status. The loot outcomes come
 * from the shared registry in libs/contracts (the loot-service raises them over gRPC with the
 * same codes); the rest are the API's own. Each is documented in the README's error table (a
 * test checks it). Only UNAVAILABLE, TREASURE_PENDING (both retryable, with Retry-After) and
 * INTERNAL are 5xx; INTERNAL never carries details.
 */
export const API_ERRORS = {
  ...SHARED_ERRORS,
  unauthenticated: {
    code: 'HUNT_ERR_UNAUTHENTICATED',
    http: 401,
    message: 'a valid bearer token is required',
  },
  'route-not-found': { code: 'HUNT_ERR_ROUTE_NOT_FOUND', http: 404, message: 'no such route' },
  'method-not-allowed': {
    code: 'HUNT_ERR_METHOD_NOT_ALLOWED',
    http: 405,
    message: 'the route does not answer this method (see Allow)',
  },
  'payload-too-large': { code: 'HUNT_ERR_PAYLOAD_TOO_LARGE', http: 413, message: 'the request body is too large' },
  /**
   * A treasure this API lists that the loot-service does not know yet (its spawn consumer lags,
   * or Redis lost it): retryable with Retry-After, never a 404 for something the player was shown.
   */
  pending: {
    code: 'HUNT_ERR_TREASURE_PENDING',
    http: 503,
    message: 'the treasure is not claimable yet (loot is catching up); retry shortly',
  },
  internal: { code: 'HUNT_ERR_INTERNAL', http: 500, message: 'internal error' },
} as const satisfies Record<string, { code: `HUNT_ERR_${string}`; http: number; message: string }>;

export type ApiErrorKind = keyof typeof API_ERRORS;

/** Seconds a client should wait before retrying a 503 (the Retry-After header). */
export const RETRY_AFTER_S = 1;

/** An expected failure of a request, rendered as `{"error":{"code","message","field"?}}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  constructor(
    readonly kind: ApiErrorKind,
    message?: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message ?? API_ERRORS[kind].message, options);
    this.status = API_ERRORS[kind].http;
    this.code = API_ERRORS[kind].code;
  }

  toBody(): { error: { code: string; message: string; field?: string } } {
    return {
      error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) },
    };
  }
}

const BY_CODE = new Map<string, ApiErrorKind>(
  Object.entries(API_ERRORS).map(([kind, spec]) => [spec.code, kind as ApiErrorKind]),
);

/** The registry entry of a HUNT_ERR_* code received from another service, if it is known. */
export function kindOfCode(code: string | undefined): ApiErrorKind | undefined {
  return code === undefined ? undefined : BY_CODE.get(code);
}
