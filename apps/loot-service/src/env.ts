import { MIN_ROLL_SECRET_BYTES } from '@hunt/loot';
import { infraEnvShape, SERVICE_PORTS, serviceEnvSchema, withDeploymentScope } from '@hunt/service-kit';
import { z } from 'zod';

/** Infra settings of the loot-service, from the environment (game balance comes only from the TOML). */
export const envSchema = withDeploymentScope(
  serviceEnvSchema(SERVICE_PORTS['loot-service']).extend({
    ...infraEnvShape,
    /**
     * Keys the loot roll (HMAC-SHA256), so players cannot compute loot from the public treasure
     * ids and config versions; operators replay rolls with it (deploy/README.md, "Rotating the
     * roll secret"). Used byte for byte: surrounding whitespace is refused, not trimmed.
     */
    LOOT_ROLL_SECRET: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `must be set: the loot roll key, at least ${MIN_ROLL_SECRET_BYTES} bytes`
            : undefined,
      })
      .refine((s) => Buffer.byteLength(s, 'utf8') >= MIN_ROLL_SECRET_BYTES, {
        message: `must be at least ${MIN_ROLL_SECRET_BYTES} bytes`,
      })
      .refine((s) => s.trim() === s, {
        message: 'must not start or end with whitespace (a pasted newline would change the key)',
      }),
  }),
);
