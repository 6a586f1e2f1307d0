import { serviceEnvSchema } from '@hunt/service-kit';
import { z } from 'zod';

/** Infra settings of the loot-service, from the environment (game balance comes only from the TOML). */
export const envSchema = serviceEnvSchema({ httpPort: 8081, grpcPort: 50052 }).extend({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
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
  REDIS_KEY_PREFIX: z.string().min(1).default('hunt'),
});
