import { createHmac } from 'node:crypto';

/** The shortest JWT_SECRET accepted: an HS256 key should carry at least 256 bits. */
export const MIN_SECRET_LENGTH = 32;

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Mints an HS256 JWT whose `sub` is the player id; for the token CLI, bots and tests. Synchronous
 * on purpose (its callers are loops and fixtures); the API verifies it with jose
 * (token-verifier.ts), and a test checks the two agree.
 */
export function mintToken(opts: { secret: string; playerId: string; nowS: number; ttlS?: number }): string {
  const payload = base64url(
    JSON.stringify({ sub: opts.playerId, iat: opts.nowS, exp: opts.nowS + (opts.ttlS ?? 86_400) }),
  );
  const input = `${HEADER}.${payload}`;
  return `${input}.${createHmac('sha256', opts.secret).update(input).digest('base64url')}`;
}
