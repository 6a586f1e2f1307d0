import { serviceEnvSchema } from '@hunt/service-kit';

/** Infra settings of the hunt API, from the environment (game balance comes only from the TOML). */
export const envSchema = serviceEnvSchema({ httpPort: 8080, grpcPort: 50051 });
