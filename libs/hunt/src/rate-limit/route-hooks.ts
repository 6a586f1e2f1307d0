import type { onErrorHookHandler, onRequestHookHandler, RouteOptions } from 'fastify';
import { ApiError } from '../http/errors';
import { exhaustedClaimQuota, setRateLimitHeaders } from './rate-limit-headers';
import type { ReadLimiter } from './read-limiter';

/**
 * An onRoute hook that applies each route's `config.playerLimit` (routes/deps.ts). `reads`: the
 * read is counted per player (after authentication: the route's own onRequest hooks run after
 * the plugin's) and every answer carries the player's RateLimit-* quota; over the limit is a
 * 429. `claims`: the loot-service decides; its 429 carries the exhausted minute's quota.
 */
export function rateLimitRouteHooks(opts: {
  readLimiter: ReadLimiter;
  claimsPerMinute: number;
  now: () => number;
}): (route: RouteOptions) => void {
  const countRead: onRequestHookHandler = (req, reply, done) => {
    const allowed = opts.readLimiter.allow(req.playerId);
    setRateLimitHeaders(reply, opts.readLimiter.quota(req.playerId));
    if (allowed) return done();
    done(new ApiError('rate-limited', 'too many reads this second (rate_limits.reads_per_second)'));
  };
  const claimRefused: onErrorHookHandler = (_req, reply, error, done) => {
    if (error instanceof ApiError && error.kind === 'rate-limited') {
      setRateLimitHeaders(reply, exhaustedClaimQuota(opts.claimsPerMinute, opts.now()));
    }
    done();
  };
  return (route) => {
    const policy = route.config?.playerLimit;
    if (policy === 'reads') route.onRequest = [...[route.onRequest ?? []].flat(), countRead];
    if (policy === 'claims') route.onError = [...[route.onError ?? []].flat(), claimRefused];
  };
}
