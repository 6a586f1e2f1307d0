import type { OpenAPIV3 } from 'openapi-types';
import type { PlayerLimit } from '../rate-limit/rate-limit-headers';

const integer = (minimum: number) => ({ type: 'integer' as const, minimum });

/** components.headers of the document: every response header the API sets. */
export const RESPONSE_HEADERS = {
  ConfigVersion: {
    description: 'Version of the static config this replica runs (on every answer)',
    required: true,
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  RequestId: {
    description: "The request's id: the client's own x-request-id, else a new UUID; errors are logged with it",
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  RetryAfter: { description: 'Seconds to wait before retrying', required: true, schema: integer(1) },
  RateLimitLimit: {
    description: 'Requests allowed per window (IETF draft httpapi-ratelimit-headers)',
    schema: integer(1),
  },
  RateLimitRemaining: { description: 'Requests left in the current window', schema: integer(0) },
  RateLimitReset: { description: 'Seconds until the current window ends', schema: integer(1) },
} satisfies Record<string, OpenAPIV3.HeaderObject>;

const ref = (name: keyof typeof RESPONSE_HEADERS) => ({ $ref: `#/components/headers/${name}` });

/**
 * The headers of one documented response. Reads carry RateLimit-* once the player is known
 * (not on a 401: authentication comes first); claims only on their 429, when the loot-service
 * refused (the API knows the claim count of no other answer).
 */
export function responseHeaders(
  status: string,
  policy: PlayerLimit | undefined,
): Record<string, OpenAPIV3.ReferenceObject> {
  const rateLimited = (policy === 'reads' && status !== '401') || (policy === 'claims' && status === '429');
  return {
    'X-Config-Version': ref('ConfigVersion'),
    'X-Request-Id': ref('RequestId'),
    ...((status === '429' || status === '503') && { 'Retry-After': ref('RetryAfter') }),
    ...(rateLimited && {
      'RateLimit-Limit': ref('RateLimitLimit'),
      'RateLimit-Remaining': ref('RateLimitRemaining'),
      'RateLimit-Reset': ref('RateLimitReset'),
    }),
  };
}
