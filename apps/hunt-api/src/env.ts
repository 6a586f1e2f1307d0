import { MIN_SECRET_LENGTH } from '@hunt/hunt';
import { infraEnvShape, SERVICE_PORTS, serviceEnvSchema, withDeploymentScope } from '@hunt/service-kit';
import { z } from 'zod';

/** Infra settings of the hunt API, from the environment (game balance comes only from the TOML). */
export const envSchema = withDeploymentScope(
  serviceEnvSchema(SERVICE_PORTS['hunt-api']).extend({
    ...infraEnvShape,
    /** HS256 key of player tokens (`npm run token -- <player>` mints one with the same key). */
    JWT_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`),
    /** host:port of the loot-service's gRPC port. */
    LOOT_GRPC_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port')
      .default('127.0.0.1:50052'),
  }),
);
