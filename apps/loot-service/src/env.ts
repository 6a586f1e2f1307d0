import { infraEnvShape, serviceEnvSchema } from '@hunt/service-kit';

/** Infra settings of the loot-service, from the environment (game balance comes only from the TOML). */
export const envSchema = serviceEnvSchema({ httpPort: 8081, grpcPort: 50052 }).extend(infraEnvShape);
