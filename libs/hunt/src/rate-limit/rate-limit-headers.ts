import type { FastifyReply } from 'fastify';

/** The per-player limit a /v1 route counts against (its `config.playerLimit`). */
export type PlayerLimit = 'reads' | 'claims';

/** Where a player stands in a fixed-window limit. */
export interface RateQuota {
  readonly limit: number;
  /** Requests left in the current window (0 once refused). */
  readonly remaining: number;
  /** Whole seconds until the window ends, at least 1. */
  readonly resetS: number;
}

/**
 * The three response headers of the IETF draft httpapi-ratelimit-headers in the form most
 * clients and gateways read (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset as delta
 * seconds). The error handler's Retry-After on a 429 follows RateLimit-Reset.
 */
export const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'] as const;

export function setRateLimitHeaders(reply: FastifyReply, quota: RateQuota): void {
  reply.header('ratelimit-limit', quota.limit);
  reply.header('ratelimit-remaining', quota.remaining);
  reply.header('ratelimit-reset', quota.resetS);
}

/** Seconds from `nowMs` to the end of its fixed window of `windowMs` (1..windowMs/1000). */
export function secondsToWindowEnd(nowMs: number, windowMs: number): number {
  return Math.max(1, Math.ceil((windowMs - (nowMs % windowMs)) / 1000));
}

/**
 * The claim quota when the loot-service refused a claim as rate-limited: it counts attempts
 * per player per wall-clock minute (loot-core's rateWindow), so nothing is left until the
 * minute ends. The API does not know the count otherwise, so only refused claims carry it.
 */
export function exhaustedClaimQuota(claimsPerMinute: number, nowMs: number): RateQuota {
  return { limit: claimsPerMinute, remaining: 0, resetS: secondsToWindowEnd(nowMs, 60_000) };
}
