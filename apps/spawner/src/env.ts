import { serviceEnvSchema } from '@hunt/service-kit';

/** Infra settings of the spawner, from the environment (game balance comes only from the TOML). */
export const envSchema = serviceEnvSchema({ httpPort: 8082, grpcPort: 50053 });
