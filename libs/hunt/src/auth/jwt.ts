import { createHmac, timingSafeEqual } from 'node:crypto';

/** The shortest JWT_SECRET accepted: an HS256 key should carry at least 256 bits. */
export const MIN_SECRET_LENGTH = 32;

export type VerifyResult = { ok: true; playerId: string; expiresAtS: number } | { ok: false; reason: string };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function sign(secret: string, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

/** Mints an HS256 JWT whose `sub` is the player id; for the token CLI, bots and tests. */
export function mintToken(opts: { secret: string; playerId: string; nowS: number; ttlS?: number }): string {
  const payload = base64url(
    JSON.stringify({ sub: opts.playerId, iat: opts.nowS, exp: opts.nowS + (opts.ttlS ?? 86_400) }),
  );
  const input = `${HEADER}.${payload}`;
  return `${input}.${sign(opts.secret, input).toString('base64url')}`;
}

/**
 * Verifies an HS256 JWT. Only HS256 is accepted (a header naming `none` or any other algorithm
 * is refused before the signature is looked at), the signature is compared in constant time,
 * `exp` is required and must be in the future, `sub` must be a non-empty string.
 */
export function verifyToken(token: string, secret: string, nowS: number): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed token' };
  const [header, payload, signature] = parts as [string, string, string];
  const alg = parseJson(header)?.['alg'];
  if (alg !== 'HS256') return { ok: false, reason: 'unsupported algorithm' };
  const expected = sign(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  const claims = parseJson(payload);
  const sub = claims?.['sub'];
  const exp = claims?.['exp'];
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) return { ok: false, reason: 'bad subject' };
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { ok: false, reason: 'no expiry' };
  if (exp <= nowS) return { ok: false, reason: 'token expired' };
  return { ok: true, playerId: sub, expiresAtS: exp };
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
