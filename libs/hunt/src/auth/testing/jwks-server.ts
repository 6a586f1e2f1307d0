import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** A key pair of a test identity provider; `jwk` is its public half as published. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

export async function createSigningKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A token signed by `key` (header alg and kid from it); claims as given, nothing added. */
export function signToken(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** How the test endpoint answers: the key set, a 500, a reset connection or never. */
export type JwksMode = 'up' | 'http-500' | 'reset' | 'hang';

/**
 * A JWKS endpoint on 127.0.0.1 (an ephemeral port) that the test controls: which keys it
 * publishes, whether it is down and how, and how many requests it got (the test's own ledger).
 */
export async function startJwksServer(keys: readonly SigningKey[] = []) {
  let published = keys;
  let mode: JwksMode = 'up';
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (mode === 'reset') return req.socket.destroy();
    if (mode === 'hang') return;
    if (mode === 'http-500') return res.writeHead(500).end('down');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`),
    publish(next: readonly SigningKey[]) {
      published = next;
    },
    setMode(next: JwksMode) {
      mode = next;
    },
    get requests() {
      return requests;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
