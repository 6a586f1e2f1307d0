import { MIN_SERVICE_TOKEN_BYTES } from '@hunt/contracts';
import { MIN_SECRET_LENGTH } from '@hunt/hunt';
import { infraEnvShape, SERVICE_PORTS, secretEnv, serviceEnvSchema, withDeploymentScope } from '@hunt/service-kit';
import { isIP } from 'node:net';
import { z } from 'zod';

/** localhost, 127.0.0.0/8 and ::1: the only hosts a JWKS may be fetched from without TLS. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function jwksUrlProblem(url: URL | null): string | undefined {
  if (url === null) return 'must be an absolute URL';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    return 'must be an https:// URL (http:// only on a loopback host: localhost, 127.x.x.x, [::1])';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  return undefined;
}

const jwksUrl = z.string().transform((text, ctx) => {
  const url = URL.parse(text);
  const problem = jwksUrlProblem(url);
  if (url === null || problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem ?? 'must be an absolute URL' });
    return z.NEVER;
  }
  return url;
});

/** Compared exactly with the token's claim: stray whitespace is refused, not trimmed. */
const claimValue = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');

const JWKS_VARS = ['JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'] as const;
const MODES =
  'either JWT_SECRET (HS256, development) or JWKS_URL, JWT_ISSUER and JWT_AUDIENCE (RS256/ES256 tokens of an identity provider)';

/** Infra settings of the hunt API, from the environment (game balance comes only from the TOML). */
export const envSchema = withDeploymentScope(
  serviceEnvSchema(SERVICE_PORTS['hunt-api']).extend({
    ...infraEnvShape,
    /** HS256 key of player tokens (`npm run token -- <player>` mints one with the same key). */
    JWT_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
    /** The identity provider's key set; with it, player tokens are RS256/ES256 tokens of that provider. */
    JWKS_URL: jwksUrl.optional(),
    /** The `iss` of the provider's tokens (JWKS mode). */
    JWT_ISSUER: claimValue.optional(),
    /** The `aud` that the provider's tokens for this API carry (JWKS mode). */
    JWT_AUDIENCE: claimValue.optional(),
    /** host:port of the loot-service's gRPC port. */
    LOOT_GRPC_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port')
      .default('127.0.0.1:50052'),
    /** The loot-service's LOOT_SERVICE_TOKEN: sent with every hunt.loot.v1 call. */
    LOOT_SERVICE_TOKEN: secretEnv({
      purpose: "the loot-service's service token (its LOOT_SERVICE_TOKEN)",
      minBytes: MIN_SERVICE_TOKEN_BYTES,
    }),
  }),
)
  .superRefine(
    (env, ctx) => {
      // Runs even when other variables failed, so every problem is named at once.
      const set = (name: 'JWT_SECRET' | (typeof JWKS_VARS)[number]) => env[name] !== undefined;
      const jwksSet = JWKS_VARS.filter(set);
      if (set('JWT_SECRET') && jwksSet.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: `must not be set together with ${jwksSet.join(', ')}: tokens are verified in one mode, ${MODES}`,
        });
      } else if (jwksSet.length > 0) {
        for (const name of JWKS_VARS.filter((n) => !set(n))) {
          ctx.addIssue({ code: 'custom', path: [name], message: `must be set with ${jwksSet.join(', ')}` });
        }
      } else if (!set('JWT_SECRET')) {
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: `is not set, nor is JWKS_URL: set ${MODES}` });
      }
    },
    { when: () => true },
  )
  .transform(({ JWT_SECRET, JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, ...env }, ctx) => {
    // The checks above passed, so exactly one mode is complete here.
    if (JWT_SECRET !== undefined) return { ...env, tokenKeys: { jwtSecret: JWT_SECRET } };
    if (JWKS_URL && JWT_ISSUER && JWT_AUDIENCE) {
      return { ...env, tokenKeys: { jwks: { url: JWKS_URL, issuer: JWT_ISSUER, audience: JWT_AUDIENCE } } };
    }
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: `set ${MODES}` });
    return z.NEVER;
  });
