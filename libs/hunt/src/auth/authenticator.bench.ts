/**
 * Micro-benchmark of the token check on the hot path: jose verification on every request vs
 * the authenticator's verified-token cache (a hit is synchronous; also timed behind an await,
 * the cost an always-async playerOf would add). One core, in process, no HTTP.
 *
 *   node --import tsx libs/hunt/src/auth/authenticator.bench.ts [--iterations N]
 *
 * Prints one JSON line per case: {"bench":"auth","case","ns_per_op","ops"}.
 */
import { parseArgs } from 'node:util';
import { createAuthenticator } from './authenticator';
import { mintToken } from './jwt';
import { createSigningKey, signToken, startJwksServer } from './testing/jwks-server';
import { createTokenVerifier } from './token-verifier';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' } } });
const iterations = Number(values.iterations);
const secret = 'b'.repeat(32);
const issuer = 'https://id.example.test/';
const audience = 'hunt-api';
const nowS = Math.floor(Date.now() / 1000);
const claims = { sub: 'ada', iss: issuer, aud: audience, iat: nowS, exp: nowS + 3600 };

async function time(name: string, ops: number, op: () => unknown): Promise<void> {
  for (let i = 0; i < Math.min(ops, 2000); i++) await op(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await op();
  const ns = Number(process.hrtime.bigint() - start) / ops;
  process.stdout.write(`${JSON.stringify({ bench: 'auth', case: name, ns_per_op: Math.round(ns), ops })}\n`);
}

/** Same as `time`, for a synchronous op: no await per iteration. */
function timeSync(name: string, ops: number, op: () => unknown): void {
  for (let i = 0; i < Math.min(ops, 10_000); i++) op();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) op();
  const ns = Number(process.hrtime.bigint() - start) / ops;
  process.stdout.write(`${JSON.stringify({ bench: 'auth', case: name, ns_per_op: Math.round(ns), ops })}\n`);
}

const [rsa, ec] = await Promise.all([createSigningKey('RS256', 'rsa-1'), createSigningKey('ES256', 'ec-1')]);
const server = await startJwksServer([rsa, ec]);
try {
  const jwks = { url: server.url, issuer, audience };
  const tokens = {
    HS256: mintToken({ secret, playerId: 'ada', nowS }),
    RS256: await signToken(rsa, claims),
    ES256: await signToken(ec, claims),
  };
  const verifyHs = createTokenVerifier({ secret });
  const verifyJwks = createTokenVerifier({ jwks });
  for (const [alg, token] of Object.entries(tokens)) {
    const verify = alg === 'HS256' ? verifyHs : verifyJwks;
    const nowMs = Date.now();
    if ((await verify(token, nowMs)).kind !== 'verified') throw new Error(`${alg} token does not verify`);
    await time(`verify per request ${alg} (jose)`, iterations, () => verify(token, nowMs));
  }
  for (const [alg, token] of Object.entries(tokens)) {
    const auth = createAuthenticator(alg === 'HS256' ? { secret, now: Date.now } : { jwks, now: Date.now });
    const header = `Bearer ${token}`;
    await auth.playerOf(header);
    timeSync(`cached hit ${alg} (sync playerOf)`, iterations * 50, () => auth.playerOf(header));
    await time(`cached hit ${alg} (awaited, as an async playerOf would be)`, iterations * 50, () =>
      auth.playerOf(header),
    );
  }
} finally {
  await server.close();
}
