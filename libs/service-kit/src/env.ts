import { parseRedisTarget } from '@hunt/redis-connection';
import { z } from 'zod';

/**
 * A TCP port from the environment: decimal digits only, 0..65535. An empty, blank, hex
 * (`0x1F90`) or fractional value is a typo and stops the start; `0` (the OS picks a free port)
 * must be written out, as tests do.
 */
export const portSchema = z
  .string()
  .regex(/^\d{1,5}$/, { message: 'must be a port number: decimal digits, 0..65535 (0 = any free port)' })
  .transform(Number)
  .refine((port) => port <= 65_535, { message: 'must be within 0..65535' });

/** Settings every service reads from the environment; game balance never comes from here. */
export function serviceEnvSchema(defaults: { httpPort: number; grpcPort: number }) {
  return z.object({
    HUNT_CONFIG: z.string().min(1).optional(),
    HTTP_PORT: portSchema.default(defaults.httpPort),
    GRPC_PORT: portSchema.default(defaults.grpcPort),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });
}

/**
 * A required secret (a key or a token) from the environment, used byte for byte: at least
 * `minBytes` UTF-8 bytes, and surrounding whitespace is refused, not trimmed. `purpose` names
 * it in the message of a missing one ("must be set: <purpose>, at least N bytes").
 */
export function secretEnv(opts: { purpose: string; minBytes: number }) {
  const { purpose, minBytes } = opts;
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `must be set: ${purpose}, at least ${minBytes} bytes` : undefined),
    })
    .refine((s) => Buffer.byteLength(s, 'utf8') >= minBytes, { message: `must be at least ${minBytes} bytes` })
    .refine((s) => s.trim() === s, {
      message: 'must not start or end with whitespace (a pasted newline would change it)',
    });
}

const DEFAULT_REDIS_KEY_PREFIX = 'hunt';
/** A deployment's scope name: legal in Kafka topic names and free of Redis's `:` separator. */
const SCOPE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SCOPE_MESSAGE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Where a service finds Redis and Kafka (production mode; the embedded engine needs neither). */
export const infraEnvShape = {
  /** One server (redis://) or a Redis Cluster's seed nodes (redis-cluster://h:p,h:p); parseRedisTarget. */
  REDIS_URL: z.string().superRefine((url, ctx) => {
    try {
      parseRedisTarget(url);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  /** Comma-separated host:port list. */
  KAFKA_BROKERS: z
    .string()
    .min(1, 'must list at least one broker')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  /** Every Redis key starts with it; one per deployment sharing a Redis. */
  REDIS_KEY_PREFIX: z.string().regex(SCOPE_NAME, SCOPE_MESSAGE).default(DEFAULT_REDIS_KEY_PREFIX),
  /**
   * Every Kafka topic and consumer group starts with `<it>.`; one per deployment sharing a
   * Kafka cluster. Empty (the default, a lone deployment): the plain versioned names.
   */
  KAFKA_TOPIC_PREFIX: z.union([z.literal(''), z.string().regex(SCOPE_NAME, SCOPE_MESSAGE)]).default(''),
};

/**
 * Refuses a deployment scoped in Redis but not in Kafka: it would read another deployment's
 * spawns (players shown treasures its loot store never saw) and write into its topics.
 */
export function withDeploymentScope<S extends z.ZodType<{ REDIS_KEY_PREFIX: string; KAFKA_TOPIC_PREFIX: string }>>(
  schema: S,
): S {
  return schema.superRefine((env, ctx) => {
    if (env.REDIS_KEY_PREFIX !== DEFAULT_REDIS_KEY_PREFIX && env.KAFKA_TOPIC_PREFIX === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_TOPIC_PREFIX'],
        message:
          `must be set when REDIS_KEY_PREFIX (${env.REDIS_KEY_PREFIX}) scopes this deployment: without it the ` +
          `deployment shares its topics and consumer groups with every other one on the cluster ` +
          `(for instance KAFKA_TOPIC_PREFIX=${env.REDIS_KEY_PREFIX})`,
      });
    }
  });
}

/** Thrown when the environment is invalid; the message names every bad variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Validates the environment at start-up. Throws EnvError naming each bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new EnvError(`invalid environment:\n${lines.join('\n')}`);
}
