import { createRemoteJWKSet, customFetch, errors, type FetchImplementation, type JWTVerifyGetKey } from 'jose';

/** Where an identity provider publishes its token keys, and what its tokens must claim. */
export interface JwksSettings {
  /** The JWKS document (https, or http on a loopback host). */
  readonly url: URL;
  /** The `iss` every token must carry, compared exactly. */
  readonly issuer: string;
  /** An `aud` every token must carry (a token may list others besides). */
  readonly audience: string;
}

/** How the key set is cached and refetched; the defaults suit production. */
export interface JwksTiming {
  /** A fetched key set is used this long, then fetched again before the next key look-up. */
  readonly cacheMaxAgeMs: number;
  /** An unknown `kid` refetches the set, but not within this long of the last good fetch. */
  readonly cooldownMs: number;
  /** No fetch starts within this long of the last one: an endpoint that is down is not hammered. */
  readonly minFetchIntervalMs: number;
  /** A fetch that takes longer fails. */
  readonly timeoutMs: number;
}

export const DEFAULT_JWKS_TIMING: JwksTiming = {
  cacheMaxAgeMs: 10 * 60_000,
  cooldownMs: 30_000,
  minFetchIntervalMs: 1_000,
  timeoutMs: 2_000,
};

/** The token's signing key could not be obtained: the JWKS endpoint is down, slow or broken. */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

/**
 * The key resolver of jwtVerify for a remote JWKS. jose's remote set caches the keys, refetches
 * on an unknown `kid` (once per cooldown) and dedupes concurrent fetches; this adds the failure
 * rule: a key look-up that needs the endpoint and cannot get an answer rejects with
 * KeysUnavailable (the caller answers 503), whereas a set that was fetched but holds no key for
 * the token rejects with jose's JWKSNoMatchingKey (the token is invalid: 401). Keys are never
 * used past `cacheMaxAgeMs` (fails closed: a removed key stops verifying within that time).
 */
export function createJwksKeys(url: URL, timing: JwksTiming = DEFAULT_JWKS_TIMING): JWTVerifyGetKey {
  let lastAttemptMs = -Infinity; // when the last fetch started or, once done, ended
  const fetchAtMostOncePerInterval: FetchImplementation = async (href, init) => {
    // Wall-clock, like jose's own cache and cooldown (this clock is not injected).
    const sinceMs = Date.now() - lastAttemptMs;
    if (sinceMs < timing.minFetchIntervalMs) {
      throw new KeysUnavailable(
        `JWKS fetched ${Math.round(sinceMs)} ms ago; not again within ${timing.minFetchIntervalMs} ms`,
      );
    }
    lastAttemptMs = Date.now();
    try {
      return await fetch(href, init);
    } finally {
      lastAttemptMs = Date.now();
    }
  };
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: timing.cacheMaxAgeMs,
    cooldownDuration: timing.cooldownMs,
    timeoutDuration: timing.timeoutMs,
    [customFetch]: fetchAtMostOncePerInterval,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      // Anything else comes from obtaining the set: refused, timed out, not 200, not a JWKS, or
      // a published key that does not import. None of it is the token's fault.
      throw error instanceof KeysUnavailable
        ? error
        : new KeysUnavailable(`JWKS ${url.href}: ${(error as Error).message}`, { cause: error });
    }
  };
}
