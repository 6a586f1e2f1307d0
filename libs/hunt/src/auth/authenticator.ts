import { ApiError } from '../http/errors';
import { CLOCK_TOLERANCE_S, createTokenVerifier, type TokenKeys, type TokenVerifierOptions } from './token-verifier';

export interface Authenticator {
  /**
   * The player id of a bearer `authorization` header. A token verified before answers at once
   * with a string (the hot path: no promise, no crypto); any other token is verified and
   * answers with a promise. Callers must accept both.
   * @throws ApiError('unauthenticated', field 'authorization'), synchronously, when the header is
   *   not "Bearer <token>"; the promise rejects with the same error when the token is invalid
   *   (401), and with ApiError('unavailable') when the token's signing key cannot be fetched
   *   (503 with Retry-After: the client retries; nothing here retries).
   */
  playerOf(authorization: string | undefined): string | Promise<string>;
}

export type AuthenticatorOptions = TokenKeys &
  TokenVerifierOptions & {
    readonly now: () => number;
    /**
     * A verified token is answered from the cache for at most this long, then verified again:
     * so a key removed from the JWKS stops working within this plus the key set's cache age.
     */
    readonly reverifyAfterMs?: number;
    /** Told of each token answered 503 because the keys could not be fetched (an outage log). */
    readonly onKeysUnavailable?: (error: Error) => void;
  };

const CACHE_LIMIT = 10_000;
const REVERIFY_AFTER_MS = 60_000;

/**
 * Bearer-token authentication with a cache of verified tokens: the nearby read is the hot path
 * and a player polls with the same token, so the signature check (tens of microseconds for
 * RS256/ES256, see authenticator.bench.ts) runs about once a minute per token rather than once
 * per request. A cached token is still refused once its `exp` (plus the clock tolerance)
 * passes. Concurrent requests with the same unverified token share one verification. Full, the
 * cache drops its oldest entry. Invalid tokens are not cached.
 */
export function createAuthenticator(opts: AuthenticatorOptions): Authenticator {
  const verify = createTokenVerifier(opts, opts);
  const toleranceMs = (opts.clockToleranceS ?? CLOCK_TOLERANCE_S) * 1000;
  const reverifyAfterMs = opts.reverifyAfterMs ?? REVERIFY_AFTER_MS;
  const verified = new Map<string, { playerId: string; usableUntilMs: number }>();
  const pending = new Map<string, Promise<string>>();

  async function verifyAndCache(token: string, nowMs: number): Promise<string> {
    const result = await verify(token, nowMs);
    if (result.kind === 'invalid') {
      throw new ApiError('unauthenticated', `authorization: ${result.reason}`, 'authorization');
    }
    if (result.kind === 'keys-unavailable') {
      opts.onKeysUnavailable?.(result.error);
      throw new ApiError(
        'unavailable',
        'the keys of player tokens cannot be fetched right now; retry shortly',
        undefined,
        {
          cause: result.error,
        },
      );
    }
    if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value as string);
    const usableUntilMs = Math.min(result.expiresAtS * 1000 + toleranceMs, nowMs + reverifyAfterMs);
    verified.delete(token); // re-inserted last: the oldest entry is the one evicted
    verified.set(token, { playerId: result.playerId, usableUntilMs });
    return result.playerId;
  }

  return {
    playerOf(authorization) {
      if (!authorization?.startsWith('Bearer ')) {
        throw new ApiError('unauthenticated', 'authorization: expected "Bearer <token>"', 'authorization');
      }
      const token = authorization.slice(7);
      const nowMs = opts.now();
      const hit = verified.get(token);
      if (hit && hit.usableUntilMs > nowMs) return hit.playerId;
      let inFlight = pending.get(token);
      if (!inFlight) {
        inFlight = verifyAndCache(token, nowMs).finally(() => pending.delete(token));
        pending.set(token, inFlight);
      }
      return inFlight;
    },
  };
}
