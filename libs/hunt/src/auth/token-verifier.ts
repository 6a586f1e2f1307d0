import { createSecretKey } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { createJwksKeys, KeysUnavailable, type JwksSettings, type JwksTiming } from './jwks';

/** Leeway for `exp`, `nbf` and `iat`: the issuer's clock and ours differ by a few seconds. */
export const CLOCK_TOLERANCE_S = 30;

/** How player tokens are verified: exactly one of the two modes. */
export type TokenKeys =
  | {
      /** HS256 with a shared secret: development and `npm start` (`npm run token` mints them). */
      readonly secret: string;
      readonly jwks?: never;
    }
  | {
      /** RS256 or ES256 tokens of an identity provider, checked against its published keys. */
      readonly jwks: JwksSettings;
      readonly secret?: never;
    };

/** What a token verifies to; a bad token is an expected outcome, not an exception. */
export type Verification =
  | { readonly kind: 'verified'; readonly playerId: string; readonly expiresAtS: number }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'keys-unavailable'; readonly error: KeysUnavailable };

/**
 * Verifies one token at `nowMs`. Rejects only on a bug (not on any token, nor on a JWKS outage).
 */
export type VerifyToken = (token: string, nowMs: number) => Promise<Verification>;

export interface TokenVerifierOptions {
  readonly clockToleranceS?: number;
  readonly jwksTiming?: JwksTiming;
}

const HS256 = ['HS256'];
/** Asymmetric only: an HS256 token "signed" with a public key (alg confusion) is refused. */
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Token verification by jose. Both modes require a signature by an allowed algorithm (`none`
 * and every algorithm of the other mode are refused before any key is looked at), a `sub` of
 * 1-128 characters (the player id) and an `exp`; `exp`, `nbf` and `iat` are checked with
 * `clockToleranceS` of leeway. The JWKS mode also requires `iss` and `aud` to match.
 */
export function createTokenVerifier(keys: TokenKeys, opts: TokenVerifierOptions = {}): VerifyToken {
  const clockTolerance = opts.clockToleranceS ?? CLOCK_TOLERANCE_S;
  let verify: (token: string, options: JWTVerifyOptions) => Promise<{ payload: JWTPayload }>;
  let modeOptions: JWTVerifyOptions;
  if (keys.jwks === undefined) {
    // A CryptoKey, imported once: jose re-imports a KeyObject or bytes on every call.
    const secret = createSecretKey(Buffer.from(keys.secret, 'utf8')).toCryptoKey(
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    verify = (token, options) => jwtVerify(token, secret, options);
    modeOptions = { algorithms: HS256 };
  } else {
    const getKey = createJwksKeys(keys.jwks.url, opts.jwksTiming);
    verify = (token, options) => jwtVerify(token, getKey, options);
    modeOptions = { algorithms: JWKS_ALGORITHMS, issuer: keys.jwks.issuer, audience: keys.jwks.audience };
  }
  return async (token, nowMs) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token, { ...modeOptions, clockTolerance, currentDate: new Date(nowMs) }));
    } catch (error) {
      return classify(error);
    }
    const { sub, exp, iat } = payload;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) return invalid('bad subject');
    if (exp === undefined) return invalid('no expiry');
    // jose checks `iat` against the clock only with maxTokenAge; a token from the future is forged
    // or from a broken issuer clock either way.
    if (iat !== undefined && iat > nowMs / 1000 + clockTolerance) return invalid('token issued in the future');
    return { kind: 'verified', playerId: sub, expiresAtS: exp };
  };
}

const invalid = (reason: string): Verification => ({ kind: 'invalid', reason });

const CLAIM_REASONS: Record<string, string> = {
  nbf: 'token not yet valid',
  exp: 'no expiry',
  iat: 'bad issued-at',
  iss: 'unexpected issuer',
  aud: 'unexpected audience',
};

/** Every way a token can be wrong, as a reason for the 401; anything else is a bug and rethrown. */
function classify(error: unknown): Verification {
  if (error instanceof KeysUnavailable) return { kind: 'keys-unavailable', error };
  if (error instanceof errors.JWTExpired) return invalid('token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return invalid(CLAIM_REASONS[error.claim] ?? `bad ${error.claim} claim`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalid('unsupported algorithm');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('bad signature');
  if (error instanceof errors.JWKSNoMatchingKey) return invalid('unknown signing key');
  if (error instanceof errors.JWKSMultipleMatchingKeys) return invalid('ambiguous signing key');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return invalid('malformed token');
  throw error;
}
