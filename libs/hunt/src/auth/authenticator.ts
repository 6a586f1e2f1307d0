import { ApiError } from '../http/errors';
import { verifyToken } from './jwt';

export interface Authenticator {
  /** The player id of a bearer `authorization` header; throws ApiError('unauthenticated'). */
  playerOf(authorization: string | undefined): string;
}

const CACHE_LIMIT = 10_000;

/**
 * Bearer-token authentication with a small cache of verified tokens: the nearby read is the hot
 * path and a player polls with the same token, so the HMAC runs once per token rather than once
 * per request. A cached token is still rejected once its `exp` passes. The cache is bounded by
 * dropping everything when full (cheap, and a re-verify is only microseconds).
 */
export function createAuthenticator(opts: { secret: string; nowMs: () => number }): Authenticator {
  const verified = new Map<string, { playerId: string; expiresAtS: number }>();
  return {
    playerOf(authorization) {
      if (!authorization?.startsWith('Bearer ')) {
        throw new ApiError('unauthenticated', 'authorization: expected "Bearer <token>"', 'authorization');
      }
      const token = authorization.slice(7);
      const nowS = opts.nowMs() / 1000;
      const hit = verified.get(token);
      if (hit && hit.expiresAtS > nowS) return hit.playerId;
      const result = verifyToken(token, opts.secret, nowS);
      if (!result.ok) throw new ApiError('unauthenticated', `authorization: ${result.reason}`, 'authorization');
      if (verified.size >= CACHE_LIMIT) verified.clear();
      verified.set(token, { playerId: result.playerId, expiresAtS: result.expiresAtS });
      return result.playerId;
    },
  };
}
